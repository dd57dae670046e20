import KusariCore

/// Hands out batches of whole subsequences of one series, step by step, for training a recurrent model
/// with teacher forcing: the Chainer blog's `LSTM_Iterator` (experiment 2) as a proper iterator.
///
/// The series has time on its first axis, shape `(n, features)` (or `(n)`). One call of ``next()`` picks
/// offsets and returns the whole sequence as an array of ``sequenceLength`` steps; step `i` is `[x, t]` with
///
///     x = series[offsets + i]            t = series[offsets + i + horizon]
///
/// each of shape `(offsets.count, features)` (`(offsets.count)` for a 1-D series). Offsets come from
/// `0..<offsetCount`, where `offsetCount = n − sequenceLength − horizon − 1` as in the blog (the last two
/// offsets that would still fit are never used, which keeps validation numbers comparable with the original).
/// - **Training** (`repeat: true`): each iteration draws `batchSize` offsets uniformly at random (with
///   replacement) from `0..<offsetCount`.
/// - **Evaluation** (`repeat: false`): one iteration with every offset `0, 1, …, offsetCount − 1` in order
///   (so the batch holds `offsetCount` sequences, whatever `batchSize` is), then ``next()`` returns nil.
///
/// Epoch accounting follows the blog: `epoch = ⌊iteration · batchSize / n⌋`, so an epoch is `n / batchSize`
/// iterations when `batchSize` divides `n`: with n = 150 and batch 10, 15 iterations per epoch and
/// 100 epochs = 1,500 iterations. In evaluation mode the single iteration is the single epoch.
///
/// ``supportLength`` is not used here: it travels with the iterator so the updater can read how many
/// leading steps get the true input (teacher forcing) before the model is fed its own predictions.
///
/// ```swift
/// let trainIterator = SequenceIterator(train, batchSize: 10, sequenceLength: 10, supportLength: 10,
///                                      generator: RandomGenerator(seed: 0))
/// if let steps = trainIterator.next() { … }   // 10 steps of [x (10, 2), t (10, 2)]
/// let validation = SequenceIterator(test, batchSize: 1, sequenceLength: 20, supportLength: 1, repeat: false)
/// ```
public final class SequenceIterator: DatasetIterator {
    /// The series, time first.
    public let series: NDArray
    /// Sequences per training batch.
    public let batchSize: Int
    /// Steps per sequence.
    public let sequenceLength: Int
    /// How many leading steps the updater should feed with the true input (teacher forcing).
    public let supportLength: Int
    /// How far ahead each step's target lies (the blog's `pred`).
    public let horizon: Int
    /// Random offsets epoch after epoch (training), or all offsets once (evaluation).
    public let repeats: Bool

    public private(set) var iteration = 0
    /// The offsets (start positions) of the sequences in the latest batch.
    public private(set) var offsets: [Int] = []
    private var seed: UInt64

    /// An iterator over `series` (shape `(n, features)` or `(n)`). `generator` is required when `repeat` is true;
    /// `supportLength` defaults to `sequenceLength` (every step teacher-forced).
    public init(_ series: NDArray, batchSize: Int, sequenceLength: Int, supportLength: Int? = nil, horizon: Int = 1,
                repeat repeats: Bool = true, generator: RandomGenerator? = nil) {
        require(series.ndim >= 1, "SequenceIterator: the series needs a time axis, got shape \(series.shape)")
        require(batchSize >= 1 && sequenceLength >= 1 && horizon >= 1,
                     "SequenceIterator: batchSize, sequenceLength and horizon must be at least 1")
        let support = supportLength ?? sequenceLength
        require(support >= 0 && support <= sequenceLength,
                     "SequenceIterator: supportLength \(support) must lie in 0...\(sequenceLength)")
        let n = series.shape[0]
        require(n - sequenceLength - horizon - 1 >= 1,
                     "SequenceIterator: a series of \(n) points is too short for sequences of \(sequenceLength) "
                     + "with horizon \(horizon) (needs at least \(sequenceLength + horizon + 2))")
        require(!repeats || generator != nil,
                     "SequenceIterator: random offsets need a generator, e.g. generator: RandomGenerator(seed: 0)")
        self.series = series
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
        self.supportLength = support
        self.horizon = horizon
        self.repeats = repeats
        self.seed = generator?.next() ?? 0
    }

    /// The number of points in the series.
    public var count: Int { series.shape[0] }
    /// How many start positions sequences are drawn from: `n − sequenceLength − horizon − 1`.
    public var offsetCount: Int { count - sequenceLength - horizon - 1 }

    public var epoch: Int { epoch(after: iteration) }
    public var epochDetail: Double { repeats ? Double(iteration * batchSize) / Double(count) : Double(iteration) }
    public var previousEpochDetail: Double? {
        iteration == 0 ? nil : repeats ? Double((iteration - 1) * batchSize) / Double(count) : Double(iteration - 1)
    }
    public var isNewEpoch: Bool { iteration > 0 && epoch(after: iteration) > epoch(after: iteration - 1) }

    /// The next batch of sequences: ``sequenceLength`` steps of `[x, t]`; nil after the single evaluation pass.
    public func next() -> [[NDArray]]? {
        if !repeats && iteration > 0 { return nil }
        iteration += 1
        if repeats {
            let generator = derivedGenerator(seed: seed, stream: iteration)
            offsets = (0..<batchSize).map { _ in generator.nextInt(below: offsetCount) }
        } else {
            offsets = Array(0..<offsetCount)
        }
        return steps(at: offsets)
    }

    /// The ``sequenceLength`` steps `[series[offsets + i], series[offsets + i + horizon]]` for given offsets
    /// (each in `0..<offsetCount`), without advancing the iterator.
    public func steps(at offsets: [Int]) -> [[NDArray]] {
        for o in offsets {
            require(o >= 0 && o < offsetCount, "SequenceIterator: offset \(o) out of range 0..<\(offsetCount)")
        }
        return (0..<sequenceLength).map { i in
            [series.takeRows(offsets.map { $0 + i }), series.takeRows(offsets.map { $0 + i + horizon })]
        }
    }

    public func reset() {
        iteration = 0
        offsets = []
    }

    /// Saves or restores the position. Keys (all integers): `iteration`, `seed_high`, `seed_low`, and
    /// `count`, `batch_size`, `sequence_length`, `horizon`, `repeat` to check the configuration. (The latest
    /// ``offsets`` are not saved.)
    public func serialize(_ serializer: any StateSerializer) throws {
        try serializeConfiguration(serializer, ["count": count, "batch_size": batchSize,
                                                "sequence_length": sequenceLength, "horizon": horizon,
                                                "repeat": repeats ? 1 : 0],
                                   iterator: "SequenceIterator")
        var iteration = self.iteration, seed = self.seed
        try serializer.serialize("iteration", &iteration)
        try serializeSeed(serializer, &seed)
        guard serializer.isReading else { return }
        (self.iteration, self.seed) = (iteration, seed)
        offsets = []
    }

    private func epoch(after iterations: Int) -> Int { repeats ? iterations * batchSize / count : iterations }
}

extension SequenceIterator: Sequence, IteratorProtocol {}
