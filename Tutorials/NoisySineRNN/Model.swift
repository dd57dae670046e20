import Kusari

// Step 2 — the model: the blog's Keras network,
//
//     model.add(SimpleRNN(20, input_shape=(20, 1), kernel_initializer='random_normal'))
//     model.add(Dense(1, kernel_initializer='random_normal'))
//     model.add(Activation('linear'))
//
// written as a Kusari `Chain`. Keras runs the whole window inside `SimpleRNN` and hands only the last
// hidden state to `Dense`; Kusari's `SimpleRNN` does one time step per call and remembers `h` between
// calls, so a window is read by calling the model 20 times (`runWindow`) and keeping the last output.

/// SimpleRNN(1 → 20, tanh) followed by Linear(20 → 1): one time step in, one prediction out.
///
/// Initialization as in the blog's Keras model:
/// - input kernel Wₓ: N(0, 0.05²) (`kernel_initializer='random_normal'`),
/// - recurrent kernel Wₕ: orthogonal (Keras' default `recurrent_initializer`),
/// - output kernel: N(0, 0.05²), all biases zero.
///
/// ```swift
/// let model = Model(generator: RandomGenerator(seed: 0))
/// model.resetState()                                   // h = 0: a new window begins
/// let y = runWindow(windows, through: model)           // (batch, 20, 1) → (batch, 1)
/// ```
final class Model: Chain, Layer {
    /// The recurrent layer: hₜ = tanh(xₜ·Wₓᵀ + b + hₜ₋₁·Wₕᵀ).
    let rnn: SimpleRNN
    /// The output layer ("Dense(1)" with a linear activation): y = h·Wᵀ + b.
    let output: Linear

    /// The model with `hidden` recurrent units; weights are drawn from `generator`.
    init(hidden: Int = 20, generator: RandomGenerator) {
        rnn = SimpleRNN(1, hidden, activation: tanh,
                        upwardInit: Normal(scale: 0.05), lateralInit: Orthogonal(), biasInit: Zero(),
                        generator: generator)
        output = Linear(hidden, 1, initialW: Normal(scale: 0.05), initialBias: Zero(), generator: generator)
        super.init()
    }

    /// One time step: x `(batch, 1)` → prediction `(batch, 1)`, updating the RNN's state.
    func callAsFunction(_ x: Variable) -> Variable {
        output(rnn(x))
    }
}
