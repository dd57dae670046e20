import KusariCore

/// RMSprop (Tieleman & Hinton, 2012), keeping a moving average `ms` of the squared gradient:
///
///     ms ← ρ · ms + (1 − ρ) · g²
///     .outsideSquareRoot (default):  W ← W − lr · g / (√ms + ε)
///     .insideSquareRoot:             W ← W − lr · g / √(ms + ε)
///
/// Frameworks disagree on where ε goes (``EpsilonPlacement``):
/// - outside: Chainer (its default), PyTorch, Keras 2, and `tf.keras` up to TensorFlow 2.10 without momentum;
/// - inside: Keras 3 and `tf.keras` from TensorFlow 2.11, Chainer with `eps_inside_sqrt=True`.
///
/// They differ only where ms is not much larger than ε² (outside) or ε (inside), i.e. for tiny
/// gradients: with ε = 1e-7, a gradient of 1e-4 gets a first step about ten times smaller inside.
///
/// Defaults are Chainer's (lr 0.01, ρ 0.99, ε 1e-8); ρ is called `alpha` in Chainer and PyTorch, `rho`
/// in Keras, whose defaults are lr 1e-3, ρ 0.9, ε 1e-7:
/// ```swift
/// let optimizer = RMSprop(lr: 1e-3, rho: 0.9, eps: 1e-7, epsilonPlacement: .insideSquareRoot)  // Keras 3
/// ```
open class RMSprop: Optimizer {
    /// Where ε enters RMSprop's step; see ``RMSprop``.
    public enum EpsilonPlacement: Sendable {
        /// g / (√ms + ε): Chainer, PyTorch, Keras 2.
        case outsideSquareRoot
        /// g / √(ms + ε): Keras 3, Chainer with `eps_inside_sqrt=True`.
        case insideSquareRoot
    }

    /// The decay of the squared-gradient average.
    public var rho: Double
    /// The small constant that keeps the denominator away from zero.
    public var eps: Double
    /// Where ``eps`` enters the step.
    public var epsilonPlacement: EpsilonPlacement

    /// RMSprop with Chainer's defaults.
    public init(lr: Double = 0.01, rho: Double = 0.99, eps: Double = 1e-8,
                epsilonPlacement: EpsilonPlacement = .outsideSquareRoot) {
        self.rho = rho
        self.eps = eps
        self.epsilonPlacement = epsilonPlacement
        super.init(lr: lr)
    }

    /// The rule above, once for both dtypes (see ``Optimizer/step(_:parameter:grad:state:)``).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    open override func step<T: KernelScalar>(_: T.Type, parameter: Parameter, grad: NDArray,
                                             state: inout ParameterState) {
        let lr = T(self.lr), rho = T(self.rho), oneMinusRho = T(1 - self.rho), eps = T(self.eps)
        let inside = epsilonPlacement == .insideSquareRoot
        // The loop of KernelScalar.rmspropStep: vectorised for Float, the reference loop for Double.
        state.withBuffers(as: T.self, parameter: parameter, grad: grad, "ms") { w, g, ms in
            T.rmspropStep(w: w, g: g, ms: ms, lr: lr, rho: rho, oneMinusRho: oneMinusRho, eps: eps, inside: inside)
        }
    }
}
