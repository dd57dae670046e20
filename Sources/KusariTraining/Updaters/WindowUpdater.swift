import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Trains a recurrent model on windows: each batch is `[x, t]` with `x` of shape `(batch, timesteps)` or
/// `(batch, timesteps, features)`; the model reads the window step by step and its output after the last
/// step is compared with `t` (Keras' `SimpleRNN` → `Dense` set-up, experiment 3).
///
/// - `carryState: false` (stateless): the state is reset before every batch.
/// - `carryState: true` (stateful, Keras `stateful=True`): the final state of sample `j` is the initial
///   state of sample `j` in the next batch, detached from the graph (`unchainBackward()` after each
///   update); it is reset at the start of every epoch, or of every pass of a
///   ``/KusariData/ParallelSequentialIterator`` with `everyOffset`. Use an iterator whose batches continue each
///   other — ``/KusariData/ParallelSequentialIterator`` — or the carried state is meaningless.
public final class WindowUpdater: IteratorUpdater {
    /// The training batches, `[x, t]` with `x` of shape `(batch, timesteps[, features])`.
    public let iterator: any DatasetIterator<[NDArray]>
    /// The recurrent model, read step by step.
    public let predictor: any Layer
    /// Stateful (true: the state carries over to the next batch) or stateless (false: reset per batch).
    public let carryState: Bool
    private let loss: (Variable, Variable) -> Variable

    /// A window-to-target step.
    /// - Parameters:
    ///   - iterator: yields `[x, t]` windows.
    ///   - optimizer: set up with the model that contains `predictor`.
    ///   - predictor: the recurrent model.
    ///   - carryState: stateful (true) or stateless (false) training.
    ///   - loss: compares the output after the last step with `t` (default ``/KusariNN/meanSquaredError(_:_:)``).
    public init(iterator: any DatasetIterator<[NDArray]>, optimizer: Optimizer, predictor: any Layer,
                carryState: Bool, loss: @escaping (Variable, Variable) -> Variable = meanSquaredError) {
        self.iterator = iterator
        self.predictor = predictor
        self.carryState = carryState
        self.loss = loss
        super.init(mainIterator: iterator, optimizer: optimizer)
    }

    override public func updateCore() throws {
        if !carryState || iterator.startsNewPass { predictor.resetState() }
        guard let batch = iterator.next() else {
            fatalError("WindowUpdater: the iterator is exhausted (create it with repeat: true)")
        }
        let y = runWindow(batch[0], through: predictor)
        require(batch[1].count == y.count,
                "WindowUpdater: the predictor's output \(y.shape) does not match the target \(batch[1].shape) "
                + "(the model's last layer should have as many outputs as the target has features)")
        let l = loss(y, Variable(batch[1].reshaped(y.shape), requiresGrad: false))
        report(["main/loss": l])
        try backwardAndUpdate(l)
    }
}

/// Feeds a window `(batch, timesteps[, features])` to `predictor` one step at a time; returns the output
/// after the last step. Used by ``WindowUpdater`` and for evaluation.
public func runWindow(_ window: NDArray, through predictor: any Layer) -> Variable {
    let (b, steps) = (window.shape[0], window.shape[1])
    let x = window.reshaped([b, steps, -1])
    var y: Variable?
    for i in 0..<steps { y = predictor(Variable(x[0..., i], requiresGrad: false)) }  // step i: (batch, features)
    guard let y else { fatalError("runWindow: a window has no steps (shape \(window.shape))") }
    return y
}
