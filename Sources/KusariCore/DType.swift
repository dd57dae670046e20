import CBLAS
import RealModule

/// The element type of an ``NDArray``: 32-bit `Float` (the default, fast) or 64-bit `Double`
/// (used by gradient checks, where finite differences need the extra precision).
public enum DType: String, Sendable, CustomStringConvertible {
    /// 32-bit IEEE 754 `Float`: the default, and the fast path through OpenBLAS.
    case float32
    /// 64-bit IEEE 754 `Double`: for gradient checks and wherever rounding matters.
    case float64

    /// The dtype's name as NumPy spells it: `float32` or `float64`.
    public var description: String { rawValue }

    /// NumPy's type string for this dtype in a little-endian `.npy` header.
    public var numpyDescriptor: String { self == .float32 ? "<f4" : "<f8" }
}

/// The scalar types an ``NDArray`` can hold (`Float` and `Double`).
///
/// Kernels inside Kusari are written once, generic over `NDScalar`, and specialised by the compiler;
/// users never need to write generic code themselves.
public protocol NDScalar: BinaryFloatingPoint, Real, Sendable {
    /// The runtime dtype tag for this scalar type.
    static var dtype: DType { get }
    /// The elements of `array`, which must have this scalar's dtype.
    static func elements(of array: NDArray) -> [Self]
    /// Wraps `elements` (row-major, `shape.product` of them) into an array.
    static func makeArray(_ elements: [Self], shape: [Int]) -> NDArray
    /// C = alpha · op(A) · op(B) + beta · C, row-major (`cblas_sgemm` / `cblas_dgemm`).
    static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// True when no element of `values` is NaN or ±∞ (a vectorisable bit test, NDArray+Finite.swift).
    static func allFinite(_ values: [Self]) -> Bool
}

/// `Float` elements: dtype ``DType/float32``, matrix products through `cblas_sgemm`.
extension Float: NDScalar {
    public static var dtype: DType { .float32 }
    public static func elements(of array: NDArray) -> [Float] {
        require(array.dtype == .float32, "expected a float32 array, got \(array.dtype)")
        return array.floats
    }
    public static func makeArray(_ elements: [Float], shape: [Int]) -> NDArray {
        NDArray(floats: elements, shape: shape)
    }
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        BLAS.product(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc) {
            m, n, a, b, c in
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        }
    }
    public static func allFinite(_ values: [Float]) -> Bool {
        allExponentsFinite(values, exponentMask: UInt32(0x7f80_0000), lowestExponentBit: 0x0080_0000)
    }
}

/// `Double` elements: dtype ``DType/float64``, matrix products through `cblas_dgemm`.
extension Double: NDScalar {
    public static var dtype: DType { .float64 }
    public static func elements(of array: NDArray) -> [Double] {
        require(array.dtype == .float64, "expected a float64 array, got \(array.dtype)")
        return array.doubles
    }
    public static func makeArray(_ elements: [Double], shape: [Int]) -> NDArray {
        NDArray(doubles: elements, shape: shape)
    }
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLAS.product(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc) {
            m, n, a, b, c in
            cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        }
    }
    public static func allFinite(_ values: [Double]) -> Bool {
        allExponentsFinite(values, exponentMask: UInt64(0x7ff0_0000_0000_0000), lowestExponentBit: 0x0010_0000_0000_0000)
    }
}
