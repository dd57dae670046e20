// Broadcasting as differentiable functions: broadcastTo stretches, sumTo sums back. Each is the other's
// gradient.

/// y = x stretched to `shape` (NumPy broadcasting rules).
public final class BroadcastTo: FunctionNode {
    /// The shape the input is stretched to.
    public let shape: [Int]
    /// A node broadcasting its input to `shape`.
    public init(shape: [Int]) { self.shape = shape }
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].broadcast(to: shape)] }
    override public func backward(_ gy: [Variable]) -> [Variable?] { [sumTo(gy[0], inputs[0].shape)] }
}

/// y = x summed over its broadcast axes down to `shape` (Chainer's `sum_to`).
public final class SumTo: FunctionNode {
    /// The shape the input is summed down to.
    public let shape: [Int]
    /// A node summing its input down to `shape`.
    public init(shape: [Int]) { self.shape = shape }
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].sum(to: shape)] }
    override public func backward(_ gy: [Variable]) -> [Variable?] { [broadcastTo(gy[0], inputs[0].shape)] }
}

/// `x` broadcast to `shape`; returns `x` itself when the shape already matches.
public func broadcastTo(_ x: Variable, _ shape: [Int]) -> Variable {
    x.shape == shape ? x : BroadcastTo(shape: shape).apply([x])[0]
}

/// `x` summed to `shape`; returns `x` itself when the shape already matches.
public func sumTo(_ x: Variable, _ shape: [Int]) -> Variable {
    x.shape == shape ? x : SumTo(shape: shape).apply([x])[0]
}
