import Kusari

/// Step 2 of the tutorial: the network, three layers deep, with the LSTM in the middle (the blog's `Model`).
///
///     x (batch, 2) → l1: Linear(2 → 100) → l2: LSTM(100 → 100) → l3: Linear(100 → 2) → y (batch, 2)
///
/// It reads the current point `[sin, cos]` of every sequence in the batch and predicts the next one. The
/// LSTM keeps its memory (cell state `c` and output `h`) from one call to the next, so calling the model
/// step after step runs it along a sequence; ``Link/resetState()`` (inherited from `Link`, which visits
/// every child) clears that memory before a new sequence. Nothing else needs writing: the parameters are
/// found from the three properties, with Chainer's names (`/l1/W`, `/l2/upward/W`, `/l2/lateral/W`, …).
final class Model: Chain, Layer {
    /// The input layer: the 2 features to 100 units.
    let l1: Linear
    /// The recurrent layer: 100 units in, 100 units of memory out.
    let l2: LSTM
    /// The output layer: back to the 2 features.
    let l3: Linear

    /// A model for `features` inputs and outputs with `hiddenSize` units (the blog: 2 and 100); the weights
    /// are drawn from `generator` (LeCun normal, zero biases, LSTM forget-gate bias 1, as in Chainer).
    init(features: Int = 2, hiddenSize: Int = 100, generator: RandomGenerator) {
        l1 = Linear(features, hiddenSize, generator: generator)
        l2 = LSTM(hiddenSize, hiddenSize, generator: generator)
        l3 = Linear(hiddenSize, features, generator: generator)
        super.init()
    }

    /// One time step: the prediction of the next point from the current one, `(batch, 2) → (batch, 2)`.
    func callAsFunction(_ x: Variable) -> Variable {
        l3(l2(l1(x)))
    }
}
