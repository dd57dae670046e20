// In-place access for update rules: the parameter, its gradient and the state arrays as contiguous
// buffers of one scalar type, so a rule is a single loop with no allocation per element.
import KusariCore

extension ParameterState {
    /// Calls `body` with the parameter's elements `w` (mutable, in place) and its gradient `g`.
    ///
    /// `T` must match the parameter's dtype: built-in rules switch on `parameter.dtype` once and call a
    /// generic kernel with `Float.self` or `Double.self`.
    public func withBuffers<T: NDScalar>(
        as type: T.Type, parameter: Parameter, grad: NDArray,
        _ body: (_ w: UnsafeMutableBufferPointer<T>, _ g: UnsafeBufferPointer<T>) throws -> Void
    ) rethrows {
        try grad.withUnsafeBufferPointer(as: T.self) { g in
            try parameter.data.withUnsafeMutableBufferPointer(as: T.self) { w in try body(w, g) }
        }
    }

    /// Calls `body` with the parameter `w`, its gradient `g` and the state array `name` (zeros on first
    /// use), all in place. `T` must match the parameter's dtype.
    public mutating func withBuffers<T: NDScalar>(
        as type: T.Type, parameter: Parameter, grad: NDArray, _ name: String,
        _ body: (_ w: UnsafeMutableBufferPointer<T>, _ g: UnsafeBufferPointer<T>,
                 _ s: UnsafeMutableBufferPointer<T>) throws -> Void
    ) rethrows {
        var s = take(name, like: parameter.data)
        defer { arrays[name] = s }
        try withBuffers(as: T.self, parameter: parameter, grad: grad) { w, g in
            try s.withUnsafeMutableBufferPointer(as: T.self) { s in try body(w, g, s) }
        }
    }

    /// Calls `body` with the parameter `w`, its gradient `g` and the state arrays `name1`, `name2` (zeros
    /// on first use), all in place. `T` must match the parameter's dtype.
    public mutating func withBuffers<T: NDScalar>(
        as type: T.Type, parameter: Parameter, grad: NDArray, _ name1: String, _ name2: String,
        _ body: (_ w: UnsafeMutableBufferPointer<T>, _ g: UnsafeBufferPointer<T>,
                 _ s1: UnsafeMutableBufferPointer<T>, _ s2: UnsafeMutableBufferPointer<T>) throws -> Void
    ) rethrows {
        var s1 = take(name1, like: parameter.data)
        var s2 = take(name2, like: parameter.data)
        defer { arrays[name1] = s1; arrays[name2] = s2 }
        try withBuffers(as: T.self, parameter: parameter, grad: grad) { w, g in
            try s1.withUnsafeMutableBufferPointer(as: T.self) { s1 in
                try s2.withUnsafeMutableBufferPointer(as: T.self) { s2 in try body(w, g, s1, s2) }
            }
        }
    }
}
