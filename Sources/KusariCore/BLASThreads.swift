import CBLAS

/// The BLAS library behind Kusari's matrix products (OpenBLAS).
public enum BLAS {
    /// How many threads OpenBLAS uses for a matrix product (at least 1); the setting holds for the whole
    /// process. OpenBLAS starts with one thread per core.
    ///
    /// More threads pay off for large products (hidden size 512 and up). For the small matrices of the
    /// recurrent tutorials (batch 10, 100 units) a second thread gains nothing, and when the other cores
    /// are busy it costs a lot: on a busy two-core machine one sine/cosine LSTM iteration took about 13 ms
    /// with two threads and about 3 ms with one (on an idle machine the two were equal). The reference
    /// timings of the experiments are single-threaded too. Products smaller than
    /// ``minimumParallelProduct`` always run on one thread.
    ///
    /// Kusari's own parallel loops (the LSTM cell kernels and optimizer updates over large arrays) split
    /// into at most this many parts too, on the system's shared worker threads; they run between matrix
    /// products, never during one, so the two never ask for more threads than this at once.
    ///
    /// ```swift
    /// BLAS.threads = 1
    /// ```
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(clamping: max(1, newValue))) }
    }

    /// The smallest matrix product, in multiply-adds m·n·k, that always runs on all ``threads`` (default
    /// 2²³ ≈ 8.4 million; at batch 64 and H = 512 an LSTM step's products are 64·2048·512 ≈ 67 million).
    /// Below it, a product runs on one thread when it is tiny (under 2²⁰) or shallow (its inner dimension
    /// k under ``minimumParallelDepth``): waking and joining a second thread then costs more than it saves.
    /// At H = 128 the step's forward product (k = 128) gains from a second thread (84 → 58 µs here), while
    /// its weight gradient (k = batch = 64), which reads and writes the whole (4H × H) result for little
    /// work, gets slower. Set these once, at the start of a program; 0 lets OpenBLAS decide alone.
    nonisolated(unsafe) public static var minimumParallelProduct = 1 << 23

    /// The smallest inner dimension k with which a product below ``minimumParallelProduct`` still runs
    /// on all threads (default 128).
    nonisolated(unsafe) public static var minimumParallelDepth = 128

    /// Runs `product` (one BLAS call of m·n·k multiply-adds) on one thread when the rule of
    /// ``minimumParallelProduct`` says so, else with the current ``threads``.
    @inline(__always)
    static func run(m: Int, n: Int, k: Int, _ product: () -> Void) {
        let current = openblas_get_num_threads()
        let size = m * n * k
        let serial = size < minimumParallelProduct && (size < minimumParallelProduct >> 3 || k < minimumParallelDepth)
        guard current > 1 && serial else { return product() }
        openblas_set_num_threads(1)
        product()
        openblas_set_num_threads(current)
    }
}
