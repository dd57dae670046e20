// Step 2 of the tutorial: the model, the blog's Keras Sequential in Kusari:
//
//     SimpleRNN(10, activation="tanh")  →  Dense(10, activation="tanh")  →  Dense(1)
//
// Keras initialises every kernel with Glorot-uniform, the recurrent kernel orthogonally and every bias with
// zeros; SimpleRNN does that by default, and the two Linear layers are given Glorot-uniform explicitly
// (Kusari's Linear, like Chainer's, defaults to LeCun-normal).
import Kusari

/// The blog's network: a 10-unit SimpleRNN read one hour at a time, then a 10-unit tanh layer and a
/// linear output, applied to the RNN's output after every hour. The updater compares the output after
/// the window's last hour with the target.
///
/// The RNN keeps its output `h` between calls: that is the state a stateful run carries from one batch to
/// the next, and `resetState()` clears it.
final class Model: Chain, Layer {
    /// x (batch, 1) → h (batch, 10), remembering h for the next hour.
    let rnn: SimpleRNN
    /// h → tanh(h·W₁ᵀ + b₁), (batch, 10).
    let hidden: Linear
    /// → the predicted temperature of the next hour (standardised), (batch, 1).
    let output: Linear

    /// A fresh model whose weights are drawn from `generator`.
    init(generator: RandomGenerator) {
        rnn = SimpleRNN(1, 10, generator: generator)
        hidden = Linear(10, 10, initialW: GlorotUniform(), generator: generator)
        output = Linear(10, 1, initialW: GlorotUniform(), generator: generator)
        super.init()
    }

    /// One hour `x` (batch, 1) → the prediction for the hour after it (batch, 1).
    func callAsFunction(_ x: Variable) -> Variable {
        output(tanh(hidden(rnn(x))))
    }
}
