import KusariCore

/// AdaGrad (Duchi et al., 2011; Chainer's `AdaGrad`), keeping the running sum `h` of squared gradients:
///
///     h ← h + g²
///     W ← W − lr · g / (√h + ε)
///
/// Each coordinate's step shrinks as its gradients accumulate, so the effective learning rate only
/// decreases. Defaults are Chainer's (lr 0.001, ε 1e-8).
///
/// ```swift
/// let optimizer = AdaGrad(lr: 0.01).setup(model)
/// ```
open class AdaGrad: Optimizer {
    /// The small constant that keeps the denominator away from zero.
    public var eps: Double

    /// AdaGrad with Chainer's defaults.
    public init(lr: Double = 0.001, eps: Double = 1e-8) {
        self.eps = eps
        super.init(lr: lr)
    }

    /// The rule above, once for both dtypes (see ``Optimizer/step(_:parameter:grad:state:)``).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    open override func step<T: KernelScalar>(_: T.Type, parameter: Parameter, grad: NDArray,
                                             state: inout ParameterState) {
        let lr = T(self.lr), eps = T(self.eps)
        state.withBuffers(as: T.self, parameter: parameter, grad: grad, "h") { w, g, h in
            for i in 0..<w.count {
                h[i] += g[i] * g[i]
                w[i] -= lr * g[i] / (h[i].squareRoot() + eps)
            }
        }
    }
}
