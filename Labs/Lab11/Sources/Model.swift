// Lab 11: the model, given (nothing to do here): the stateful-rnn tutorial's recurrent network, smaller.
import Kusari

/// `SimpleRNN(1 → H, tanh)` then `Linear(H → 1)`: one hour in, one prediction out. The RNN keeps `h`
/// between calls; `resetState()` clears it.
final class TemperatureModel: Chain, Layer {
    /// The recurrent layer.
    let rnn: SimpleRNN
    /// The output layer.
    let out: Linear

    init(hidden: Int = 8, generator: RandomGenerator) {
        rnn = SimpleRNN(1, hidden, generator: generator)
        out = Linear(hidden, 1, generator: generator)
        super.init()
    }

    /// One step: x `(batch, 1)` → prediction `(batch, 1)`.
    func callAsFunction(_ x: Variable) -> Variable {
        out(rnn(x))
    }
}
