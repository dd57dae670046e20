// Softplus, the smooth ReLU, and the stable way to compute it.
import KusariCore

/// y = log(1 + eˣ), computed as max(x, 0) + log(1 + e^(−|x|)) so that large |x| neither overflows nor
/// loses the small term; ∂y/∂x = σ(x), written with ``sigmoid(_:)`` so the gradient is differentiable.
public final class Softplus: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        [x[0].map({ Swift.max($0, 0) + Float.log(1 + Float.exp(-Swift.abs($0))) },
                  { Swift.max($0, 0) + Double.log(1 + Double.exp(-Swift.abs($0))) })]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] { [gy[0] * sigmoid(inputs[0])] }
}

/// Elementwise softplus log(1 + eˣ), a smooth upper bound of ReLU.
public func softplus(_ x: Variable) -> Variable { Softplus().apply([x])[0] }
