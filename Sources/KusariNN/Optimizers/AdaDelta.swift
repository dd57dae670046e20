import KusariCore

/// AdaDelta (Zeiler, 2012; Chainer's `AdaDelta`), keeping moving averages of the squared gradient
/// `msg` and of the squared step `msdx`:
///
///     msg  ← ρ · msg + (1 − ρ) · g²
///     dx   = √((msdx + ε) / (msg + ε)) · g
///     msdx ← ρ · msdx + (1 − ρ) · dx²
///     W    ← W − lr · dx
///
/// AdaDelta needs no learning rate: its step has the units of W. Chainer has none; ``Optimizer/lr``
/// (default 1, which is Chainer's rule) scales the step as PyTorch's `Adadelta(lr:)` does, so
/// learning-rate schedules still apply. Defaults are Chainer's (ρ 0.95, ε 1e-6).
///
/// ```swift
/// let optimizer = AdaDelta().setup(model)
/// ```
open class AdaDelta: Optimizer {
    /// The decay of both moving averages.
    public var rho: Double
    /// The small constant in numerator and denominator; it also sets the size of the first steps.
    public var eps: Double

    /// AdaDelta with Chainer's defaults.
    public init(rho: Double = 0.95, eps: Double = 1e-6, lr: Double = 1) {
        self.rho = rho
        self.eps = eps
        super.init(lr: lr)
    }

    /// The rule above, once for both dtypes (see ``Optimizer/step(_:parameter:grad:state:)``).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    open override func step<T: KernelScalar>(_: T.Type, parameter: Parameter, grad: NDArray,
                                             state: inout ParameterState) {
        let lr = T(self.lr), rho = T(self.rho), oneMinusRho = T(1 - self.rho), eps = T(self.eps)
        state.withBuffers(as: T.self, parameter: parameter, grad: grad, "msg", "msdx") { w, g, msg, msdx in
            for i in 0..<w.count {
                msg[i] = rho * msg[i] + oneMinusRho * g[i] * g[i]
                let dx = ((msdx[i] + eps) / (msg[i] + eps)).squareRoot() * g[i]
                msdx[i] = rho * msdx[i] + oneMinusRho * dx * dx
                w[i] -= lr * dx
            }
        }
    }
}
