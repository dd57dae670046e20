// Basic indexing (integers and ranges) as a differentiable function. Its gradient scatters the output
// gradient into zeros of the input's shape; that scatter's own gradient is indexing again.
import KusariCore

/// y = x[slices]
public final class GetItem: FunctionNode {
    /// The resolved index, one ``/KusariCore/AxisSlice`` per leading axis.
    public let slices: [AxisSlice]
    /// A node taking `x[slices]`.
    public init(slices: [AxisSlice]) { self.slices = slices }
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].slice(slices)] }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [GetItemGrad(slices: slices, inputShape: inputs[0].shape).apply([gy[0]])[0]]
    }
}

/// The adjoint of ``GetItem``: places `gy` at `slices` in zeros of `inputShape`.
public final class GetItemGrad: FunctionNode {
    /// Where the gradient goes in the input.
    public let slices: [AxisSlice]
    /// The shape of the input ``GetItem`` sliced.
    public let inputShape: [Int]
    /// A node scattering its input at `slices` into zeros of `inputShape`.
    public init(slices: [AxisSlice], inputShape: [Int]) {
        self.slices = slices
        self.inputShape = inputShape
    }
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        [NDArray.scatter(x[0], into: inputShape, at: slices)]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [GetItem(slices: slices).apply([gy[0]])[0]]
    }
}

/// `x[indices]`: integers pick one position and drop the axis, ranges keep it.
public func getItem(_ x: Variable, _ indices: [any AxisIndex]) -> Variable {
    GetItem(slices: x.data.resolve(indices)).apply([x])[0]
}

/// Basic indexing of Variables, differentiable.
extension Variable {
    /// Basic indexing, differentiable: `h[0]`, `x[0..<2, 1...]`.
    public subscript(_ indices: any AxisIndex...) -> Variable { getItem(self, indices) }
}
