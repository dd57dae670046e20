// The LSTM cell activation (Chainer's F.lstm) as one fused function: one kernel forward, one backward.
import KusariCore

/// The LSTM cell update from a pre-activation, fused into one function (Chainer's `F.lstm`).
///
/// Inputs: the previous cell state `cPrev` `(batch, H)` and the pre-activation `x` `(batch, 4H)`, usually
/// `upward(xₜ) + lateral(hₜ₋₁)`. Outputs: the new cell state `c` and the output `h`, both `(batch, H)`.
///
/// **Gate layout** (Chainer's, interleaved per unit): `x` viewed as `(batch, H, 4)` holds for unit j
///
///     x[:, 4j + 0] = a   cell input      (tanh)
///     x[:, 4j + 1] = i   input gate      (sigmoid)
///     x[:, 4j + 2] = f   forget gate     (sigmoid)
///     x[:, 4j + 3] = o   output gate     (sigmoid)
///
///     c = tanh(a) · σ(i) + σ(f) · cPrev
///     h = σ(o) · tanh(c)
///
/// The four gates of a unit sit side by side in memory, so the kernel reads each unit's inputs from one
/// cache line, and Chainer weights load as they are. PyTorch (and MLX) lay the `4H` rows out as four
/// contiguous blocks `i, f, g, o` (g = a); Keras uses `i, f, c, o` in columns. To convert their weights,
/// permute rows: Kusari row `4j + k` = PyTorch row `block(k)·H + j` with block(a) = 2, block(i) = 0,
/// block(f) = 1, block(o) = 3, and add PyTorch's two biases `b_ih + b_hh` into one.
///
/// **Backward**, with `gc`, `gh` the gradients of `c` and `h` and σ′ = σ(1 − σ):
///
///     ĝc     = gc + gh · σ(o) · (1 − tanh² c)          (everything that reaches c)
///     gcPrev = ĝc · σ(f)
///     ga = ĝc · σ(i) · (1 − tanh² a)     gi = ĝc · tanh(a) · σ′(i)
///     gf = ĝc · cPrev · σ′(f)            go = gh · tanh(c) · σ′(o)
///
/// The forward kernel keeps the activated gates and tanh(c), so the backward kernel (``LSTMGrad``)
/// evaluates no transcendental function. ``LSTMGrad`` is itself differentiable, so double backprop works.
public final class LSTMFunction: FunctionNode {
    /// The activated gates and tanh(c) from the forward pass, reused by backward.
    private var activations: LSTMActivations?

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let result = LSTMActivations.forward(cPrev: x[0], x: x[1])
        activations = result.activations
        return [result.c, result.h]
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        LSTMGrad(activations: activations).apply([inputs[0], inputs[1], gy[0], gy[1]])
    }
}

/// One LSTM cell update: returns the new cell state `c` and output `h` from the previous cell state
/// `c` `(batch, H)` and the pre-activation `x` `(batch, 4H)` in Chainer's interleaved gate layout
/// (viewed as `(batch, H, 4)`: a, i, f, o). See ``LSTMFunction`` for the equations.
///
/// ```swift
/// let z = linear(x, Wx, b) + linear(h, Wh)   // (batch, 4H)
/// (c, h) = lstm(c, z)
/// ```
///
/// The fused function the LSTM links run (one kernel forward, one backward; for Float the vectorised
/// kernel of LSTMFastPath.swift). ``lstmReference(_:_:)`` is the same cell composed of slices, `tanh`,
/// `sigmoid`, products and a sum: the reference it is tested against.
public func lstm(_ c: Variable, _ x: Variable) -> (c: Variable, h: Variable) {
    let y = LSTMFunction().apply([c, x])
    return (y[0], y[1])
}

/// The LSTM cell written plainly with differentiable functions, the reference ``lstm(_:_:)`` is tested
/// against: with x viewed as `(batch, H, 4)` gates (a, i, f, o),
///
///     c = tanh(a) · σ(i) + σ(f) · cPrev,   h = σ(o) · tanh(c)
///
/// Same values and gradients as ``lstm(_:_:)`` (to rounding), about fifteen graph nodes instead of one.
public func lstmReference(_ c: Variable, _ x: Variable) -> (c: Variable, h: Variable) {
    require(c.ndim == 2 && x.ndim == 2 && x.shape == [c.shape[0], 4 * c.shape[1]],
            "lstmReference: c \(c.shape) and x \(x.shape) do not fit (need c: (batch, H), x: (batch, 4H))")
    let (a, i, f, o) = gateColumns(x)
    let cNew = tanh(a) * sigmoid(i) + sigmoid(f) * c
    return (cNew, sigmoid(o) * tanh(cNew))
}

/// What the forward kernel leaves for the backward one: the activated gates
/// `[tanh a, σ(i), σ(f), σ(o)]` per unit `(batch, 4H)` and `tanh c` `(batch, H)`.
struct LSTMActivations {
    var gates: NDArray
    var tanhC: NDArray

    /// Runs the forward kernel: the new cell state and output, and the activations.
    static func forward(cPrev: NDArray, x: NDArray) -> (c: NDArray, h: NDArray, activations: LSTMActivations) {
        require(cPrev.ndim == 2 && x.ndim == 2 && x.shape == [cPrev.shape[0], 4 * cPrev.shape[1]],
                     "lstm: c \(cPrev.shape) and x \(x.shape) do not fit (need c: (batch, H), x: (batch, 4H))")
        require(cPrev.dtype == x.dtype, "lstm: dtypes \(cPrev.dtype) and \(x.dtype) differ")
        switch x.dtype {
        case .float32: return forward(cPrev, x, as: Float.self)
        case .float64: return forward(cPrev, x, as: Double.self)
        }
    }

    private static func forward<T: KernelScalar>(_ cPrev: NDArray, _ x: NDArray, as: T.Type)
        -> (c: NDArray, h: NDArray, activations: LSTMActivations) {
        let units = cPrev.count
        var gates: [T] = kernelOutput(4 * units)
        var c: [T] = kernelOutput(units), tanhC: [T] = kernelOutput(units), h: [T] = kernelOutput(units)
        cPrev.withUnsafeBufferPointer(as: T.self) { cPrev in
            x.withUnsafeBufferPointer(as: T.self) { x in
                gates.withUnsafeMutableBufferPointer { gates in
                    c.withUnsafeMutableBufferPointer { c in
                        tanhC.withUnsafeMutableBufferPointer { tanhC in
                            h.withUnsafeMutableBufferPointer { h in
                                T.lstmForward(cPrev: cPrev, x: x, gates: gates, c: c, tanhC: tanhC, h: h)
                            }
                        }
                    }
                }
            }
        }
        let shape = cPrev.shape
        return (T.makeArray(c, shape: shape), T.makeArray(h, shape: shape),
                LSTMActivations(gates: T.makeArray(gates, shape: x.shape), tanhC: T.makeArray(tanhC, shape: shape)))
    }
}

/// The forward kernel's reference loop over contiguous buffers (`units` = batch · H): for each unit u,
/// gates = [tanh a, σ(i), σ(f), σ(o)], c = tanh(a)σ(i) + σ(f)cPrev, h = σ(o) tanh(c).
/// Which one runs (``KernelScalar/lstmForward(cPrev:x:gates:c:tanhC:h:)``): Double (gradient checks) runs
/// this loop; Float runs the vectorised kernel of LSTMFastPath.swift, tested against it.
func lstmForwardReference<T: NDScalar>(
    cPrev: UnsafeBufferPointer<T>, x: UnsafeBufferPointer<T>, gates: UnsafeMutableBufferPointer<T>,
    c: UnsafeMutableBufferPointer<T>, tanhC: UnsafeMutableBufferPointer<T>, h: UnsafeMutableBufferPointer<T>
) {
    for u in 0..<cPrev.count {
        let a = T.tanh(x[4 * u]), i = stableSigmoid(x[4 * u + 1])
        let f = stableSigmoid(x[4 * u + 2]), o = stableSigmoid(x[4 * u + 3])
        let cu = a * i + f * cPrev[u], t = T.tanh(cu)
        gates[4 * u] = a
        gates[4 * u + 1] = i
        gates[4 * u + 2] = f
        gates[4 * u + 3] = o
        c[u] = cu
        tanhC[u] = t
        h[u] = o * t
    }
}

/// The backward kernel over contiguous buffers, from the saved activations (no transcendental
/// function): gcPrev and gx from gc, gh (equations in ``LSTMFunction``). The reference loop: Double runs
/// it; Float runs the same arithmetic compiled for the CPU's vector width (LSTMFastPath.swift), tested
/// equal to it bit for bit.
@inline(__always)
func lstmBackwardKernel<T: NDScalar>(
    cPrev: UnsafeBufferPointer<T>, gates: UnsafeBufferPointer<T>, tanhC: UnsafeBufferPointer<T>,
    gc: UnsafeBufferPointer<T>, gh: UnsafeBufferPointer<T>,
    gcPrev: UnsafeMutableBufferPointer<T>, gx: UnsafeMutableBufferPointer<T>
) {
    for u in 0..<cPrev.count {
        let a = gates[4 * u], i = gates[4 * u + 1], f = gates[4 * u + 2], o = gates[4 * u + 3]
        let t = tanhC[u]
        let gcTotal = gc[u] + gh[u] * o * (1 - t * t)
        gcPrev[u] = gcTotal * f
        gx[4 * u] = gcTotal * i * (1 - a * a)
        gx[4 * u + 1] = gcTotal * a * i * (1 - i)
        gx[4 * u + 2] = gcTotal * cPrev[u] * f * (1 - f)
        gx[4 * u + 3] = gh[u] * t * o * (1 - o)
    }
}
