/// What went wrong in a collective operation; the message names the call and, for MPI, MPI's own text.
public enum CommunicatorError: Error, CustomStringConvertible, Equatable {
    /// An MPI call returned an error code; `message` is `MPI_Error_string`'s text for it.
    case mpi(call: String, code: Int32, message: String)
    /// A root rank outside 0..<size.
    case badRoot(root: Int, size: Int)
    /// Ranks disagree about something that must be identical (shapes, parameter counts, keys).
    case mismatch(String)

    public var description: String {
        switch self {
        case let .mpi(call, code, message): return "\(call) failed (MPI error \(code)): \(message)"
        case let .badRoot(root, size): return "root rank \(root) is not in 0..<\(size)"
        case let .mismatch(message): return "ranks disagree: \(message)"
        }
    }
}
