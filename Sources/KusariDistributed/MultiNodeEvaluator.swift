import KusariCore
import KusariTraining

/// An evaluator whose results are averaged over the ranks (ChainerMN's
/// `create_multi_node_evaluator`): each rank evaluates its own shard of the validation set, then every
/// reported value v is replaced by its mean over the ranks, v ← (1/p) Σ_r v⁽ʳ⁾, so every rank (and the
/// log on rank 0) sees the metric of the whole validation set.
///
/// ```swift
/// let validation = try scatterDataset(test, communicator: comm)
/// let evaluator = Evaluator(iterator: SerialIterator(validation, batchSize: 50, repeat: false, shuffle: false)) { b in
///     ["main/loss": meanSquaredError(model(Variable(b[0])), Variable(b[1])).data.scalar]
/// }
/// trainer.extend(MultiNodeEvaluator(evaluator, communicator: comm))
/// ```
/// The mean of per-rank means equals the mean over the whole set when the shards have equal numbers of
/// batches of equal size (``scatterDataset(_:communicator:shuffle:seed:)`` makes shards of equal length).
public final class MultiNodeEvaluator<Batch>: Extension {
    /// The evaluator run on each rank's shard.
    public let evaluator: Evaluator<Batch>
    /// The ranks to average over.
    public let communicator: any Communicator

    /// Wraps `evaluator`; it keeps its prefix, trigger and priority.
    public init(_ evaluator: Evaluator<Batch>, communicator: any Communicator) {
        self.evaluator = evaluator
        self.communicator = communicator
    }

    public var defaultName: String { evaluator.defaultName }
    public var defaultTrigger: IntervalTrigger { evaluator.defaultTrigger }
    public var defaultPriority: Int { evaluator.defaultPriority }

    public func callAsFunction(_ trainer: Trainer) throws {
        let results = try run()
        report(Dictionary(uniqueKeysWithValues: results.map { ("\(evaluator.prefix)/\($0.key)", $0.value) }))
    }

    /// One evaluation of this rank's shard, each value averaged over the ranks.
    /// - Throws: ``CommunicatorError/mismatch(_:)`` when the ranks report different keys.
    public func run() throws -> [String: Double] {
        let local = try evaluator.run()
        let keys = local.keys.sorted()
        let counts = try communicator.allgather(Double(keys.count))
        guard counts.allSatisfy({ $0 == Double(keys.count) }) else {
            throw CommunicatorError.mismatch("evaluator \(evaluator.prefix) reports \(counts.map { Int($0) }) values per rank")
        }
        var values = NDArray(keys.map { local[$0] ?? 0 }, dtype: .float64)
        try communicator.allreduceMean(&values)
        return Dictionary(uniqueKeysWithValues: zip(keys, values.doubleValues))
    }
}
