// Leaky rectified linear unit: a ReLU whose negative side keeps a small slope.
import KusariCore

/// y = x for x ≥ 0, y = a·x for x < 0 (a = `slope`, Chainer's default 0.2);
/// ∂y/∂x = 1 where x ≥ 0, else a. The gradient is a constant mask times gy, so it is differentiable again.
public final class LeakyReLU: FunctionNode {
    /// a, the slope of the negative side (0 ≤ a < 1 in practice).
    public let slope: Double
    /// The leaky ReLU with negative-side slope `slope`.
    public init(slope: Double) { self.slope = slope }
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let a = slope
        return [x[0].map({ $0 >= 0 ? $0 : Float(a) * $0 }, { $0 >= 0 ? $0 : a * $0 })]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let a = slope
        let mask = inputs[0].data.map({ $0 >= 0 ? 1 : Float(a) }, { $0 >= 0 ? 1 : a })
        return [gy[0] * Variable(mask, requiresGrad: false)]
    }
}

/// Elementwise leaky ReLU: `x` where positive, `slope · x` elsewhere.
public func leakyReLU(_ x: Variable, slope: Double = 0.2) -> Variable { LeakyReLU(slope: slope).apply([x])[0] }
