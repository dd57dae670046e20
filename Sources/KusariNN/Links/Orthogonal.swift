import KusariCore

/// A (semi-)orthogonal matrix times `scale` (Saxe et al., 2014; Keras' default for recurrent kernels).
///
/// The weight is viewed as a matrix (shape[0], Π shape[1…]). A standard normal matrix with as many rows as
/// the longer side is orthonormalised column by column (modified Gram–Schmidt, which is the QR
/// factorisation with a positive diagonal in R, so no sign correction is needed); it is transposed when
/// the weight is wider than tall. Rows (or columns, whichever are fewer) come out orthonormal.
public struct Orthogonal: Initializer {
    /// The factor the orthonormal matrix is multiplied by (Keras' `gain`).
    public let scale: Double
    /// An orthogonal initializer with gain `scale`.
    public init(scale: Double = 1) { self.scale = scale }

    public func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        require(shape.count >= 2, "Orthogonal: need a weight with at least 2 axes, got \(shape)")
        let rows = shape[0], cols = shape.dropFirst().reduce(1, *)
        let (n, k) = (max(rows, cols), min(rows, cols))
        // a: n × k, column-major for convenient column operations.
        var columns = (0..<k).map { _ in (0..<n).map { _ in generator.nextNormal() } }
        for j in 0..<k {
            for i in 0..<j {
                let projection = zip(columns[i], columns[j]).map(*).reduce(0, +)
                for r in 0..<n { columns[j][r] -= projection * columns[i][r] }
            }
            let norm = columns[j].map { $0 * $0 }.reduce(0, +).squareRoot()
            for r in 0..<n { columns[j][r] /= norm }
        }
        // Q is n × k; the weight is Q (rows ≥ cols) or Qᵀ (rows < cols), row-major.
        var values = [Double](repeating: 0, count: rows * cols)
        for r in 0..<rows {
            for c in 0..<cols {
                values[r * cols + c] = scale * (rows >= cols ? columns[c][r] : columns[r][c])
            }
        }
        return NDArray(values, shape: shape, dtype: dtype)
    }
}
