// Reshape and transpose as differentiable functions.
import KusariCore

/// y = x viewed with another shape; the gradient is reshaped back.
public final class Reshape: FunctionNode {
    /// The output shape; one extent may be −1 (inferred).
    public let shape: [Int]
    /// A node reshaping its input to `shape` (same element count).
    public init(shape: [Int]) { self.shape = shape }
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].reshaped(shape)] }
    override public func backward(_ gy: [Variable]) -> [Variable?] { [reshape(gy[0], inputs[0].shape)] }
}

/// y = x with permuted axes; the gradient is permuted back with the inverse permutation.
public final class Transpose: FunctionNode {
    /// The permutation: output axis i is input axis `axes[i]`; nil reverses the axes.
    public let axes: [Int]?
    /// A node permuting its input's axes by `axes` (reversing them when nil).
    public init(axes: [Int]?) { self.axes = axes }
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].transposed(axes)] }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let n = inputs[0].ndim
        let perm = axes ?? Array((0..<n).reversed())
        var inverse = [Int](repeating: 0, count: n)
        for (i, p) in perm.enumerated() { inverse[p] = i }
        return [transpose(gy[0], axes: inverse)]
    }
}

/// `x` with another shape (one extent may be -1); returns `x` itself when the shape is unchanged.
public func reshape(_ x: Variable, _ shape: [Int]) -> Variable {
    x.shape == shape ? x : Reshape(shape: shape).apply([x])[0]
}

/// `x` with its axes permuted (reversed when `axes` is nil).
public func transpose(_ x: Variable, axes: [Int]? = nil) -> Variable {
    Transpose(axes: axes).apply([x])[0]
}

/// Reshaping and transposing as methods.
extension Variable {
    /// This variable with another shape.
    public func reshaped(_ shape: [Int]) -> Variable { reshape(self, shape) }
    /// This variable with its axes permuted (reversed when nil: the matrix transpose).
    public func transposed(_ axes: [Int]? = nil) -> Variable { transpose(self, axes: axes) }
    /// The matrix transpose.
    public var T: Variable { transpose(self) }
}
