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

    open override func updateOne(path: String, parameter: Parameter, grad: NDArray,
                                 state: inout ParameterState) throws {
        switch parameter.dtype {
        case .float32: step(Float.self, parameter, grad, state)
        case .float64: step(Double.self, parameter, grad, state)
        }
    }

    private func step<T: NDScalar>(_: T.Type, _ parameter: Parameter, _ grad: NDArray, _ state: ParameterState) {
        let lr = T(self.lr)
        state.withBuffers(as: T.self, parameter: parameter, grad: grad) { w, g in
            for i in 0..<w.count { w[i] -= lr * g[i] }
        }
    }
}
