import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// The shared machinery of Kusari's updaters: it counts iterations, reads the epoch from the main
/// iterator, and saves/restores the model, the optimizer and the iterator for snapshots. Subclass it
/// and override ``updateCore()`` to write a custom training step (Chainer's `StandardUpdater.update_core`).
open class IteratorUpdater: Updater {
    /// The optimizer; its target is the model being trained.
    public let optimizer: Optimizer
    /// The iterator whose epochs count as the training's epochs.
    public let mainIterator: any DatasetIterator
    /// The number of updates done so far.
    public private(set) var iteration = 0

    /// The model being trained: the optimizer's target when the updater was created. The updater clears
    /// its gradients, saves and restores its parameters through this one reference.
    public let model: Link

    /// An updater counting epochs on `mainIterator`; `optimizer` must already be set up with the model.
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
        // Optimizer keys are `t`, `lr`, `@kind/…` and parameter paths (`/l1/W/m`); joined without a double slash.
        for (key, value) in optimizer.state() { result["optimizer" + (key.hasPrefix("/") ? key : "/" + key)] = value }
        for (key, value) in mainIterator.state { result["iterator/" + key] = NDArray(scalar: value, dtype: .float64) }
        // The recurrent state (h, c) of the model's LSTM/GRU/SimpleRNN links, so that a stateful run
        // resumed in the middle of an epoch continues from the same state.
        for (key, value) in model.recurrentStateArrays() { result["recurrent_state/" + key] = value }
        result["iteration"] = NDArray(scalar: Double(iteration), dtype: .float64)
        return result
    }

    /// Restores a state produced by ``state()``. The state is untrusted input: counters must be whole
    /// numbers in range, shapes must fit the model, and the optimizer state must come from the same kind
    /// of optimizer; otherwise this throws (build the trainer afresh before trying another snapshot).
    open func restore(_ state: [String: NDArray]) throws {
        let saved = SavedState(state, owner: "updater")
        guard state["iteration"] != nil else { throw TrainingError.badState("no 'iteration' in the updater state") }
        let restoredIteration = try saved.integer("iteration", in: 0...maximumSavedCount)
        try model.loadParameters(from: SavedState.part(of: state, "model/"), source: "snapshot")
        var optimizerState: [String: NDArray] = [:]
        for (key, value) in SavedState.part(of: state, "optimizer/") {
            optimizerState[key == "t" || key == "lr" || key.hasPrefix("@kind/") ? key : "/" + key] = value
        }
        try optimizer.restore(state: optimizerState)
        var iteratorState: [String: Double] = [:]
        for (key, value) in SavedState.part(of: state, "iterator/") {
            guard value.count == 1 else {
                throw TrainingError.badState("iterator '\(key)' should be one number, but has shape \(value.shape)")
            }
            iteratorState[key] = value.scalar
        }
        try mainIterator.restore(iteratorState)
        try model.restoreRecurrentStateArrays(SavedState.part(of: state, "recurrent_state/"))
        iteration = restoredIteration
        previousEpochDetail = nil
    }
}
