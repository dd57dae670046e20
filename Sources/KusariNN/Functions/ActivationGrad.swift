// The gradients of tanh and sigmoid as functions of their own (Chainer's TanhGrad and SigmoidGrad): one
// fused elementwise kernel instead of three graph nodes and a broadcast constant, and still
// differentiable, so double backprop works.
//
// What they compute: gx = gy·(1 − y²) and gx = gy·y·(1 − y), in the order the Variable expressions
// `gy * (1 - y * y)` and `gy * y * (1 - y)` did, so the values are bit-identical.
//
// Why it matters: for the small layers of the tutorials (6 × 10 elements) the cost of an operation is
// its bookkeeping, not its arithmetic: three nodes, their output arrays and a scalar constant per
// backward step become one node and one array.
import KusariCore

/// (y, gy) ↦ gy·(1 − y²): the gradient of y = tanh x, given y.
public final class TanhGrad: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        [NDArray.combine(x[1], x[0], function: "tanh (backward)", { g, y in g * (1 - y * y) },
                         { g, y in g * (1 - y * y) })]
    }
    /// ∂/∂y = −2·y·gy·ĝ, ∂/∂gy = (1 − y²)·ĝ.
    override public func backward(_ ggx: [Variable]) -> [Variable?] {
        let (y, gy, g) = (inputs[0], inputs[1], ggx[0])
        return [-2 * y * gy * g, (1 - y * y) * g]
    }
}

/// (y, gy) ↦ gy·y·(1 − y): the gradient of y = σ(x), given y.
public final class SigmoidGrad: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        [NDArray.combine(x[1], x[0], function: "sigmoid (backward)", { g, y in g * y * (1 - y) },
                         { g, y in g * y * (1 - y) })]
    }
    /// ∂/∂y = gy·(1 − 2y)·ĝ, ∂/∂gy = y·(1 − y)·ĝ.
    override public func backward(_ ggx: [Variable]) -> [Variable?] {
        let (y, gy, g) = (inputs[0], inputs[1], ggx[0])
        return [gy * (1 - 2 * y) * g, y * (1 - y) * g]
    }
}
