/// The process-wide lifetime of MPI: `MPI_Init_thread` exactly once, before the first communicator,
/// and `MPI_Finalize` exactly once, when the process exits normally.
///
/// MPI may be initialised and finalised only once per process, while Swift code may create many
/// communicators from any thread. A `static let` is the tool Swift 6 offers for that: its initialiser
/// runs once, lazily and thread-safely, and the stored result is an immutable `Sendable` value, so
/// strict concurrency checking has nothing to object to. Finalisation is registered with `atexit`, so
/// returning from `main` or calling `exit(0)` ends MPI cleanly; an abnormal end (a crash, `MPI_Abort`)
/// skips it, and `mpirun` then ends the other ranks.
///
/// Thread level `MPI_THREAD_FUNNELED`: Kusari's parallel loops use threads, but only the thread that
/// initialised MPI (the main thread, in practice) makes MPI calls.
import CMPI
import Foundation

enum MPIRuntime {
    /// The thread level MPI granted, or the error that kept it from starting.
    static let started: Result<Int32, CommunicatorError> = start()

    /// Starts MPI unless something else in the process already did.
    private static func start() -> Result<Int32, CommunicatorError> {
        var initialized: Int32 = 0
        MPI_Initialized(&initialized)
        if initialized != 0 {
            var provided: Int32 = 0
            MPI_Query_thread(&provided)
            return .success(provided)
        }
        var provided: Int32 = 0
        let code = MPI_Init_thread(nil, nil, Int32(MPI_THREAD_FUNNELED), &provided)
        guard code == kusari_mpi_success() else {
            return .failure(.mpi(call: "MPI_Init_thread", code: code, message: errorString(code)))
        }
        // Errors come back as return codes (turned into Swift errors), not as an abort inside MPI.
        MPI_Comm_set_errhandler(kusari_mpi_comm_world(), kusari_mpi_errors_return())
        atexit { MPIRuntime.finish() }
        return .success(provided)
    }

    /// Ends MPI if it is running and not yet finalised (called at exit).
    static func finish() {
        var finalized: Int32 = 0
        MPI_Finalized(&finalized)
        var initialized: Int32 = 0
        MPI_Initialized(&initialized)
        if initialized != 0 && finalized == 0 { MPI_Finalize() }
    }

    /// MPI's text for an error code.
    static func errorString(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(kusari_mpi_max_error_string()) + 1)
        var length: Int32 = 0
        MPI_Error_string(code, &buffer, &length)
        let bytes = buffer.prefix(Int(max(0, length))).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Throws ``CommunicatorError/mpi(call:code:message:)`` unless `code` is `MPI_SUCCESS`.
    static func check(_ code: Int32, _ call: String) throws {
        guard code == kusari_mpi_success() else {
            throw CommunicatorError.mpi(call: call, code: code, message: errorString(code))
        }
    }
}
