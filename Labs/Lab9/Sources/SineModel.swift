// Lab 9: train the noisy sine with your own layer. Fill in the TODOs (Steps 9.1-9.3), then run
// `make lab N=9`. First do Step 9.0: paste your ElmanRNN from Lab 8 over ElmanRNN.swift.
import Kusari

/// Your `ElmanRNN(1 → H)` followed by `Linear(H → 1)`: one time step in, one prediction out.
final class SineModel: Chain, Layer {
    /// The recurrent layer of Lab 8.
    let rnn: ElmanRNN
    /// The output layer: y = h·Wᵀ + b.
    let out: Linear

    init(hidden: Int = 10, generator: RandomGenerator) {
        rnn = ElmanRNN(1, hidden, generator: generator)
        out = Linear(hidden, 1, generator: generator)
        super.init()
    }

    /// Step 9.1: one time step, x `(batch, 1)` → prediction `(batch, 1)`.
    func callAsFunction(_ x: Variable) -> Variable {
        // TODO (Step 9.1): the recurrent layer, then the output layer.
        return x
    }
}

/// Step 9.2: reads `windows` `(batch, steps, 1)` from a fresh state, one time step per call, and returns the
/// prediction after the last step, `(batch, 1)`.
func predict(_ windows: NDArray, with model: SineModel) -> Variable {
    // TODO (Step 9.2): forget the model's state (resetState()), then for each step s call the model on
    // Variable(windows[0..., s], requiresGrad: false), a (batch, 1) slice; return the last output.
    return Variable(NDArray.zeros([windows.shape[0], 1]), requiresGrad: false)
}

/// Step 9.3: trains `model` on `data` with Adam (α = `learningRate`) for `epochs` passes over the windows,
/// in shuffled batches of `batchSize` drawn from `generator`. Returns each epoch's mean batch loss (MSE).
func train(_ model: SineModel, on data: NoisySine, epochs: Int, batchSize: Int = 10, learningRate: Double = 0.01,
           generator: RandomGenerator) throws -> [Double] {
    // TODO (Step 9.3): an Adam(alpha: learningRate) set up with the model; then, for every epoch, a
    //     SerialIterator(TupleDataset(data.windows, data.targets), batchSize: batchSize,
    //                    repeat: false, shuffle: true, generator: generator)
    // and for every batch `try optimizer.update { meanSquaredError(predict(batch[0], with: model), t) }`
    // with t = Variable(batch[1], requiresGrad: false). Collect the losses; append each epoch's mean.
    return []
}
