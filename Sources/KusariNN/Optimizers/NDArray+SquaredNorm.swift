// The squared L2 norm of an array: what GradientClipping measures.
import KusariCore

/// The squared norm, for gradient clipping.
extension NDArray {
    /// Σ xᵢ², accumulated in `Double`: the squared L2 norm (gradient clipping, diagnostics).
    public var squaredNorm: Double {
        switch dtype {
        case .float32: withUnsafeBufferPointer(as: Float.self) { squaredSum($0) }
        case .float64: withUnsafeBufferPointer(as: Double.self) { squaredSum($0) }
        }
    }
}

private func squaredSum<T: NDScalar>(_ x: UnsafeBufferPointer<T>) -> Double {
    var sum = 0.0
    for v in x { sum += Double(v) * Double(v) }
    return sum
}
