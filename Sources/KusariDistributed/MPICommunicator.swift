import CMPI
import Foundation
import KusariCore

/// A ``Communicator`` over Open MPI's `MPI_COMM_WORLD`: the ranks `mpirun` started.
///
/// ```swift
/// let comm = try MPICommunicator()
/// print("rank \(comm.rank) of \(comm.size)")
/// ```
/// Run with `mpirun -np 4 ./train` (as root add `--allow-run-as-root`; with more ranks than cores add
/// `--oversubscribe`). Started without `mpirun`, the program is a single rank of size 1 (MPI's singleton
/// start). MPI is started on first use and finalised when the process exits (see `MPIRuntime`). Every
/// failing MPI call throws ``CommunicatorError/mpi(call:code:message:)`` with MPI's own message.
///
/// Use it from one thread (MPI is started in `MPI_THREAD_FUNNELED` mode).
public final class MPICommunicator: Communicator {
    public let rank: Int
    public let size: Int

    /// The world communicator, starting MPI if this is the first one.
    /// - Throws: ``CommunicatorError/mpi(call:code:message:)`` when MPI cannot start.
    public init() throws {
        _ = try MPIRuntime.started.get()
        var rank: Int32 = 0
        var size: Int32 = 0
        try MPIRuntime.check(MPI_Comm_rank(kusari_mpi_comm_world(), &rank), "MPI_Comm_rank")
        try MPIRuntime.check(MPI_Comm_size(kusari_mpi_comm_world(), &size), "MPI_Comm_size")
        self.rank = Int(rank)
        self.size = Int(size)
    }

    public func barrier() throws {
        try MPIRuntime.check(MPI_Barrier(kusari_mpi_comm_world()), "MPI_Barrier")
    }

    public func broadcast<T: NDScalar>(_ buffer: UnsafeMutableBufferPointer<T>, root: Int) throws {
        try checkRoot(root)
        try forEachChunk(of: buffer) { start, count in
            try MPIRuntime.check(
                MPI_Bcast(start, count, Self.datatype(T.self), Int32(root), kusari_mpi_comm_world()), "MPI_Bcast")
        }
    }

    public func allreduceSum<T: NDScalar>(_ buffer: UnsafeMutableBufferPointer<T>) throws {
        try forEachChunk(of: buffer) { start, count in
            try MPIRuntime.check(
                MPI_Allreduce(kusari_mpi_in_place(), start, count, Self.datatype(T.self), kusari_mpi_sum(),
                              kusari_mpi_comm_world()),
                "MPI_Allreduce")
        }
    }

    public func allgather(_ value: Double) throws -> [Double] {
        var mine = value
        var all = [Double](repeating: 0, count: size)
        try all.withUnsafeMutableBufferPointer { all in
            try MPIRuntime.check(
                MPI_Allgather(&mine, 1, kusari_mpi_double(), all.baseAddress, 1, kusari_mpi_double(),
                              kusari_mpi_comm_world()),
                "MPI_Allgather")
        }
        return all
    }

    public func abort(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        MPI_Abort(kusari_mpi_comm_world(), code)
        exit(code)  // not reached: MPI_Abort ends the process
    }

    /// The MPI datatype of `T` (`MPI_FLOAT` or `MPI_DOUBLE`).
    private static func datatype<T: NDScalar>(_ type: T.Type) -> MPI_Datatype {
        T.dtype == .float32 ? kusari_mpi_float() : kusari_mpi_double()
    }

    /// Calls `body` on pieces of at most `Int32.max` elements (MPI counts are C `int`s).
    private func forEachChunk<T>(of buffer: UnsafeMutableBufferPointer<T>,
                                 _ body: (UnsafeMutableRawPointer, Int32) throws -> Void) throws {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        var start = 0
        while start < buffer.count {
            let count = min(buffer.count - start, Int(Int32.max))
            try body(UnsafeMutableRawPointer(base + start), Int32(count))
            start += count
        }
    }
}
