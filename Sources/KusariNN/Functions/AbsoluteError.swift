// Absolute error and its mean, the L1 counterpart of the squared error.
import KusariCore

/// y = |x₀ − x₁| elementwise; ∂y/∂x₀ = sign(x₀ − x₁), ∂y/∂x₁ = −sign(x₀ − x₁) (taken as 0 at a tie).
/// The sign is a constant mask, so the gradient is differentiable again (its own gradient is zero).
public final class AbsoluteError: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        require(x[0].shape == x[1].shape, "absoluteError: x0 \(x[0].shape) and x1 \(x[1].shape) differ")
        return [(x[0] - x[1]).abs()]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let d = inputs[0].data - inputs[1].data
        let sign = Variable(d.map({ $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }),
                            requiresGrad: false)
        let gx = gy[0] * sign
        return [gx, -gx]
    }
}

/// Elementwise |x₀ − x₁|, same shapes.
public func absoluteError(_ x0: Variable, _ x1: Variable) -> Variable { AbsoluteError().apply([x0, x1])[0] }

/// L = mean |x₀ − x₁| over all elements (the MAE loss of IBM's Keras model): a scalar.
public func meanAbsoluteError(_ x0: Variable, _ x1: Variable) -> Variable { mean(absoluteError(x0, x1)) }
