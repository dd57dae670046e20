import Foundation
// Irregular measurement times onto a regular grid (hourly for the ICU lab).

/// Resamples an entity onto a regular grid of `step` time units starting at its first row: grid row k
/// covers [t₀ + k·step, t₀ + (k+1)·step) and holds each feature's last measurement in that interval (NaN if
/// none). Optionally appends, per feature,
/// - a missing indicator (1 if the feature was not measured in the interval, else 0), and
/// - the time since its last measurement up to the interval's end (from t₀ if never measured),
///
/// so a model can see how stale a forward-filled value is (informative missingness).
/// Feature names gain `name_missing` and `name_since` columns, in that order, after the originals.
public struct ResampleToGrid: SequenceTransform {
    /// The grid spacing.
    public let step: Double
    /// Append one missing indicator per feature.
    public let missingIndicators: Bool
    /// Append one time-since-last-measurement per feature.
    public let timeSinceLast: Bool

    /// A resampling onto a grid of `step`.
    public init(step: Double, missingIndicators: Bool = false, timeSinceLast: Bool = false) {
        precondition(step > 0 && step.isFinite, "ResampleToGrid: step \(step) must be positive")
        (self.step, self.missingIndicators, self.timeSinceLast) = (step, missingIndicators, timeSinceLast)
    }

    public func featureNames(_ names: [String]) -> [String] {
        names + (missingIndicators ? names.map { $0 + "_missing" } : [])
            + (timeSinceLast ? names.map { $0 + "_since" } : [])
    }

    public func apply(_ s: EntitySequence) throws -> EntitySequence {
        guard let t0 = s.times.first, let tEnd = s.times.last else {
            throw SequenceDataError.emptyEntity(id: s.id, context: "ResampleToGrid")
        }
        let features = s.featureCount
        let rows = Int(((tEnd - t0) / step).rounded(.down)) + 1
        let width = features * (1 + (missingIndicators ? 1 : 0) + (timeSinceLast ? 1 : 0))
        var values = [Double](repeating: .nan, count: rows * width)
        var lastSeen = [Double](repeating: t0, count: features)
        var r = 0
        for k in 0..<rows {
            let end = t0 + Double(k + 1) * step
            var measured = [Bool](repeating: false, count: features)
            while r < s.length && s.times[r] < end {
                for f in 0..<features where !s.value(row: r, feature: f).isNaN {
                    values[k * width + f] = s.value(row: r, feature: f)
                    measured[f] = true
                    lastSeen[f] = s.times[r]
                }
                r += 1
            }
            var column = features
            if missingIndicators {
                for f in 0..<features { values[k * width + column + f] = measured[f] ? 0 : 1 }
                column += features
            }
            if timeSinceLast {
                for f in 0..<features { values[k * width + column + f] = end - lastSeen[f] }
            }
        }
        let times = (0..<rows).map { t0 + Double($0) * step }
        return EntitySequence(id: s.id, times: times, values: values, featureCount: width, statics: s.statics)
    }
}
