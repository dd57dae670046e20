// Matrix products through BLAS (cblas_sgemm / cblas_dgemm). Transposed operands are passed to BLAS as
// flags, so `matmul(a, b, transB: true)` computes a·bᵀ without ever materialising bᵀ.

extension NDArray {
    /// The matrix product op(a)·op(b) of two 2-D arrays, where op transposes when its flag is set.
    public static func matmul(_ a: NDArray, _ b: NDArray, transA: Bool = false, transB: Bool = false) -> NDArray {
        require(a.ndim == 2 && b.ndim == 2,
                     "matmul: expected two matrices, got shapes \(a.shape) and \(b.shape)")
        require(a.dtype == b.dtype, "matmul: dtypes \(a.dtype) and \(b.dtype) differ")
        let (m, k) = transA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (k2, n) = transB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        require(k == k2, "matmul: shapes \(a.shape)\(transA ? "ᵀ" : "") and \(b.shape)\(transB ? "ᵀ" : "") do not align (\(k) ≠ \(k2))")
        switch a.dtype {
        case .float32: return NDArray(floats: gemmKernel(a.floats, b.floats, m, n, k, a.shape[1], b.shape[1], transA, transB), shape: [m, n])
        case .float64: return NDArray(doubles: gemmKernel(a.doubles, b.doubles, m, n, k, a.shape[1], b.shape[1], transA, transB), shape: [m, n])
        }
    }

    /// c += alpha · op(a)·op(b) in place (BLAS with beta = 1): accumulate a product into existing storage.
    public static func addMatmul(_ c: inout NDArray, _ a: NDArray, _ b: NDArray, alpha: Double = 1,
                                 transA: Bool = false, transB: Bool = false) {
        let (m, k) = transA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let n = transB ? b.shape[0] : b.shape[1]
        require(a.dtype == b.dtype && c.dtype == a.dtype && c.shape == [m, n]
                     && (transB ? b.shape[1] : b.shape[0]) == k,
                     "addMatmul: shapes \(c.shape) += \(a.shape) · \(b.shape) do not align")
        switch a.dtype {
        case .float32: gemmInto(&c.floats, a.floats, b.floats, m, n, k, a.shape[1], b.shape[1], transA, transB, Float(alpha), 1)
        case .float64: gemmInto(&c.doubles, a.doubles, b.doubles, m, n, k, a.shape[1], b.shape[1], transA, transB, alpha, 1)
        }
    }
}

func gemmKernel<T: NDScalar>(_ a: [T], _ b: [T], _ m: Int, _ n: Int, _ k: Int, _ lda: Int, _ ldb: Int,
                             _ transA: Bool, _ transB: Bool) -> [T] {
    // No zero fill: with beta = 0 BLAS overwrites every element of C without reading it (and k = 0 is
    // handled by gemmInto), so a fill would be a wasted pass over the output.
    var c: [T] = kernelOutput(m * n)
    gemmInto(&c, a, b, m, n, k, lda, ldb, transA, transB, 1, 0)
    return c
}

func gemmInto<T: NDScalar>(_ c: inout [T], _ a: [T], _ b: [T], _ m: Int, _ n: Int, _ k: Int,
                           _ lda: Int, _ ldb: Int, _ transA: Bool, _ transB: Bool, _ alpha: T, _ beta: T) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        if beta == 0 { for i in 0..<c.count { c[i] = 0 } }
        return
    }
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                guard let a = pa.baseAddress, let b = pb.baseAddress, let c = pc.baseAddress else { return }
                T.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                       a: a, lda: Swift.max(lda, 1), b: b, ldb: Swift.max(ldb, 1), beta: beta, c: c, ldc: Swift.max(n, 1))
            }
        }
    }
}
