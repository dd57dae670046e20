import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Trains a recurrent model to predict a sequence one step ahead, feeding it the truth for the first
/// steps and its own predictions afterwards (the Chainer blog's `LSTM_updater`, experiment 2).
///
/// Per iteration, over the ``/KusariData/SequenceIterator``'s `sequenceLength` steps:
///
///     model.resetState()
///     step 1 … supportLength:     y = model(x_true)            (teacher forcing)
///     later steps:                y = model(y_previous)        (free running)
///     loss = Σ_steps meanSquaredError(y, t)
///     one backward, unchainBackward(), one optimizer update
///
/// With `supportLength >= sequenceLength` every step is teacher-forced. The reported `main/loss` is the
/// **mean** of the per-step losses (the original printed only the last step's loss; see ``Reporter``);
/// the gradient is that of the sum, as in the original.
public final class TeacherForcingUpdater: IteratorUpdater {
    /// The training sequences, each step `[x, t]`.
    public let iterator: SequenceIterator
    /// The recurrent model: `callAsFunction(x) -> y` with its state kept between calls.
    public let predictor: any Layer
    private let stepLoss: (Variable, Variable) -> Variable

    /// A teacher-forcing step over each batch of sequences.
    /// - Parameters:
    ///   - iterator: yields sequences; its `supportLength` steps are teacher-forced.
    ///   - optimizer: set up with the model that contains `predictor`.
    ///   - predictor: the recurrent model.
    ///   - stepLoss: the loss of one step (default ``/KusariNN/meanSquaredError(_:_:)``).
    public init(iterator: SequenceIterator, optimizer: Optimizer, predictor: any Layer,
                stepLoss: @escaping (Variable, Variable) -> Variable = meanSquaredError) {
        self.iterator = iterator
        self.predictor = predictor
        self.stepLoss = stepLoss
        super.init(mainIterator: iterator, optimizer: optimizer)
    }

    override public func updateCore() throws {
        guard let steps = iterator.next() else {
            fatalError("TeacherForcingUpdater: the iterator is exhausted (create it with repeat: true)")
        }
        let loss = rollOut(steps, supportLength: iterator.supportLength, predictor: predictor, stepLoss: stepLoss)
        report(["main/loss": loss.data.scalar / Double(steps.count)])
        try backwardAndUpdate(loss)
    }
}

/// Runs `predictor` over `steps` (`[x, t]` per step) from a reset state, with the true input for the first
/// `supportLength` steps and the previous prediction afterwards; returns the summed per-step loss.
/// Step 1 always gets the true input (there is no prediction yet), so `supportLength` 0 acts as 1.
///
/// Kusari's `supportLength` counts teacher-forced steps. The Chainer blog's updater forces steps
/// `i <= support_len` (0-based), one more; its validation with `s = 0` is `supportLength: 1` here.
public func rollOut(_ steps: [[NDArray]], supportLength: Int, predictor: any Layer,
             stepLoss: (Variable, Variable) -> Variable) -> Variable {
    predictor.resetState()
    var total: Variable?
    var previous: Variable?
    for (i, step) in steps.enumerated() {
        let input = (i < supportLength ? nil : previous) ?? Variable(step[0], requiresGrad: false)
        let y = predictor(input)
        let l = stepLoss(y, Variable(step[1], requiresGrad: false))
        total = total.map { $0 + l } ?? l
        previous = y
    }
    guard let total else { fatalError("TeacherForcingUpdater: a sequence has no steps") }
    return total
}
