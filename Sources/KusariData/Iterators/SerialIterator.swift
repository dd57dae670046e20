import KusariCore

/// Hands out minibatches of a dataset's examples in order or shuffled, epoch after epoch: Chainer's
/// `SerialIterator`.
///
/// Each batch is the dataset's ``Dataset/batch(at:)`` of `batchSize` indices, e.g. `[x, t]` with shapes
/// `(batchSize, …)`. The semantics follow Chainer:
/// - **repeat** (training): at the end of an epoch the batch wraps around. The rest of the batch is taken
///   from the start of the next epoch's order (a fresh shuffle), ``epoch`` increases and ``isNewEpoch`` is
///   true for that batch. Batches are always full; with 180 examples and batch 10 an epoch is exactly 18
///   iterations, with 144 and batch 10 the 15th batch holds the last 4 of epoch 0 and the first 6 of epoch 1.
///   With `wrapsAround: false` the last batch of every epoch is short instead (4 here, then epoch 1 starts
///   with a fresh batch), as Keras' `fit` and PyTorch's `DataLoader` do: 15 iterations per epoch.
/// - **no repeat** (evaluation): the last batch of the single epoch may be short, and then ``next()``
///   returns nil until ``reset()``. A non-repeating iterator is a `Sequence`:
///   `for batch in SerialIterator(validation, batchSize: 10, repeat: false, shuffle: false) { … }`.
///
/// Shuffling is reproducible: the iterator draws one 64-bit seed from `generator` at creation and
/// derives epoch k's permutation from it, so the same seed gives the same batches, ``reset()`` replays them,
/// and restoring a snapshot (``serialize(_:)``) continues exactly where the saved iterator was. (So for a
/// fresh order every epoch keep one repeating iterator running; resetting a non-repeating one each epoch
/// would replay epoch 0's order.)
///
/// ```swift
/// let iterator = SerialIterator(train, batchSize: 10, generator: RandomGenerator(seed: 0))
/// while iterator.epoch < 10 {
///     guard let batch = iterator.next() else { break }   // batch[0]: (10, 20, 1), batch[1]: (10, 1)
///     …
/// }
/// ```
public final class SerialIterator: DatasetIterator {
    /// The examples.
    public let dataset: any Dataset
    /// Examples per batch (the last batch of a non-repeating iterator may hold fewer).
    public let batchSize: Int
    /// Whether the iterator runs epoch after epoch (training) or stops after one (evaluation).
    public let repeats: Bool
    /// Whether each epoch visits the examples in a fresh random order.
    public let shuffle: Bool
    /// Whether a repeating iterator fills the last batch of an epoch from the next epoch (Chainer) or hands
    /// it out short (Keras, PyTorch).
    public let wrapsAround: Bool

    public private(set) var epoch = 0
    public private(set) var iteration = 0
    public private(set) var isNewEpoch = false
    public private(set) var previousEpochDetail: Double?
    /// The position in the current epoch's order where the next batch starts.
    public private(set) var currentPosition = 0
    private var seed: UInt64
    private var order: [Int]

    /// An iterator over `dataset`. `generator` is required when `shuffle` is true.
    public init(_ dataset: any Dataset, batchSize: Int, repeat repeats: Bool = true, shuffle: Bool = true,
                wrapsAround: Bool = true, generator: RandomGenerator? = nil) {
        require(batchSize >= 1, "SerialIterator: batchSize must be at least 1, got \(batchSize)")
        require(dataset.count >= 1, "SerialIterator: the dataset is empty")
        require(!shuffle || generator != nil,
                     "SerialIterator: shuffling needs a generator, e.g. generator: RandomGenerator(seed: 0)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.repeats = repeats
        self.shuffle = shuffle
        self.wrapsAround = wrapsAround
        self.seed = generator?.next() ?? 0
        self.order = []
        self.order = makeOrder(epoch: 0)
    }

    /// `epoch + currentPosition / dataset.count`.
    public var epochDetail: Double { Double(epoch) + Double(currentPosition) / Double(dataset.count) }

    /// The next batch: `batchSize` examples (fewer at the end of an epoch when not wrapping around) stacked
    /// by ``Dataset/batch(at:)``; nil after the single epoch of a non-repeating iterator.
    public func next() -> [NDArray]? {
        if !repeats && epoch > 0 { return nil }
        previousEpochDetail = epochDetail
        isNewEpoch = false
        let n = dataset.count
        var indices: [Int] = []
        indices.reserveCapacity(batchSize)
        while indices.count < batchSize {
            let take = Swift.min(batchSize - indices.count, n - currentPosition)
            indices += order[currentPosition..<(currentPosition + take)]
            currentPosition += take
            if currentPosition == n {
                epoch += 1
                isNewEpoch = true
                currentPosition = 0
                order = makeOrder(epoch: epoch)
                if !repeats || !wrapsAround { break }
            }
        }
        iteration += 1
        return dataset.batch(at: indices)
    }

    public func reset() {
        epoch = 0
        iteration = 0
        isNewEpoch = false
        previousEpochDetail = nil
        currentPosition = 0
        order = makeOrder(epoch: 0)
    }

    /// Saves or restores the position. Keys: `iteration`, `epoch`, `current_position`, `is_new_epoch`
    /// (0/1), `previous_epoch_detail` (float64; −1 for none), `seed_high`, `seed_low`, and `dataset_count`,
    /// `batch_size`, `shuffle`, `wraps_around` to check the configuration; all but
    /// `previous_epoch_detail` are integers.
    public func serialize(_ serializer: any StateSerializer) throws {
        try serializeConfiguration(serializer, ["dataset_count": dataset.count, "batch_size": batchSize,
                                                "shuffle": shuffle ? 1 : 0, "wraps_around": wrapsAround ? 1 : 0],
                                   iterator: "SerialIterator")
        var iteration = self.iteration, epoch = self.epoch, position = currentPosition
        var isNewEpoch = self.isNewEpoch, previous = previousEpochDetail ?? -1, seed = self.seed
        try serializer.serialize("iteration", &iteration)
        try serializer.serialize("epoch", &epoch)
        try serializer.serialize("current_position", &position, in: 0...Swift.max(0, dataset.count - 1))
        try serializer.serialize("is_new_epoch", &isNewEpoch)
        try serializer.serialize("previous_epoch_detail", &previous)
        try serializeSeed(serializer, &seed)
        guard serializer.isReading else { return }
        (self.iteration, self.epoch, self.isNewEpoch, self.seed) = (iteration, epoch, isNewEpoch, seed)
        currentPosition = position
        previousEpochDetail = previous < 0 ? nil : previous
        order = makeOrder(epoch: epoch)
    }

    /// Epoch `epoch`'s visiting order: a permutation derived from the seed, or `0..<count` unshuffled.
    private func makeOrder(epoch: Int) -> [Int] {
        shuffle ? derivedGenerator(seed: seed, stream: epoch).permutation(dataset.count) : Array(0..<dataset.count)
    }
}

extension SerialIterator: Sequence, IteratorProtocol {}
