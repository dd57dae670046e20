import KusariCore

/// What an optimizer remembers about one parameter between updates: how many updates it has received
/// (``t``) and named arrays shaped like it (Adam's `m` and `v`, MomentumSGD's `v`).
///
/// The optimizer keeps one `ParameterState` per parameter path (`/l1/W`) and hands it to
/// ``Optimizer/updateOne(path:parameter:grad:state:)`` as `inout`. An update rule creates its arrays on
/// first use, as zeros, so a fresh optimizer needs no set-up per parameter:
///
/// ```swift
/// state.withBuffers(as: Float.self, parameter: p, grad: g, "v") { w, g, v in
///     for i in 0..<w.count { v[i] = 0.9 * v[i] - 0.01 * g[i]; w[i] += v[i] }
/// }
/// ```
/// or, without buffers, with array arithmetic (simpler, allocates a few temporaries):
/// ```swift
/// let v = state["v", default: .zeros(like: p.data)] * 0.9 - grad * 0.01
/// state["v"] = v
/// p.data = p.data + v
/// ```
public struct ParameterState: Sendable {
    /// The number of updates applied to this parameter, counting the one in progress inside
    /// ``Optimizer/updateOne(path:parameter:grad:state:)`` (so it is 1 on the first update). Adam's bias
    /// correction uses it, as Chainer's `UpdateRule.t` and PyTorch's `state["step"]` do.
    public var t: Int = 0
    /// The named arrays, each shaped like the parameter.
    public var arrays: [String: NDArray] = [:]

    /// An empty state: no updates yet, no arrays.
    public init() {}

    /// The array named `name`, if the rule has created it.
    public subscript(name: String) -> NDArray? {
        get { arrays[name] }
        set { arrays[name] = newValue }
    }

    /// The array named `name`, or `defaultValue` when it does not exist yet.
    public subscript(name: String, default defaultValue: @autoclosure () -> NDArray) -> NDArray {
        get { arrays[name] ?? defaultValue() }
        set { arrays[name] = newValue }
    }

    /// Removes and returns the array `name` (zeros shaped like `parameter` on first use). Once removed, the
    /// caller holds the only reference, so mutating it happens in place; put it back with the subscript.
    public mutating func take(_ name: String, like parameter: NDArray) -> NDArray {
        guard let array = arrays.removeValue(forKey: name) else { return .zeros(like: parameter) }
        require(array.shape == parameter.shape && array.dtype == parameter.dtype,
                     "optimizer state \(name) is \(array.shape) \(array.dtype), its parameter \(parameter.shape) \(parameter.dtype)")
        return array
    }
}
