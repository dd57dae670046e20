import KusariCore

/// A fully connected (Elman) recurrent layer that keeps its output `h` between calls (Keras'
/// `SimpleRNN(stateful=True)`, called one time step at a time): ``resetState()`` at the start of each
/// sequence.
///
///     hₜ = act(xₜ·Wₓᵀ + b + hₜ₋₁·Wₕᵀ)      xₜ: (batch, in)  →  hₜ: (batch, H); no recurrent term at t = 1
///
/// `act` is `tanh` by default. The parameters carry Chainer-style names: `upward/W` = Wₓ `(H, in)`,
/// `upward/b` = b `(H)`, `lateral/W` = Wₕ `(H, H)`. A Keras kernel `(in, H)` is `upward/W` transposed,
/// a Keras recurrent kernel is `lateral/W` transposed. The pre-activation runs as the fused
/// ``linearSum(_:_:_:_:_:)``; ``linearSumReference(_:_:_:_:_:)`` is the plain composition it is tested against.
///
/// Initialization follows Keras' defaults: ``GlorotUniform`` for Wₓ, ``Orthogonal`` for Wₕ, zero bias
/// (pass `upwardInit: Normal(scale: 0.05)` for Keras' `random_normal`, as the noisy-sine tutorial does).
///
/// State rules, shared with ``LSTM``: the first call after a reset fixes the batch size; a smaller batch
/// updates the leading rows of `h` and keeps the rest unchanged; a larger one stops with a message;
/// `h` carries the graph since the last reset (cut it with `unchainBackward()` for truncated BPTT).
///
/// ```swift
/// let rnn = SimpleRNN(1, 20)
/// rnn.resetState()
/// var h = rnn(sequence[0])                  // (batch, 1) → (batch, 20)
/// for x in sequence.dropFirst() { h = rnn(x) }
/// ```
public final class SimpleRNN: Link, Layer {
    /// The input connection x ↦ x·Wₓᵀ + b, `(in) → (H)`.
    public let upward: Linear
    /// The recurrent connection h ↦ h·Wₕᵀ, `(H) → (H)`, no bias.
    public let lateral: Linear
    /// The elementwise activation (tanh by default).
    public let activation: (Variable) -> Variable
    /// H, the size of the output and state.
    public let stateSize: Int
    /// The output `(batch, H)` of the last call, fed back at the next one (nil after a reset).
    public private(set) var h: Variable?

    /// A recurrent layer from `inSize` inputs (nil: fixed by the first input) to `outSize` units.
    public init(_ inSize: Int?, _ outSize: Int, activation: @escaping (Variable) -> Variable = tanh,
                upwardInit: any Initializer = GlorotUniform(), lateralInit: any Initializer = Orthogonal(),
                biasInit: any Initializer = Zero(), dtype: DType = .float32, generator: RandomGenerator = .shared) {
        stateSize = outSize
        self.activation = activation
        upward = Linear(inSize, outSize, initialW: upwardInit, initialBias: biasInit, dtype: dtype, generator: generator)
        lateral = Linear(outSize, outSize, noBias: true, initialW: lateralInit, dtype: dtype, generator: generator)
        super.init()
    }

    /// One time step: updates `h` from `x` `(batch, in)` and returns it `(batch, H)`.
    public func callAsFunction(_ x: Variable) -> Variable {
        checkStepInput(x, link: "SimpleRNN", weight: upward.W)
        guard let h else {
            let y = activation(upward(x))
            self.h = y
            return y
        }
        let (updated, kept) = leadingRows(of: h, batch: x.shape[0], link: "SimpleRNN", stateName: "h", input: x)
        let y = activation(upward.plusLinear(x, lateral, updated))
        self.h = joinRows(y, kept)
        return y
    }

    /// Replaces the state `(batch, H)`, e.g. with a detached one carried over from the previous batch.
    public func setState(h: Variable) {
        checkState(h, size: stateSize, link: "SimpleRNN", name: "h")
        self.h = h
    }

    /// Forgets `h`: the next call starts a new sequence with no recurrent term.
    override public func resetState() {
        h = nil
        super.resetState()
    }
}
