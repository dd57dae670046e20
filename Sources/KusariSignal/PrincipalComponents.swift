// Principal component analysis: the classical linear baseline for reconstruction-based anomaly scores.
import KusariCore

/// The k leading principal components of a data set, fitted once, then used to reconstruct new rows:
///
///     μ = mean of the rows,   C = (X − μ)ᵀ(X − μ)/(n − 1),   C = V·diag(λ)·Vᵀ (``symmetricEigen(_:)``)
///     x̂ = μ + Vₖ·Vₖᵀ·(x − μ)         the projection onto the k directions of largest variance
///
/// The anomaly score of a row is its mean squared reconstruction error: data like the training rows lie
/// close to the k-dimensional subspace, other data do not.
///
/// ```swift
/// let pca = try PrincipalComponents(fitting: healthy, components: 8)   // healthy: (n, d)
/// let scores = pca.reconstructionError(test)                          // (m)
/// ```
public struct PrincipalComponents: Sendable {
    /// μ, the mean row `(d)`.
    public let mean: NDArray
    /// Vₖ as rows: `(k, d)`, unit vectors in order of decreasing variance.
    public let components: NDArray
    /// λ₁ ≥ … ≥ λₖ, the variance along each component `(k)`.
    public let explainedVariance: NDArray

    /// Fits `components` directions to `data` `(n, d)` with n ≥ 2 and 1 ≤ components ≤ d.
    public init(fitting data: NDArray, components k: Int) throws {
        guard data.ndim == 2, data.shape[0] >= 2, k >= 1, k <= data.shape[1] else {
            throw LinearAlgebraError(description:
                "PrincipalComponents: need data (n ≥ 2, d) and 1 ≤ components ≤ d, got \(data.shape) and \(k)")
        }
        let x = data.astype(.float64)
        let mean = x.mean(axes: [0])
        let centered = x - mean
        let covariance = NDArray.matmul(centered, centered, transA: true) / Double(x.shape[0] - 1)
        let (values, vectors) = try symmetricEigen(covariance)
        self.mean = mean
        components = vectors.transposed().slice([AxisSlice(start: 0, count: k, keepsAxis: true),
                                                 AxisSlice(start: 0, count: data.shape[1], keepsAxis: true)])
        explainedVariance = values.slice([AxisSlice(start: 0, count: k, keepsAxis: true)])
    }

    /// The coordinates of `x` `(m, d)` along the components: `(m, k)`.
    public func transform(_ x: NDArray) -> NDArray {
        require(x.ndim == 2 && x.shape[1] == mean.count,
                "PrincipalComponents: rows must have \(mean.count) features, got shape \(x.shape)")
        return NDArray.matmul(x.astype(.float64) - mean, components, transB: true)
    }

    /// x̂, the rows of `x` projected onto the components and back: `(m, d)`.
    public func reconstruct(_ x: NDArray) -> NDArray {
        NDArray.matmul(transform(x), components) + mean
    }

    /// The mean squared error of each row of `x` against its reconstruction: `(m)`.
    public func reconstructionError(_ x: NDArray) -> NDArray {
        let d = reconstruct(x) - x.astype(.float64)
        return (d * d).mean(axes: [1])
    }
}
