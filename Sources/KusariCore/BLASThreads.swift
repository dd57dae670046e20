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
    /// timings of the experiments are single-threaded too.
    ///
    /// ```swift
    /// BLAS.threads = 1
    /// ```
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(clamping: max(1, newValue))) }
    }
}
