import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Truncated back-propagation through time (Chainer's PTB example): feed `bpttLength` consecutive batches
/// of a ``/KusariData/ParallelSequentialIterator`` through a stateful model, sum the losses, back-propagate once,
/// cut the graph with `unchainBackward()`, update — and keep the recurrent state for the next chunk.
///
/// Each batch's `x` (`(batch, 1, features)` or `(batch, 1)` for one-step windows) is flattened to
/// `(batch, features)`; the target `t` likewise, so the iterator needs `timesteps: 1`. The state is reset
/// at the start of each epoch, and of each pass of an iterator with `everyOffset`.
/// The reported `main/loss` is the mean per-step loss of the chunk.
public final class BPTTUpdater: IteratorUpdater {
    /// The training batches, one time step per batch.
    public let iterator: ParallelSequentialIterator
    /// The stateful model, `(batch, features) → (batch, outputs)` per step.
    public let predictor: any Layer
    /// How many steps are back-propagated through before the graph is cut.
    public let bpttLength: Int
    private let stepLoss: (Variable, Variable) -> Variable

    /// A truncated-BPTT step over `bpttLength` batches.
    /// - Parameters:
    ///   - iterator: yields `[x, t]` one time step at a time (`timesteps: 1`).
    ///   - optimizer: set up with the model that contains `predictor`.
    ///   - predictor: the recurrent model.
    ///   - bpttLength: the truncation length (at least 1).
    ///   - stepLoss: the loss of one step (default ``/KusariNN/meanSquaredError(_:_:)``).
    public init(iterator: ParallelSequentialIterator, optimizer: Optimizer, predictor: any Layer, bpttLength: Int,
                stepLoss: @escaping (Variable, Variable) -> Variable = meanSquaredError) {
        require(bpttLength >= 1, "BPTTUpdater: bpttLength must be at least 1")
        require(iterator.timesteps == 1,
                "BPTTUpdater: feed one step per batch (ParallelSequentialIterator timesteps: 1), got "
                + "\(iterator.timesteps); use WindowUpdater for windows")
        self.iterator = iterator
        self.predictor = predictor
        self.bpttLength = bpttLength
        self.stepLoss = stepLoss
        super.init(mainIterator: iterator, optimizer: optimizer)
    }

    override public func updateCore() throws {
        var total: Variable?
        for _ in 0..<bpttLength {
            if iterator.startsNewPass { predictor.resetState() }
            guard let batch = iterator.next() else {
                fatalError("BPTTUpdater: the iterator is exhausted (create it with repeat: true)")
            }
            let b = batch[0].shape[0]
            let x = Variable(batch[0].reshaped([b, -1]), requiresGrad: false)
            let t = Variable(batch[1].reshaped([b, -1]), requiresGrad: false)
            let l = stepLoss(predictor(x), t)
            total = total.map { $0 + l } ?? l
        }
        guard let total else { return }
        report(["main/loss": total.data.scalar / Double(bpttLength)])
        try backwardAndUpdate(total)  // unchainBackward() detaches the state; its values carry on
    }
}
