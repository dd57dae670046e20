import CBLAS
import CWorkPool

/// The BLAS library behind Kusari's matrix products (OpenBLAS), and the threads that share them.
public enum BLAS {
    /// How many threads Kusari uses (at least 1): for a large matrix product, which it splits into that
    /// many blocks, and for its elementwise loops (the LSTM cell kernels, optimizer updates over large
    /// arrays). The setting holds for the whole process. It starts as OpenBLAS's own default: the
    /// `OPENBLAS_NUM_THREADS` environment variable, else one thread per core.
    ///
    /// The threads are Kusari's pool (`WorkPool`); OpenBLAS itself runs on one thread inside each block,
    /// so its own pool stays asleep and the two never compete for the cores. Products smaller than
    /// ``minimumParallelProduct`` multiply-adds run whole on the calling thread.
    ///
    /// More threads pay off for large products (an LSTM at batch 64 with 128 units or more). For the
    /// small matrices of the recurrent tutorials (batch 10, 100 units) every product is under the
    /// threshold, and the reference timings of the experiments are single-threaded. On a machine whose
    /// other cores are busy, set one thread:
    ///
    /// ```swift
    /// BLAS.threads = 1
    /// ```
    public static var threads: Int {
        get {
            _ = WorkPool.started
            return Int(kusari_pool_threads())
        }
        set {
            _ = WorkPool.started
            kusari_pool_set_threads(Int32(clamping: max(1, newValue)))
        }
    }

    /// The smallest matrix product, in multiply-adds m·n·k, that is split over ``threads`` (default 2¹⁹
    /// ≈ 524 thousand, about 10 µs of one core), and the smallest LSTM step the fused LSTM functions split
    /// by blocks of units. A plain product is split only into blocks of at least 2²⁰ multiply-adds, so
    /// that its result does not depend on the thread count (see `exactParts`). At batch 64 an LSTM step's
    /// lateral product is 64·512·128 ≈ 4.2 million multiply-adds at H = 128 and 67 million at H = 512.
    /// Set it once, at the start of a program.
    nonisolated(unsafe) public static var minimumParallelProduct = 1 << 19

    /// How long an idle thread of Kusari's pool keeps spinning, waiting for the next product or loop,
    /// before it sleeps (default 200 µs; 0 sleeps at once). A training step hands out work every few
    /// microseconds and waking a sleeping thread costs tens of them, so the threads spin through a step;
    /// once the program does something else for longer, they sleep and leave the cores alone. (OpenBLAS's
    /// own threads spin the same way, for about 0.1 s by default.)
    public static var idleSpinMicroseconds: Int {
        get { spinSetting }
        set {
            spinSetting = min(max(0, newValue), 10_000_000)
            kusari_pool_set_spin_microseconds(spinSetting)
        }
    }
    nonisolated(unsafe) private static var spinSetting = 200

    /// How many blocks a product of `size` multiply-adds may be cut into (at most `wanted`) so that each
    /// block is summed exactly as the whole product is: every block keeps at least 2²⁰ multiply-adds.
    ///
    /// OpenBLAS 0.3.21 picks its kernel by size: below about 10⁶ multiply-adds, unpacked "small matrix" and
    /// "direct" kernels, above it the packed ones, and the two round differently for some shapes (they
    /// group the k terms and the matrix edges differently). A block that falls under the limit while the
    /// whole product does not can therefore differ from it in the last bit. With every block above the
    /// limit, none did in 20,000 random shapes (and the ICU tutorial's gradient products, which showed it,
    /// agree again).
    package static func exactParts(size: Int, wanted: Int) -> Int {
        min(wanted, size >> 20)
    }

    /// C = op(A)·op(B) (+ β·C), row-major, split into ``threads`` blocks of C's columns (when C is at
    /// least as wide as it is tall) or rows, each computed by `gemm` on one thread of the pool. Inside a part
    /// of another job (a fused kernel's block) the product runs whole on that thread.
    ///
    /// A block of columns needs all of op(A) and its columns of op(B), a block of rows its rows of op(A)
    /// and all of op(B): splitting the longer side of C copies the smaller operand twice into OpenBLAS's
    /// packed buffers, not the larger one. Every element of C is the same sum, in the same order, as in the
    /// whole product (``exactParts(size:wanted:)`` keeps each block on the whole product's kind of
    /// OpenBLAS kernel), so the result does not depend on the thread count (tested in BLASThreadsTests).
    ///
    /// - Parameter gemm: one BLAS call for a block, given its rows, columns, A, B and C at the block.
    @inline(__always)
    static func product<T>(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, c: UnsafeMutablePointer<T>, ldc: Int,
        _ gemm: (_ m: Int, _ n: Int, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>) -> Void
    ) {
        let threads = self.threads
        let alignment = 16
        let splitColumns = n >= m
        let side = splitColumns ? n : m
        let parts = exactParts(size: m * n * k, wanted: min(threads, side / alignment))
        guard parts > 1, m * n * k >= minimumParallelProduct, kusari_pool_in_job() == 0 else { return gemm(m, n, a, b, c) }
        let chunk = (side / parts + alignment - 1) / alignment * alignment
        WorkPool.run(parts: parts) { part in
            let start = part * chunk
            let end = part == parts - 1 ? side : min(side, start + chunk)
            guard start < end else { return }
            if splitColumns {
                gemm(m, end - start, a, transB ? b + start * ldb : b + start, c + start)
            } else {
                gemm(end - start, n, transA ? a + start : a + start * lda, b, c + start * ldc)
            }
        }
    }
}
