// Activation functions: tanh, sigmoid, relu.
import KusariCore

/// y = tanh x; ∂y/∂x = 1 − y²
public final class Tanh: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        retainOutputs([0])
        return [x[0].tanh()]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [TanhGrad().apply([output(0), gy[0]])[0]]
    }
}

/// y = σ(x) = 1 / (1 + e⁻ˣ); ∂y/∂x = y (1 − y)
public final class Sigmoid: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        retainOutputs([0])
        return [x[0].sigmoid()]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [SigmoidGrad().apply([output(0), gy[0]])[0]]
    }
}

/// y = max(x, 0); ∂y/∂x = 1 where x > 0, else 0
public final class ReLU: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].relu()] }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let mask = NDArray.greater(inputs[0].data, NDArray.zeros([], dtype: inputs[0].dtype))
        return [gy[0] * Variable(mask, requiresGrad: false)]
    }
}

/// Elementwise hyperbolic tangent.
public func tanh(_ x: Variable) -> Variable { Tanh().apply([x])[0] }
/// Elementwise logistic sigmoid.
public func sigmoid(_ x: Variable) -> Variable { Sigmoid().apply([x])[0] }
/// Elementwise rectified linear unit.
public func relu(_ x: Variable) -> Variable { ReLU().apply([x])[0] }
