// Softmax and log-softmax along an axis, computed after subtracting the maximum so eˣ never overflows.
import KusariCore

/// yᵢ = e^(xᵢ) / Σⱼ e^(xⱼ) along `axis`; ∂L/∂x = y ⊙ (g − Σ y ⊙ g)
public final class Softmax: FunctionNode {
    /// The axis normalised over (the class axis).
    public let axis: Int
    /// A node computing the softmax along `axis`.
    public init(axis: Int = 1) { self.axis = axis }
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        retainOutputs([0])
        let e = (x[0] - x[0].max(axis: axis, keepDims: true)).exp()
        return [e / e.sum(axis: axis, keepDims: true)]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let y = output(0)
        let yg = y * gy[0]
        return [yg - y * sum(yg, axes: [axis], keepDims: true)]
    }
}

/// yᵢ = xᵢ − log Σⱼ e^(xⱼ) along `axis`; ∂L/∂x = g − softmax(x) ⊙ Σ g
public final class LogSoftmax: FunctionNode {
    /// The axis normalised over (the class axis).
    public let axis: Int
    /// A node computing the log-softmax along `axis`.
    public init(axis: Int = 1) { self.axis = axis }
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        retainOutputs([0])
        return [logSoftmaxArray(x[0], axis: axis)]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [gy[0] - exp(output(0)) * sum(gy[0], axes: [axis], keepDims: true)]
    }
}

/// x − logsumexp(x) along `axis`, stable for large inputs.
func logSoftmaxArray(_ x: NDArray, axis: Int) -> NDArray {
    let shifted = x - x.max(axis: axis, keepDims: true)
    return shifted - shifted.exp().sum(axis: axis, keepDims: true).log()
}

/// Softmax along `axis` (the class axis, 1 for `(batch, classes)`).
public func softmax(_ x: Variable, axis: Int = 1) -> Variable { Softmax(axis: axis).apply([x])[0] }
/// Log-softmax along `axis`.
public func logSoftmax(_ x: Variable, axis: Int = 1) -> Variable { LogSoftmax(axis: axis).apply([x])[0] }
