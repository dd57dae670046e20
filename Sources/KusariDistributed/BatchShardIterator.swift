import KusariCore
import KusariData

/// Every rank draws the *same* global batch and keeps its own rows of it: with p ranks and a global batch
/// of B examples, rank r trains on rows r·B/p ..< (r+1)·B/p of each batch.
///
/// The alternative to ``scatterDataset(_:communicator:shuffle:seed:)`` when a data-parallel run must
/// reproduce a single-process run: with the same seeds, p ranks see exactly the batches one process
/// with batch B would see, so (with ``MultiNodeOptimizer`` averaging gradients) they make the same
/// updates up to float rounding, epoch for epoch, and reach the same metrics. Each rank still assembles
/// the whole batch before slicing it, which costs little next to the forward and backward passes of a
/// recurrent model, but loads the whole dataset on every rank.
///
/// ```swift
/// let global = SerialIterator(train, batchSize: 64, generator: RandomGenerator(seed: 0))   // as in 1 process
/// let iterator = BatchShardIterator(global, communicator: comm)                          // 64 / p rows per rank
/// ```
/// The global batch size must be divisible by the number of ranks (every rank must get the same number
/// of rows, or the per-rank mean losses would not average to the global mean).
public final class BatchShardIterator: DatasetIterator {
    /// The iterator every rank runs identically (same dataset, batch size and seed on every rank).
    public let global: any DatasetIterator<[NDArray]>
    /// This rank and the number of ranks.
    public let rank: Int, size: Int

    /// Rank `communicator.rank`'s rows of each batch of `global`.
    public init(_ global: any DatasetIterator<[NDArray]>, communicator: any Communicator) {
        self.global = global
        self.rank = communicator.rank
        self.size = communicator.size
    }

    /// This rank's rows of the next global batch (every component sliced along its first axis).
    public func next() -> [NDArray]? {
        guard let batch = global.next() else { return nil }
        return batch.map { component in
            let rows = component.shape.first ?? 0
            require(rows % size == 0,
                    "BatchShardIterator: a batch of \(rows) rows cannot be split evenly over \(size) ranks; "
                        + "make the global batch size divisible by \(size) (and use wrapsAround: true)")
            let share = rows / size
            return component[(rank * share)..<((rank + 1) * share)]
        }
    }

    public var epoch: Int { global.epoch }
    public var epochDetail: Double { global.epochDetail }
    public var previousEpochDetail: Double? { global.previousEpochDetail }
    public var isNewEpoch: Bool { global.isNewEpoch }
    public var iteration: Int { global.iteration }
    public func reset() { global.reset() }
    /// Saves or restores the global iterator's position (identical on every rank).
    public func serialize(_ serializer: any StateSerializer) throws { try global.serialize(serializer) }
}
