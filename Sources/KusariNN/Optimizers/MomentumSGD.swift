import KusariCore

/// SGD with classical momentum (Chainer's `MomentumSGD`), keeping a velocity `v` per parameter:
///
///     v ← momentum · v − lr · g
///     W ← W + v
///
/// The learning rate sits inside the velocity, so changing ``Optimizer/lr`` mid-run rescales only new
/// contributions. (PyTorch's `SGD(momentum:)` keeps v ← μ·v + g and steps W ← W − lr·v instead: the same
/// trajectory for a constant learning rate.)
///
/// ```swift
/// let optimizer = MomentumSGD(lr: 0.01, momentum: 0.9).setup(model)
/// ```
open class MomentumSGD: Optimizer {
    /// The decay of the velocity per update.
    public var momentum: Double

    /// Momentum SGD with Chainer's defaults (lr 0.01, momentum 0.9).
    public init(lr: Double = 0.01, momentum: Double = 0.9) {
        self.momentum = momentum
        super.init(lr: lr)
    }

    /// The rule above, once for both dtypes (see ``Optimizer/step(_:parameter:grad:state:)``).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    open override func step<T: KernelScalar>(_: T.Type, parameter: Parameter, grad: NDArray,
                                             state: inout ParameterState) {
        let lr = T(self.lr), momentum = T(self.momentum)
        state.withBuffers(as: T.self, parameter: parameter, grad: grad, "v") { w, g, v in
            for i in 0..<w.count {
                v[i] = momentum * v[i] - lr * g[i]
                w[i] += v[i]
            }
        }
    }
}
