import CBLAS
import CWorkPool

/// Kusari's thread pool: the threads that share a matrix product (``BLAS``) and the elementwise kernels
/// (`parallelFor`), `BLAS.threads − 1` workers plus the calling thread (`Sources/CWorkPool/pool.c`).
///
/// Between jobs a worker spins for ``BLAS/idleSpinMicroseconds`` before it sleeps, because a training step hands
/// out a job every few microseconds (the two halves of a product, blocks of LSTM cells) and waking a
/// sleeping thread takes tens of microseconds. OpenBLAS runs single-threaded inside each part, so its
/// own threads stay asleep and the process never has more busy threads than ``BLAS/threads``.
package enum WorkPool {
    /// Starts the pool once, with as many threads as OpenBLAS was given (`OPENBLAS_NUM_THREADS`, or one
    /// per core), and from then on runs OpenBLAS on one thread per call.
    package static let started: Void = {
        kusari_pool_set_threads(max(1, openblas_get_num_threads()))
        openblas_set_num_threads(1)
    }()

    /// Runs `body(part)` for every part in `0..<parts` on the pool, the calling thread included, and
    /// returns when all are done. Runs them in order on the calling thread when there is one part, one
    /// thread, when called from inside another part, or when another thread's job holds the pool.
    package static func run(parts: Int, _ body: (Int) -> Void) {
        _ = started
        if parts <= 1 { return parts == 1 ? body(0) : () }
        withoutActuallyEscaping(body) { body in
            var work = body
            withUnsafeMutablePointer(to: &work) { pointer in
                // Each part is run once, and the call returns only after every part has finished, so the
                // closure (and what it captures) outlives all uses on the workers.
                kusari_pool_run(parts, { context, part in
                    guard let context else { return }
                    context.assumingMemoryBound(to: ((Int) -> Void).self).pointee(part)
                }, pointer)
            }
        }
    }
}
