import Foundation
import KusariCore

/// A communicator of one rank that needs no MPI: every collective leaves the data as it is, so code
/// written for data-parallel training runs unchanged in one process (and in unit tests).
///
/// ```swift
/// let comm: any Communicator = runUnderMPI ? try MPICommunicator() : SingleProcessCommunicator()
/// ```
public final class SingleProcessCommunicator: Communicator {
    /// A communicator of size 1.
    public init() {}

    public var rank: Int { 0 }
    public var size: Int { 1 }
    public func barrier() throws {}
    public func broadcast<T: NDScalar>(_ buffer: UnsafeMutableBufferPointer<T>, root: Int) throws {
        try checkRoot(root)
    }
    public func allreduceSum<T: NDScalar>(_ buffer: UnsafeMutableBufferPointer<T>) throws {}
    public func allgather(_ value: Double) throws -> [Double] { [value] }
    public func abort(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(code)
    }
}
