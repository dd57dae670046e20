import Foundation

/// Ending the whole job when one rank fails.
///
/// In data-parallel training every rank waits for every other one at each allreduce. If one rank stops
/// — a NaN loss, a malformed file, any thrown error — the others would wait for it forever. Wrap the
/// body of the program in ``Communicator/abortOnError(_:)``: an error on any rank prints
/// `rank r of p failed: …` and calls `MPI_Abort`, which ends every rank of the job with a non-zero
/// status. (A crash or `fatalError` ends the process by a signal; `mpirun` then ends the others too.)
///
/// ```swift
/// let comm = try MPICommunicator()
/// comm.abortOnError {
///     try trainer.run()
/// }
/// ```
extension Communicator {
    /// Runs `body`; if it throws, ends every rank of the job with a message naming this rank.
    public func abortOnError<Result>(_ body: () throws -> Result) -> Result {
        do {
            return try body()
        } catch {
            abort("kusari: rank \(rank) of \(size) failed: \(error)\n"
                    + "kusari: ending all \(size) rank(s) of the job (MPI_Abort)", code: 1)
        }
    }
}
