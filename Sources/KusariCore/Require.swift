/// Stops the program with `message` when `condition` is false: Kusari's check for programmer errors such
/// as shape mismatches ("matmul: shapes [2, 3] and [2, 3] do not align").
///
/// Unlike the standard library's `precondition`, whose message is dropped in optimised (`-c release`)
/// builds, this always prints the message, so a student running a tutorial in release mode still learns
/// which function received which shapes.
@inline(__always)
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
