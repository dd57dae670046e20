import RealModule
import KusariCore

/// Adam (Kingma & Ba, 2015), keeping moving averages of the gradient `m` and of its square `v`:
///
///     m ← m + (1 − β1)(g − m)          (= β1·m + (1 − β1)·g)
///     v ← v + (1 − β2)(g² − v)
///
/// then, with t the number of updates this parameter has received, one of two steps that differ only
/// in where ε enters (``EpsilonPlacement``):
///
///     .chainer (default; also Keras/TensorFlow, and the paper's "efficient version" with ε̂):
///         lr_t = α · √(1 − β2ᵗ) / (1 − β1ᵗ)
///         W ← W − lr_t · m / (√v + ε)
///     .pytorch (the paper's Algorithm 1 as written; also PyTorch, Optax):
///         m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)
///         W ← W − α · m̂ / (√v̂ + ε)
///
/// Rewriting the first as α·m̂ / (√v̂ + ε/√(1 − β2ᵗ)) shows the difference: Chainer's ε is scaled up by
/// 1/√(1 − β2ᵗ) (≈ 31.6 at t = 1 with β2 = 0.999, → 1 as t grows). It matters only when √v̂ is not much
/// larger than ε — tiny gradients, or the first few updates of a rarely used parameter. ``Optimizer/lr``
/// is α (also readable as ``alpha``).
///
/// ```swift
/// let optimizer = Adam(alpha: 0.01).setup(model)                     // the Keras blog's Adam(lr=0.01)
/// let torchLike = Adam(epsilonPlacement: .pytorch).setup(model)      // match PyTorch step for step
/// ```
open class Adam: Optimizer {
    /// Where ε enters Adam's step; see ``Adam``.
    public enum EpsilonPlacement: Sendable {
        /// W −= α·√(1 − β2ᵗ)/(1 − β1ᵗ) · m / (√v + ε): Chainer, Keras, TensorFlow.
        case chainer
        /// W −= α · m̂ / (√v̂ + ε) with bias-corrected m̂, v̂: PyTorch, Optax.
        case pytorch
    }

    /// The decay of the first-moment average m.
    public var beta1: Double
    /// The decay of the second-moment average v.
    public var beta2: Double
    /// The small constant that keeps the denominator away from zero.
    public var eps: Double
    /// Where ``eps`` enters the step.
    public var epsilonPlacement: EpsilonPlacement

    /// The step size α: another name for ``Optimizer/lr``.
    public var alpha: Double {
        get { lr }
        set { lr = newValue }
    }

    /// Adam with the paper's (and Chainer's) defaults.
    public init(alpha: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                epsilonPlacement: EpsilonPlacement = .chainer) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.epsilonPlacement = epsilonPlacement
        super.init(lr: alpha)
    }

    /// The rule above, once for both dtypes (see ``Optimizer/step(_:parameter:grad:state:)``).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    open override func step<T: KernelScalar>(_: T.Type, parameter: Parameter, grad: NDArray,
                                             state: inout ParameterState) {
        let t = Double(state.t)
        let correction1 = 1 - Double.pow(beta1, t), correction2 = 1 - Double.pow(beta2, t)
        // Chainer's placement folds both corrections into the step size; PyTorch's divides √v by √(1 − β2ᵗ).
        let (stepSize, divisor): (Double, T?) = epsilonPlacement == .chainer
            ? (lr * correction2.squareRoot() / correction1, nil)
            : (lr / correction1, T(correction2.squareRoot()))
        let (oneMinusBeta1, oneMinusBeta2, eps) = (T(1 - beta1), T(1 - beta2), T(self.eps))
        // The loop of KernelScalar.adamStep: vectorised for Float, the reference loop for Double.
        state.withBuffers(as: T.self, parameter: parameter, grad: grad, "m", "v") { w, g, m, v in
            T.adamStep(w: w, g: g, m: m, v: v, oneMinusBeta1: oneMinusBeta1, oneMinusBeta2: oneMinusBeta2,
                       stepSize: T(stepSize), divisor: divisor, eps: eps)
        }
    }
}
