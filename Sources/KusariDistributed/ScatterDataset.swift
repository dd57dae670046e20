/// Splits a dataset into one shard per rank (ChainerMN's `scatter_dataset`): each rank trains on its
/// own shard, and together the shards cover the dataset.
///
/// Rank 0 decides the order — the identity, or a permutation drawn from `seed` when `shuffle` is true —
/// and broadcasts it, so every rank agrees even if their random generators would not. The order is cut
/// into `size` consecutive shards of equal length ⌈n/p⌉; when p does not divide n the last shards wrap
/// around to the start of the order (a few examples appear twice), because every rank must run the same
/// number of iterations per epoch or the collective calls would not line up.
///
/// ```swift
/// let shard = try scatterDataset(train, communicator: comm, shuffle: true, seed: 0)
/// let iterator = SerialIterator(shard, batchSize: 32 / comm.size, generator: RandomGenerator(seed: 1))
/// ```
/// Every rank must hold the same dataset (it is cheap to load or generate it on each rank; nothing but
/// the order travels over the network).
import KusariCore
import KusariData

/// The examples of `base` at `indices`, in that order: one rank's shard.
public struct ShardDataset<Base: Dataset>: Dataset {
    /// The full dataset.
    public let base: Base
    /// The positions in `base` of this shard's examples.
    public let indices: [Int]

    /// The examples of `base` at `indices` (each in `0..<base.count`).
    public init(_ base: Base, indices: [Int]) {
        require(indices.allSatisfy { (0..<base.count).contains($0) },
                "ShardDataset: an index is outside 0..<\(base.count)")
        self.base = base
        self.indices = indices
    }

    public var count: Int { indices.count }
    public subscript(index: Int) -> Example { base[indices[index]] }
    public func batch(at positions: [Int]) -> [NDArray] { base.batch(at: positions.map { indices[$0] }) }
}

/// The shard of `dataset` for `communicator`'s rank (see the file comment).
/// - Throws: ``CommunicatorError/mismatch(_:)`` when the ranks' datasets differ in size.
public func scatterDataset<D: Dataset>(_ dataset: D, communicator: any Communicator, shuffle: Bool = false,
                                       seed: UInt64 = 0) throws -> ShardDataset<D> {
    let counts = try communicator.allgather(Double(dataset.count))
    guard counts.allSatisfy({ $0 == counts[0] }) else {
        throw CommunicatorError.mismatch("scatterDataset: dataset sizes per rank are \(counts.map { Int($0) })")
    }
    var order = NDArray(shardOrder(count: dataset.count, shuffle: shuffle, seed: seed).map(Double.init))
    try communicator.broadcast(&order, root: 0)   // Double holds every index exactly (n < 2⁵³)
    let indices = order.doubleValues.map { Int($0) }
    return ShardDataset(dataset, indices: shardIndices(order: indices, rank: communicator.rank, size: communicator.size))
}

/// The order rank 0 cuts into shards: 0..<count, or a seeded permutation of it.
public func shardOrder(count: Int, shuffle: Bool, seed: UInt64) -> [Int] {
    guard shuffle else { return Array(0..<count) }
    return RandomGenerator(seed: seed).permutation(count)
}

/// Shard `rank` of `size` cut from `order`: ⌈n/p⌉ consecutive entries, wrapping around at the end.
public func shardIndices(order: [Int], rank: Int, size: Int) -> [Int] {
    require(size >= 1 && (0..<size).contains(rank), "shardIndices: rank \(rank) is not in 0..<\(size)")
    guard !order.isEmpty else { return [] }
    let length = (order.count + size - 1) / size
    return (0..<length).map { order[(rank * length + $0) % order.count] }
}
