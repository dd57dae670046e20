import KusariCore

/// A gated recurrent unit layer that keeps its output `h` between calls (Chainer's `L.StatefulGRU`, whose
/// equations and parameter names it uses): ``resetState()`` at the start of each sequence.
///
///     r  = σ(W_r x + U_r h)                 reset gate
///     z  = σ(W_z x + U_z h)                 update gate
///     h̄  = tanh(W x + U (r ⊙ h))            candidate
///     h′ = (1 − z) ⊙ h + z ⊙ h̄              returned, (batch, H)
///
/// Each of the six maps is a ``Linear`` with its own bias, named as in Chainer (`W_r/W`, `W_r/b`,
/// `U_r/W`, …, `U/b`), so Chainer weights load as they are. Note the convention: z weighs the *new*
/// candidate (Chainer, Cho et al. 2014); PyTorch and Keras write h′ = z ⊙ h + (1 − z) ⊙ h̄, so their z is
/// our 1 − z, and they apply the reset gate after the product, r ⊙ (U h + b) instead of U (r ⊙ h) + b.
///
/// As in Chainer, the first call after a reset has no recurrent term at all: r is not computed, the `U`
/// maps (biases included) are skipped, z = σ(W_z x), h̄ = tanh(W x) and h′ = z ⊙ h̄. This equals a step
/// from h = 0 only while the `U` biases are zero (their initial value).
///
/// Initialization as in Chainer: `inputInit` for the `W` maps and `innerInit` for the `U` maps are
/// ``LeCunNormal``, biases `biasInit` (zeros). State rules are those of ``LSTM``: a smaller batch updates
/// the leading rows of `h` and keeps the rest, a larger one stops with a message.
///
/// ```swift
/// let gru = GRU(3, 8)
/// gru.resetState()
/// for x in sequence { y = gru(x) }            // (batch, 3) → (batch, 8)
/// ```
public final class GRU: Link, Layer {
    /// Input → reset gate, `(in) → (H)`.
    public let W_r: Linear
    /// State → reset gate, `(H) → (H)`.
    public let U_r: Linear
    /// Input → update gate.
    public let W_z: Linear
    /// State → update gate.
    public let U_z: Linear
    /// Input → candidate.
    public let W: Linear
    /// Reset state → candidate.
    public let U: Linear
    /// H, the size of the output and state.
    public let stateSize: Int
    /// The output `(batch, H)` of the last call, fed back at the next one (nil after a reset).
    public private(set) var h: Variable?

    /// A GRU layer from `inSize` inputs (nil: fixed by the first input) to `outSize` units.
    public init(_ inSize: Int?, _ outSize: Int, inputInit: any Initializer = LeCunNormal(),
                innerInit: any Initializer = LeCunNormal(), biasInit: any Initializer = Zero(),
                dtype: DType = .float32, generator: RandomGenerator = .shared) {
        stateSize = outSize
        func input() -> Linear {
            Linear(inSize, outSize, initialW: inputInit, initialBias: biasInit, dtype: dtype, generator: generator)
        }
        func inner() -> Linear {
            Linear(outSize, outSize, initialW: innerInit, initialBias: biasInit, dtype: dtype, generator: generator)
        }
        W_r = input()
        U_r = inner()
        W_z = input()
        U_z = inner()
        W = input()
        U = inner()
        super.init()
    }

    /// One time step: updates `h` from `x` `(batch, in)` and returns it `(batch, H)`.
    public func callAsFunction(_ x: Variable) -> Variable {
        checkStepInput(x, link: "GRU", weight: W.W)
        guard let h else {
            let y = sigmoid(W_z(x)) * tanh(W(x))
            self.h = y
            return y
        }
        let (hPrev, kept) = leadingRows(of: h, batch: x.shape[0], link: "GRU", stateName: "h", input: x)
        let r = sigmoid(W_r(x) + U_r(hPrev))
        let z = sigmoid(W_z(x) + U_z(hPrev))
        let candidate = tanh(W(x) + U(r * hPrev))
        let y = z * candidate + (1 - z) * hPrev
        self.h = joinRows(y, kept)
        return y
    }

    /// Replaces the state `(batch, H)`.
    public func setState(h: Variable) {
        checkState(h, size: stateSize, link: "GRU", name: "h")
        self.h = h
    }

    /// Forgets `h`: the next call starts a new sequence with no recurrent term.
    override public func resetState() {
        h = nil
        super.resetState()
    }
}
