import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Evaluates the model on a validation set at each trigger (every epoch by default) and reports the
/// results under `validation/…` (Chainer's `Evaluator`).
///
/// It runs in test mode and without recording a graph (`usingConfig(train: false)` + `noGrad`), resets
/// the iterator, passes every batch to `evaluate` — which returns the values to report, e.g.
/// `["main/loss": …]` — and reports the mean over the batches:
/// ```swift
/// trainer.extend(Evaluator(iterator: validationIterator) { batch in
///     model.resetState()
///     let y = runWindow(batch[0], through: model)
///     return ["main/loss": meanSquaredError(y, Variable(batch[1])).data.scalar]
/// })
/// ```
/// Values that the model itself reports while evaluating (`report(["main/loss": …])`, as in Chainer)
/// are collected per batch too, beside what `evaluate` returns, and never reach the training
/// observation unprefixed. One evaluation is one epoch of the iterator: create it with `repeat: false`
/// (a repeating iterator is stopped at its first epoch boundary).
public final class Evaluator<Batch>: Extension {
    /// The validation batches; one evaluation runs one epoch of it.
    public let iterator: any DatasetIterator<Batch>
    /// Prepended to every reported key: `main/loss` is logged as `validation/main/loss`.
    public let prefix: String
    private let evaluate: (Batch) throws -> [String: Double]
    private let trigger: IntervalTrigger

    /// An evaluator running `evaluate` on every batch of `iterator` at each `trigger`.
    /// - Parameters:
    ///   - iterator: the validation data, created with `repeat: false`.
    ///   - prefix: the prefix of the reported keys (default `validation`).
    ///   - trigger: how often to evaluate (default every epoch).
    ///   - evaluate: maps one batch to the values to report, e.g. `["main/loss": …]`; they are averaged over the
    ///     batches.
    public init(iterator: any DatasetIterator<Batch>, prefix: String = "validation",
                trigger: (Int, TriggerUnit) = (1, .epoch),
                evaluate: @escaping (Batch) throws -> [String: Double]) {
        self.iterator = iterator
        self.prefix = prefix
        self.trigger = IntervalTrigger(trigger.0, trigger.1)
        self.evaluate = evaluate
    }

    public var defaultName: String { prefix }
    public var defaultTrigger: IntervalTrigger { trigger }
    public var defaultPriority: Int { ExtensionPriority.writer }

    public func callAsFunction(_ trainer: Trainer) throws {
        let results = try run()
        report(Dictionary(uniqueKeysWithValues: results.map { ("\(prefix)/\($0.key)", $0.value) }))
    }

    /// One evaluation pass: the mean of each reported value over the batches.
    public func run() throws -> [String: Double] {
        iterator.reset()
        var summary = Summary()
        let local = Reporter()
        try usingConfig(train: false, enableBackprop: false) {
            while let batch = iterator.next() {
                let returned = try local.scope { try evaluate(batch) }
                summary.add(local.observation.merging(returned) { _, value in value })
                if iterator.isNewEpoch { break }
            }
        }
        return summary.mean
    }
}
