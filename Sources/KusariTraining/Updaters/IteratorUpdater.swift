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

    /// Saves or restores the iteration count (`iteration`, an integer), the model's parameters
    /// (`model/…`), the optimizer (`optimizer/…`), the main iterator (`iterator/…`) and the recurrent state
    /// (h, c) of the model's LSTM/GRU/SimpleRNN links (`recurrent_state/…`), so that a stateful run resumed
    /// in the middle of an epoch continues from the same state. Override it (calling `super`) to save more.
    ///
    /// Restoring, the state is untrusted input: counters must be whole numbers in range, shapes must fit
    /// the model, and the optimizer state must come from the same kind of optimizer; otherwise this throws
    /// (build the trainer afresh before trying another snapshot).
    open func serialize(_ serializer: any StateSerializer) throws {
        var iteration = self.iteration
        try serializer.serialize("iteration", &iteration)
        try model.serializeParameters(serializer["model"])
        try optimizer.serialize(serializer["optimizer"])
        try mainIterator.serialize(serializer["iterator"])
        try model.serializeRecurrentState(serializer["recurrent_state"])
        guard serializer.isReading else { return }
        self.iteration = iteration
        previousEpochDetail = nil
    }
}
