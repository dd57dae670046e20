// Sums and means over axes. Their gradient spreads the output gradient back over the summed axes.
import KusariCore

/// y = Σ x over `axes` (all when nil).
public final class Sum: FunctionNode {
    /// The axes summed over; nil sums every element to a scalar.
    public let axes: [Int]?
    /// Whether the summed axes stay as extent-1 axes (so the result broadcasts against the input).
    public let keepDims: Bool
    /// A node summing over `axes`.
    public init(axes: [Int]?, keepDims: Bool) {
        self.axes = axes
        self.keepDims = keepDims
    }
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].sum(axes: axes, keepDims: keepDims)] }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let x = inputs[0]
        // Restore the summed axes as extent 1, then stretch back to the input's shape.
        let reduced = x.data.normalizedAxes(axes, function: "sum")
        let kept = x.shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
        return [broadcastTo(reshape(gy[0], kept), x.shape)]
    }
}

/// The sum of `x` over `axes` (all axes when nil).
public func sum(_ x: Variable, axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
    Sum(axes: axes, keepDims: keepDims).apply([x])[0]
}

/// The mean of `x` over `axes` (all axes when nil): the sum divided by the number of elements summed.
public func mean(_ x: Variable, axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
    let n = x.data.normalizedAxes(axes, function: "mean").map { x.shape[$0] }.product
    return sum(x, axes: axes, keepDims: keepDims) / Double(max(n, 1))
}

/// Sums and means as methods.
extension Variable {
    /// The sum over `axes` (all when nil).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
        KusariNN.sum(self, axes: axes, keepDims: keepDims)
    }
    /// The mean over `axes` (all when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Variable {
        KusariNN.mean(self, axes: axes, keepDims: keepDims)
    }
}
