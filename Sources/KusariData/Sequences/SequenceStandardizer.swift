// z-score normalisation of sequence features, with statistics from the training split only.
import Foundation

/// Per-feature z-scores, z = (x − μ) / σ, where μ and σ (population standard deviation) are computed
/// over every measured (non-NaN) value of the entities the standardizer was fitted on; missing values
/// stay missing. Fit on the training split and apply the same numbers to validation and test data, so no
/// information leaks from them. A feature with σ = 0 (or never measured) is only centred.
public struct SequenceStandardizer: SequenceTransform {
    /// μ per feature.
    public let mean: [Double]
    /// σ per feature (1 where the data had no spread).
    public let scale: [Double]

    /// Given statistics.
    public init(mean: [Double], scale: [Double]) { (self.mean, self.scale) = (mean, scale) }

    /// Fits μ and σ on `dataset` (the training split).
    public init(fittedOn dataset: SequenceDataset) {
        let features = dataset.featureNames.count
        var sum = [Double](repeating: 0, count: features), sumSq = sum, n = sum
        for s in dataset.entities {
            for (k, v) in s.values.enumerated() where !v.isNaN {
                let f = k % features
                sum[f] += v
                sumSq[f] += v * v
                n[f] += 1
            }
        }
        let mu = (0..<features).map { n[$0] > 0 ? sum[$0] / n[$0] : 0 }
        mean = mu
        scale = (0..<features).map { f in
            let variance = n[f] > 0 ? max(sumSq[f] / n[f] - mu[f] * mu[f], 0) : 0
            return variance > 0 ? variance.squareRoot() : 1
        }
    }

    public func apply(_ s: EntitySequence) throws -> EntitySequence {
        guard s.featureCount == mean.count else {
            throw SequenceTransformError(description: "SequenceStandardizer: entity '\(s.id)' has \(s.featureCount) features, fitted on \(mean.count)")
        }
        var out = s
        for k in s.values.indices where !s.values[k].isNaN {
            let f = k % s.featureCount
            out.values[k] = (s.values[k] - mean[f]) / scale[f]
        }
        return out
    }
}
