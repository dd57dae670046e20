import KusariCore
import KusariNN
import KusariData

/// Reports the area under the ROC curve on a validation set at each trigger (every epoch by default),
/// under `validation/main/auc`: the evaluator for binary classifiers, whose batch-mean loss says little
/// when positives are rare.
///
/// The AUC is a ranking measure over the whole set, not a mean over batches: the extension runs
/// `scores` on every batch in test mode without a graph, collects the scores and labels, and computes one
/// ``/KusariNN/rocAUC(scores:labels:)`` at the end. Create the iterator with `repeat: false`.
///
/// ```swift
/// trainer.extend(AUCEvaluator(iterator: validation) { batch in
///     (scores: model.risk(batch).data.doubleValues, labels: batch.labels)
/// })
/// ```
public final class AUCEvaluator<Batch>: Extension {
    /// The validation batches.
    public let iterator: any DatasetIterator<Batch>
    /// The report key, `validation/main/auc` by default.
    public let key: String
    private let scores: (Batch) throws -> (scores: [Double], labels: [Int])
    private let trigger: IntervalTrigger

    /// An evaluator reporting `key` at `trigger`.
    public init(iterator: any DatasetIterator<Batch>, key: String = "validation/main/auc",
                trigger: (Int, TriggerUnit) = (1, .epoch),
                scores: @escaping (Batch) throws -> (scores: [Double], labels: [Int])) {
        self.iterator = iterator
        self.key = key
        self.trigger = IntervalTrigger(trigger.0, trigger.1)
        self.scores = scores
    }

    public var defaultName: String { key }
    public var defaultTrigger: IntervalTrigger { trigger }
    public var defaultPriority: Int { ExtensionPriority.writer }

    public func callAsFunction(_ trainer: Trainer) throws {
        report([key: try run()])
    }

    /// One pass over the iterator: the AUC of all scores against all labels.
    public func run() throws -> Double {
        iterator.reset()
        var allScores: [Double] = [], allLabels: [Int] = []
        try usingConfig(train: false, enableBackprop: false) {
            while let batch = iterator.next() {
                let (s, y) = try scores(batch)
                allScores += s
                allLabels += y
                if iterator.isNewEpoch { break }
            }
        }
        return rocAUC(scores: allScores, labels: allLabels)
    }
}
