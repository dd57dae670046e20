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
/// The iterator must not repeat (`repeat: false`), so one pass is one evaluation.
public final class Evaluator<Batch>: Extension {
    public let iterator: any DatasetIterator<Batch>
    public let prefix: String
    private let evaluate: (Batch) throws -> [String: Double]
    private let trigger: IntervalTrigger

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
        try usingConfig(train: false, enableBackprop: false) {
            while let batch = iterator.next() {
                summary.add(try evaluate(batch))
            }
        }
        return summary.mean
    }
}
