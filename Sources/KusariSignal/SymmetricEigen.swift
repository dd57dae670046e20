// Eigenvalues and eigenvectors of a symmetric matrix through LAPACK's divide-and-conquer driver dsyevd
// (Debian: liblapacke-dev for the header; the routine itself comes from OpenBLAS).
import CLAPACKE
import KusariCore

/// A failure reported by LAPACK.
public struct LinearAlgebraError: Error, CustomStringConvertible {
    public let description: String
}

/// The eigen-decomposition A = V·diag(λ)·Vᵀ of a symmetric `(n, n)` matrix, eigenvalues in decreasing
/// order; column j of `vectors` (`(n, n)`) is the unit eigenvector of `values[j]` (its sign is LAPACK's
/// choice). Only the upper triangle of `a` is read. Computed in double precision; returns `a`'s dtype.
public func symmetricEigen(_ a: NDArray) throws -> (values: NDArray, vectors: NDArray) {
    guard a.ndim == 2, a.shape[0] == a.shape[1], a.shape[0] > 0 else {
        throw LinearAlgebraError(description: "symmetricEigen: need a non-empty square matrix, got shape \(a.shape)")
    }
    guard a.doubleValues.allSatisfy(\.isFinite) else {
        throw LinearAlgebraError(description: "symmetricEigen: the matrix contains NaN or infinity")
    }
    let n = a.shape[0]
    var matrix = a.doubleValues                // row-major; overwritten by the eigenvectors (as columns)
    var ascending = [Double](repeating: 0, count: n)
    let info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")),
                              Int32(n), &matrix, Int32(n), &ascending)
    guard info == 0 else {
        throw LinearAlgebraError(description: "symmetricEigen: LAPACK dsyevd failed with info = \(info) for an \(n) × \(n) matrix")
    }
    // LAPACK returns increasing eigenvalues; reverse the order of values and of vector columns.
    var vectors = [Double](repeating: 0, count: n * n)
    for row in 0..<n {
        for j in 0..<n { vectors[row * n + j] = matrix[row * n + (n - 1 - j)] }
    }
    return (NDArray(Array(ascending.reversed()), shape: [n], dtype: a.dtype),
            NDArray(vectors, shape: [n, n], dtype: a.dtype))
}
