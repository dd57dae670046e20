import KusariCore
import Foundation

/// The GRU of PyTorch (`nn.GRU`) and Keras (`GRU(reset_after=True)`, its default), beside Chainer's
/// ``GRU``: the reset gate multiplies the recurrent product, and input and recurrent maps have one bias each.
///
///     r  = σ(W_ir x + b_ir + W_hr h + b_hr)
///     z  = σ(W_iz x + b_iz + W_hz h + b_hz)
///     n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
///     h′ = (1 − z) ⊙ n + z ⊙ h                       returned, (batch, H)
///
/// Parameters: `upward/W` `(3H, in)` and `upward/b` `(3H)` = PyTorch's `weight_ih_l0`, `bias_ih_l0`;
/// `lateral/W` `(3H, H)` and `lateral/b` `(3H)` = `weight_hh_l0`, `bias_hh_l0`; rows in PyTorch's block
/// order r, z, n, so PyTorch weights load as they are (Keras: transpose the kernels; its column blocks are
/// z, r, n). Unlike Chainer's GRU, the first step after a reset is a full step from h = 0 (the recurrent
/// biases count). Initialisation as PyTorch: U(−1/√H, 1/√H) for every parameter. State rules as ``LSTM``.
///
/// ```swift
/// let gru = ResetAfterGRU(3, 8)
/// gru.resetState()
/// for x in sequence { y = gru(x) }      // (batch, 3) → (batch, 8)
/// ```
public final class ResetAfterGRU: Link, Layer {
    /// x ↦ W_i x + b_i, `(in) → (3H)`, blocks r, z, n.
    public let upward: Linear
    /// h ↦ W_h h + b_h, `(H) → (3H)`, blocks r, z, n.
    public let lateral: Linear
    /// H.
    public let stateSize: Int
    /// The output `(batch, H)` of the last call (nil after a reset).
    public private(set) var h: Variable?

    /// A GRU from `inSize` inputs (nil: fixed by the first input) to `outSize` units.
    public init(_ inSize: Int?, _ outSize: Int, dtype: DType = .float32, generator: RandomGenerator = .shared) {
        stateSize = outSize
        let bound = Uniform(scale: 1 / Double(outSize).squareRoot())
        upward = Linear(inSize, 3 * outSize, initialW: bound, initialBias: bound, dtype: dtype, generator: generator)
        lateral = Linear(outSize, 3 * outSize, initialW: bound, initialBias: bound, dtype: dtype, generator: generator)
        super.init()
    }

    /// One time step from `x` `(batch, in)`.
    public func callAsFunction(_ x: Variable) -> Variable {
        let hPrev: Variable, kept: Variable?
        if let h {
            (hPrev, kept) = leadingRows(of: h, batch: x.shape[0], link: "ResetAfterGRU", stateName: "h", input: x)
        } else {
            (hPrev, kept) = (Variable(NDArray.zeros([x.shape[0], stateSize], dtype: x.dtype), requiresGrad: false), nil)
        }
        let gx = splitAxis(upward(x), sections: 3, axis: 1), gh = splitAxis(lateral(hPrev), sections: 3, axis: 1)
        let r = sigmoid(gx[0] + gh[0]), z = sigmoid(gx[1] + gh[1])
        let n = tanh(gx[2] + r * gh[2])
        let y = (1 - z) * n + z * hPrev
        self.h = joinRows(y, kept)
        return y
    }

    /// Replaces the state `(batch, H)`.
    public func setState(h: Variable) {
        checkState(h, size: stateSize, link: "ResetAfterGRU", name: "h")
        self.h = h
    }

    /// Forgets `h`: the next call starts from h = 0.
    override public func resetState() {
        h = nil
        super.resetState()
    }
}
