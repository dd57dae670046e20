/// Kusari's check for programmer errors such as shape mismatches ("matmul: shapes [2, 3] and [2, 3] do
/// not align"), for code that extends Kusari (a new ``FunctionNode`` or layer):
///
/// ```swift
/// override func forward(_ x: [NDArray]) -> [NDArray] {
///     ShapeCheck.require(x[0].ndim == 2, "softplus: expected (batch, features), got \(x[0].shape)")
///     …
/// }
/// ```
///
/// Unlike the standard library's `precondition`, whose message is dropped in optimised (`-c release`)
/// builds, it always prints the message, so a student running a tutorial in release mode still learns
/// which function received which shapes.
public enum ShapeCheck {
    /// Stops the program with `message` when `condition` is false.
    @inlinable @inline(__always)
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                               file: StaticString = #fileID, line: UInt = #line) {
        if !condition() { fatalError(message(), file: file, line: line) }
    }
}

/// ``ShapeCheck/require(_:_:file:line:)`` under a short name for Kusari's own modules (package access:
/// not added to users' namespaces). Inlinable, so the check costs a branch in every module that uses it.
@inlinable @inline(__always)
package func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                     file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
