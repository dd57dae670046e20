import KusariCore

/// The processes of a data-parallel run and the collective operations between them (ChainerMN's
/// communicator, Horovod's `hvd`): every process ("rank") runs the same program on its own share of the
/// data, and they agree on parameters and gradients through these calls.
///
/// ```swift
/// let comm = try MPICommunicator()          // `mpirun -np 4 ./train` → rank 0…3 of size 4
/// var g = NDArray([1, 2, 3] as [Float])
/// try comm.allreduceMean(&g)                 // every rank now holds the mean over the ranks
/// if comm.rank == 0 { print("averaged over \(comm.size) ranks:", g) }
/// ```
///
/// Every call is *collective*: all ranks must make the same calls, in the same order, with arrays of the
/// same shape and dtype; a rank that skips one leaves the others waiting. Two implementations:
/// ``MPICommunicator`` (Open MPI, one rank when started without `mpirun`) and
/// ``SingleProcessCommunicator`` (no MPI at all: every collective is the identity).
public protocol Communicator: AnyObject {
    /// This process' index, 0..<``size``. Rank 0 is the one that logs, plots and saves snapshots.
    var rank: Int { get }
    /// The number of processes in the run.
    var size: Int { get }
    /// Waits until every rank has reached this call.
    func barrier() throws
    /// Replaces `buffer` on every rank with rank `root`'s contents (same count on every rank).
    func broadcast<T: NDScalar>(_ buffer: UnsafeMutableBufferPointer<T>, root: Int) throws
    /// Replaces `buffer` on every rank with the element-wise sum over all ranks: xᵢ ← Σ_r xᵢ⁽ʳ⁾.
    func allreduceSum<T: NDScalar>(_ buffer: UnsafeMutableBufferPointer<T>) throws
    /// Every rank's `value`, indexed by rank, on every rank (an all-gather of one number per rank).
    func allgather(_ value: Double) throws -> [Double]
    /// Ends the whole job — every rank, not only this one — after printing `message` to standard error.
    /// The way out when one rank fails: the others would otherwise wait for it forever.
    func abort(_ message: String, code: Int32) -> Never
}

extension Communicator {
    /// True on rank 0, the rank that writes logs, figures and snapshots.
    public var isRoot: Bool { rank == 0 }

    /// Replaces `array` on every rank with rank `root`'s array; shape and dtype must match on every rank.
    public func broadcast(_ array: inout NDArray, root: Int = 0) throws {
        try checkRoot(root)
        switch array.dtype {
        case .float32: try array.withUnsafeMutableBufferPointer(as: Float.self) { try broadcast($0, root: root) }
        case .float64: try array.withUnsafeMutableBufferPointer(as: Double.self) { try broadcast($0, root: root) }
        }
    }

    /// Replaces `array` on every rank with the element-wise sum over the ranks.
    public func allreduceSum(_ array: inout NDArray) throws {
        switch array.dtype {
        case .float32: try array.withUnsafeMutableBufferPointer(as: Float.self) { try allreduceSum($0) }
        case .float64: try array.withUnsafeMutableBufferPointer(as: Double.self) { try allreduceSum($0) }
        }
    }

    /// Replaces `array` on every rank with the element-wise mean over the ranks: xᵢ ← (1/p) Σ_r xᵢ⁽ʳ⁾.
    public func allreduceMean(_ array: inout NDArray) throws {
        switch array.dtype {
        case .float32: try array.withUnsafeMutableBufferPointer(as: Float.self) { try allreduceMean($0) }
        case .float64: try array.withUnsafeMutableBufferPointer(as: Double.self) { try allreduceMean($0) }
        }
    }

    /// The element-wise mean over the ranks of a raw buffer (the sum, then one scaling by 1/p).
    public func allreduceMean<T: NDScalar>(_ buffer: UnsafeMutableBufferPointer<T>) throws {
        try allreduceSum(buffer)
        guard size > 1 else { return }
        let scale = 1 / T(size)
        for i in buffer.indices { buffer[i] *= scale }
    }

    /// The mean of `value` over the ranks, on every rank.
    public func allreduceMean(_ value: Double) throws -> Double {
        var array = NDArray([value])
        try allreduceMean(&array)
        return array.scalar
    }

    /// Every rank's `value` on rank `root` (indexed by rank); an empty array on the other ranks.
    /// ChainerMN's `gather_obj` for one number per rank.
    public func gather(_ value: Double, root: Int = 0) throws -> [Double] {
        try checkRoot(root)
        let all = try allgather(value)
        return rank == root ? all : []
    }

    func checkRoot(_ root: Int) throws {
        guard (0..<size).contains(root) else { throw CommunicatorError.badRoot(root: root, size: size) }
    }
}
