import KusariCore

/// Plain stochastic gradient descent (Chainer's `SGD`):
///
///     W ← W − lr · g
///
/// ```swift
/// let optimizer = SGD(lr: 0.1).setup(model)
/// ```
open class SGD: Optimizer {
    /// SGD with learning rate `lr` (Chainer's default 0.01).
    public override init(lr: Double = 0.01) {
        super.init(lr: lr)
    }

    /// The rule above, once for both dtypes (see ``Optimizer/step(_:parameter:grad:state:)``).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    open override func step<T: KernelScalar>(_: T.Type, parameter: Parameter, grad: NDArray,
                                             state: inout ParameterState) {
        let lr = T(self.lr)
        state.withBuffers(as: T.self, parameter: parameter, grad: grad) { w, g in
            for i in 0..<w.count { w[i] -= lr * g[i] }
        }
    }
}
