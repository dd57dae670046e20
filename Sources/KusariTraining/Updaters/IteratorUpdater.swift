/// The shared machinery of Kusari's updaters: it counts iterations, reads the epoch from the main
/// iterator, and saves/restores the model, the optimizer and the iterator for snapshots. Subclass it
/// and override ``updateCore()`` to write a custom training step (Chainer's `StandardUpdater.update_core`).
import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

open class IteratorUpdater: Updater {
    /// The optimizer; its target is the model being trained.
    public let optimizer: Optimizer
    /// The iterator whose epochs count as the training's epochs.
    public let mainIterator: any DatasetIterator
    public private(set) var iteration = 0

    /// The model being trained: the optimizer's target when the updater was created. The updater clears
    /// its gradients, saves and restores its parameters through this one reference.
    public let model: Link

    public init(mainIterator: any DatasetIterator, optimizer: Optimizer) {
        guard let target = optimizer.target else {
            fatalError("updater: call optimizer.setup(model) before creating the updater")
        }
        self.mainIterator = mainIterator
        self.optimizer = optimizer
        self.model = target
    }

    public var epoch: Int { mainIterator.epoch }
    public var epochDetail: Double { mainIterator.epochDetail }
    public private(set) var previousEpochDetail: Double?
    /// True when the latest update crossed into a new epoch. An update may draw several batches
    /// (``BPTTUpdater``), so this compares the epoch before and after it rather than asking the iterator
    /// about its last batch only.
    public var isNewEpoch: Bool {
        previousEpochDetail.map { epoch > Int($0.rounded(.down)) } ?? false
    }

    /// One iteration: ``updateCore()``, then the counter.
    public final func update() throws {
        let before = mainIterator.epochDetail
        try updateCore()
        previousEpochDetail = before
        iteration += 1
    }

    /// The training step. Override it.
    open func updateCore() throws {
        fatalError("\(type(of: self)) must override updateCore()")
    }

    /// Checks the loss, then clears the gradients, back-propagates, cuts the graph and updates: the tail
    /// every training step shares.
    public final func backwardAndUpdate(_ loss: Variable) throws {
        try checkFiniteLoss(loss, iteration: iteration + 1)
        model.clearGrads()
        loss.backward()
        loss.unchainBackward()
        try optimizer.update()
    }

    open func state() -> [String: NDArray] {
        var result = model.parameterArrays(prefix: "model/")
        // Optimizer keys are `t`, `lr` and parameter paths (`/l1/W/m`); joined without a double slash.
        for (key, value) in optimizer.state() { result["optimizer" + (key.hasPrefix("/") ? key : "/" + key)] = value }
        for (key, value) in mainIterator.state { result["iterator/" + key] = NDArray(scalar: value, dtype: .float64) }
        result["iteration"] = NDArray(scalar: Double(iteration), dtype: .float64)
        return result
    }

    open func restore(_ state: [String: NDArray]) throws {
        guard let saved = state["iteration"] else { throw TrainingError.badState("no 'iteration' in the updater state") }
        func part(_ prefix: String) -> [String: NDArray] {
            var result: [String: NDArray] = [:]
            for (key, value) in state where key.hasPrefix(prefix) { result[String(key.dropFirst(prefix.count))] = value }
            return result
        }
        try model.loadParameters(from: part("model/"), source: "snapshot")
        var optimizerState: [String: NDArray] = [:]
        for (key, value) in part("optimizer/") { optimizerState[key == "t" || key == "lr" ? key : "/" + key] = value }
        try optimizer.restore(state: optimizerState)
        try mainIterator.restore(part("iterator/").mapValues(\.scalar))
        iteration = Int(saved.scalar)
        previousEpochDetail = nil
    }
}
