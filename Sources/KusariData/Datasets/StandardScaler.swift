import KusariCore

/// Standardises each feature to zero mean and unit variance: `z = (x − mean) / scale`, as scikit-learn's
/// `StandardScaler`.
///
/// The last axis is the feature axis (a 1-D array is a single feature); every other axis holds samples.
/// `fit` computes, per feature, the mean and the population standard deviation (ddof 0, dividing by the
/// number of samples, as NumPy's `std` and scikit-learn do) in `Double`. NaN values are ignored when
/// fitting and stay NaN when transforming (scikit-learn does the same). A constant feature (variance
/// below `10 · ε · mean²`, ε the `Double` machine epsilon, so rounding noise counts as constant) gets
/// `scale = 1`, so it becomes 0 instead of NaN or a huge number.
///
/// ```swift
/// var scaler = StandardScaler()
/// let z = scaler.fitTransform(temperatures)        // (n, 1), mean 0, std 1
/// let back = scaler.inverseTransform(prediction)   // in °F again
/// ```
public struct StandardScaler: Sendable {
    /// The per-feature mean; empty until ``fit(_:)``.
    public private(set) var mean: [Double] = []
    /// The per-feature population variance (ddof 0); empty until ``fit(_:)``.
    public private(set) var variance: [Double] = []
    /// The per-feature divisor: the standard deviation, or 1 for a constant feature.
    public private(set) var scale: [Double] = []

    /// An unfitted scaler.
    public init() {}

    /// A scaler with known statistics (e.g. restored from a file); `scale` must be positive.
    public init(mean: [Double], scale: [Double]) {
        require(mean.count == scale.count && scale.allSatisfy { $0 > 0 },
                     "StandardScaler: need one positive scale per mean, got \(mean.count) means, scales \(scale)")
        self.mean = mean
        self.scale = scale
        self.variance = scale.map { $0 * $0 }
    }

    /// Whether ``fit(_:)`` (or the statistics initialiser) has set the statistics.
    public var isFitted: Bool { !scale.isEmpty }

    /// Learns each feature's mean and standard deviation from `x` (ignoring NaN).
    public mutating func fit(_ x: NDArray) {
        let features = Self.featureCount(x)
        let values = x.doubleValues
        var sums = [Double](repeating: 0, count: features)
        var counts = [Int](repeating: 0, count: features)
        for (i, v) in values.enumerated() where !v.isNaN {
            sums[i % features] += v
            counts[i % features] += 1
        }
        let means = (0..<features).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
        var squares = [Double](repeating: 0, count: features)
        for (i, v) in values.enumerated() where !v.isNaN {
            let d = v - means[i % features]
            squares[i % features] += d * d
        }
        mean = means
        variance = (0..<features).map { counts[$0] > 0 ? squares[$0] / Double(counts[$0]) : .nan }
        scale = zip(variance, means).map { v, m in
            v.isNaN || v <= 10 * Double.ulpOfOne * m * m ? 1 : v.squareRoot()
        }
    }

    /// `(x − mean) / scale` per feature, in `x`'s dtype.
    public func transform(_ x: NDArray) -> NDArray {
        apply(x, "transform") { v, m, s in (v - m) / s }
    }

    /// `z · scale + mean` per feature, in `z`'s dtype: undoes ``transform(_:)``.
    public func inverseTransform(_ z: NDArray) -> NDArray {
        apply(z, "inverseTransform") { v, m, s in v * s + m }
    }

    /// Fits on `x` and returns `x` transformed.
    public mutating func fitTransform(_ x: NDArray) -> NDArray {
        fit(x)
        return transform(x)
    }

    private func apply(_ x: NDArray, _ name: String, _ f: (Double, Double, Double) -> Double) -> NDArray {
        require(isFitted, "StandardScaler.\(name): call fit first")
        let features = Self.featureCount(x)
        require(features == mean.count,
                     "StandardScaler.\(name): fitted on \(mean.count) features, got shape \(x.shape)")
        let out = x.doubleValues.enumerated().map { i, v in f(v, mean[i % features], scale[i % features]) }
        return NDArray(out, shape: x.shape, dtype: x.dtype)
    }

    private static func featureCount(_ x: NDArray) -> Int {
        require(x.ndim >= 1 && x.count > 0, "StandardScaler: need a non-empty array, got shape \(x.shape)")
        return x.ndim == 1 ? 1 : x.shape[x.ndim - 1]
    }
}
