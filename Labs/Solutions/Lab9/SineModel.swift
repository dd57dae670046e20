// Lab 9 (solution): train the noisy sine with your own layer.
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
        out(rnn(x))
    }
}

/// Step 9.2: reads `windows` `(batch, steps, 1)` from a fresh state, one time step per call, and returns the
/// prediction after the last step, `(batch, 1)`.
func predict(_ windows: NDArray, with model: SineModel) -> Variable {
    model.resetState()
    var y = Variable(NDArray.zeros([windows.shape[0], 1]), requiresGrad: false)
    for step in 0..<windows.shape[1] {
        y = model(Variable(windows[0..., step], requiresGrad: false))
    }
    return y
}

/// Step 9.3: trains `model` on `data` with Adam (α = `learningRate`) for `epochs` passes over the windows,
/// in shuffled batches of `batchSize` drawn from `generator`. Returns each epoch's mean batch loss (MSE).
func train(_ model: SineModel, on data: NoisySine, epochs: Int, batchSize: Int = 10, learningRate: Double = 0.01,
           generator: RandomGenerator) throws -> [Double] {
    let optimizer = Adam(alpha: learningRate).setup(model)
    var epochLosses: [Double] = []
    for _ in 0..<epochs {
        let batches = SerialIterator(TupleDataset(data.windows, data.targets), batchSize: batchSize,
                                     repeat: false, shuffle: true, generator: generator)
        var losses: [Double] = []
        while let batch = batches.next() {
            let loss = try optimizer.update {
                meanSquaredError(predict(batch[0], with: model), Variable(batch[1], requiresGrad: false))
            }
            losses.append(loss.data.scalar)
        }
        epochLosses.append(losses.reduce(0, +) / Double(losses.count))
    }
    return epochLosses
}
