// Joining variables along an axis, and cutting one apart. Each is the other's gradient.
import KusariCore

/// y = [x₀, x₁, …] joined along `axis`.
public final class Concat: FunctionNode {
    /// The axis the inputs are joined along.
    public let axis: Int
    /// A node joining its inputs along `axis`; all other extents must agree.
    public init(axis: Int) { self.axis = axis }
    override public func forward(_ x: [NDArray]) -> [NDArray] { [NDArray.concatenate(x, axis: axis)] }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let ax = axis < 0 ? axis + inputs[0].ndim : axis
        return splitAxis(gy[0], sizes: inputs.map { $0.shape[ax] }, axis: ax)
    }
}

/// (y₀, y₁, …) = x cut along `axis` into pieces of the given `sizes`.
public final class SplitAxis: FunctionNode {
    /// The extent of each piece along `axis`; they add up to the input's extent.
    public let sizes: [Int]
    /// The axis the input is cut along.
    public let axis: Int
    /// A node cutting its input along `axis` into pieces of `sizes`.
    public init(sizes: [Int], axis: Int) {
        self.sizes = sizes
        self.axis = axis
    }
    override public func forward(_ x: [NDArray]) -> [NDArray] { x[0].split(sizes: sizes, axis: axis) }
    override public func backward(_ gy: [Variable]) -> [Variable?] { [concat(gy, axis: axis)] }
}

/// The variables joined along `axis`.
public func concat(_ xs: [Variable], axis: Int = 1) -> Variable { Concat(axis: axis).apply(xs)[0] }

/// `x` cut along `axis` into pieces of the given extents.
public func splitAxis(_ x: Variable, sizes: [Int], axis: Int) -> [Variable] {
    SplitAxis(sizes: sizes, axis: axis).apply([x])
}

/// `x` cut into `sections` equal pieces along `axis`.
public func splitAxis(_ x: Variable, sections: Int, axis: Int) -> [Variable] {
    let ax = axis < 0 ? axis + x.ndim : axis
    require(sections > 0 && x.shape[ax] % sections == 0,
                 "splitAxis: axis \(ax) of shape \(x.shape) cannot be cut into \(sections) equal sections")
    return splitAxis(x, sizes: Array(repeating: x.shape[ax] / sections, count: sections), axis: ax)
}

/// `x` separated along `axis` into its slices, each without that axis (Chainer's `separate`): a
/// `(batch, time, features)` tensor becomes `time` variables of shape `(batch, features)`.
public func separate(_ x: Variable, axis: Int = 0) -> [Variable] {
    let ax = axis < 0 ? axis + x.ndim : axis
    var shape = x.shape
    shape.remove(at: ax)
    return splitAxis(x, sections: x.shape[ax], axis: ax).map { reshape($0, shape) }
}
