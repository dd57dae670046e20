// How KusariNN picks a kernel per dtype: through protocol requirements (as `NDScalar.gemm` picks sgemm or
// dgemm), not by testing `T.self == Float.self` and reinterpreting buffers.
import KusariCore

/// The element types of KusariNN's per-element kernels (`Float`, `Double`): ``/KusariCore/NDScalar`` plus the loops
/// that have a vectorised `Float` version.
///
/// Each requirement has a plain, generic reference loop beside its fast version (`lstmForwardReference`,
/// `adamStepReference`, `rmspropStepReference`). `Double` (gradient checks) runs the reference;
/// `Float` runs the vectorised kernel, which the tests compare against the reference (bit for bit for
/// the update rules, to float32 rounding for the LSTM's transcendental functions).
public protocol KernelScalar: NDScalar {
    /// The LSTM cell's forward pass over `units` = batch · H cells (``LSTMFunction``): from `cPrev`
    /// `(units)` and the pre-activations `x` `(units, 4)`, the activated gates, `c`, `tanh c` and `h`.
    static func lstmForward(
        cPrev: UnsafeBufferPointer<Self>, x: UnsafeBufferPointer<Self>, gates: UnsafeMutableBufferPointer<Self>,
        c: UnsafeMutableBufferPointer<Self>, tanhC: UnsafeMutableBufferPointer<Self>,
        h: UnsafeMutableBufferPointer<Self>)

    /// The LSTM cell's backward pass over `units` cells (``LSTMGrad``): `gcPrev` `(units)` and `gx`
    /// `(units, 4)` from the upstream gradients `gc`, `gh` and the activations the forward pass saved.
    static func lstmBackward(
        cPrev: UnsafeBufferPointer<Self>, gates: UnsafeBufferPointer<Self>, tanhC: UnsafeBufferPointer<Self>,
        gc: UnsafeBufferPointer<Self>, gh: UnsafeBufferPointer<Self>,
        gcPrev: UnsafeMutableBufferPointer<Self>, gx: UnsafeMutableBufferPointer<Self>)

    /// Adam's step (``Adam``): m += (1 − β1)(g − m), v += (1 − β2)(g² − v), then
    /// w −= stepSize · m / (√v / divisor + ε), where `divisor` is nil for Chainer's placement (√v + ε).
    static func adamStep(
        w: UnsafeMutableBufferPointer<Self>, g: UnsafeBufferPointer<Self>, m: UnsafeMutableBufferPointer<Self>,
        v: UnsafeMutableBufferPointer<Self>, oneMinusBeta1: Self, oneMinusBeta2: Self, stepSize: Self,
        divisor: Self?, eps: Self)

    /// RMSprop's step (``RMSprop``): ms = ρ·ms + (1 − ρ)·g², then w −= lr · g / (√ms + ε), or
    /// w −= lr · g / √(ms + ε) with `inside`.
    static func rmspropStep(
        w: UnsafeMutableBufferPointer<Self>, g: UnsafeBufferPointer<Self>, ms: UnsafeMutableBufferPointer<Self>,
        lr: Self, rho: Self, oneMinusRho: Self, eps: Self, inside: Bool)
}

/// Float: the vectorised kernels (LSTMFastPath.swift, UpdateKernels.swift).
extension Float: KernelScalar {
    public static func lstmForward(
        cPrev: UnsafeBufferPointer<Float>, x: UnsafeBufferPointer<Float>, gates: UnsafeMutableBufferPointer<Float>,
        c: UnsafeMutableBufferPointer<Float>, tanhC: UnsafeMutableBufferPointer<Float>,
        h: UnsafeMutableBufferPointer<Float>
    ) {
        lstmForwardFloat(cPrev: cPrev, x: x, gates: gates, c: c, tanhC: tanhC, h: h)
    }

    public static func lstmBackward(
        cPrev: UnsafeBufferPointer<Float>, gates: UnsafeBufferPointer<Float>, tanhC: UnsafeBufferPointer<Float>,
        gc: UnsafeBufferPointer<Float>, gh: UnsafeBufferPointer<Float>,
        gcPrev: UnsafeMutableBufferPointer<Float>, gx: UnsafeMutableBufferPointer<Float>
    ) {
        lstmBackwardFloat(cPrev: cPrev, gates: gates, tanhC: tanhC, gc: gc, gh: gh, gcPrev: gcPrev, gx: gx)
    }

    public static func adamStep(
        w: UnsafeMutableBufferPointer<Float>, g: UnsafeBufferPointer<Float>, m: UnsafeMutableBufferPointer<Float>,
        v: UnsafeMutableBufferPointer<Float>, oneMinusBeta1: Float, oneMinusBeta2: Float, stepSize: Float,
        divisor: Float?, eps: Float
    ) {
        adamStepFloat(w: w, g: g, m: m, v: v, oneMinusBeta1: oneMinusBeta1, oneMinusBeta2: oneMinusBeta2,
                      stepSize: stepSize, divisor: divisor, eps: eps)
    }

    public static func rmspropStep(
        w: UnsafeMutableBufferPointer<Float>, g: UnsafeBufferPointer<Float>, ms: UnsafeMutableBufferPointer<Float>,
        lr: Float, rho: Float, oneMinusRho: Float, eps: Float, inside: Bool
    ) {
        rmspropStepFloat(w: w, g: g, ms: ms, lr: lr, rho: rho, oneMinusRho: oneMinusRho, eps: eps, inside: inside)
    }
}

/// Double: the reference loops.
extension Double: KernelScalar {
    public static func lstmForward(
        cPrev: UnsafeBufferPointer<Double>, x: UnsafeBufferPointer<Double>, gates: UnsafeMutableBufferPointer<Double>,
        c: UnsafeMutableBufferPointer<Double>, tanhC: UnsafeMutableBufferPointer<Double>,
        h: UnsafeMutableBufferPointer<Double>
    ) {
        lstmForwardReference(cPrev: cPrev, x: x, gates: gates, c: c, tanhC: tanhC, h: h)
    }

    public static func lstmBackward(
        cPrev: UnsafeBufferPointer<Double>, gates: UnsafeBufferPointer<Double>, tanhC: UnsafeBufferPointer<Double>,
        gc: UnsafeBufferPointer<Double>, gh: UnsafeBufferPointer<Double>,
        gcPrev: UnsafeMutableBufferPointer<Double>, gx: UnsafeMutableBufferPointer<Double>
    ) {
        lstmBackwardKernel(cPrev: cPrev, gates: gates, tanhC: tanhC, gc: gc, gh: gh, gcPrev: gcPrev, gx: gx)
    }

    public static func adamStep(
        w: UnsafeMutableBufferPointer<Double>, g: UnsafeBufferPointer<Double>, m: UnsafeMutableBufferPointer<Double>,
        v: UnsafeMutableBufferPointer<Double>, oneMinusBeta1: Double, oneMinusBeta2: Double, stepSize: Double,
        divisor: Double?, eps: Double
    ) {
        adamStepReference(w: w, g: g, m: m, v: v, oneMinusBeta1: oneMinusBeta1, oneMinusBeta2: oneMinusBeta2,
                          stepSize: stepSize, divisor: divisor, eps: eps)
    }

    public static func rmspropStep(
        w: UnsafeMutableBufferPointer<Double>, g: UnsafeBufferPointer<Double>, ms: UnsafeMutableBufferPointer<Double>,
        lr: Double, rho: Double, oneMinusRho: Double, eps: Double, inside: Bool
    ) {
        rmspropStepReference(w: w, g: g, ms: ms, lr: lr, rho: rho, oneMinusRho: oneMinusRho, eps: eps, inside: inside)
    }
}
