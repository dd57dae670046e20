// A confidence interval for the AUC by resampling examples (the percentile bootstrap).
import KusariCore

/// A point estimate with a two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Equatable {
    /// The statistic on the full sample.
    public let estimate: Double
    /// The lower end of the interval.
    public let lower: Double
    /// The upper end of the interval.
    public let upper: Double
    /// The coverage asked for, e.g. 0.95.
    public let confidence: Double
}

/// The AUC of `scores` against `labels` with a percentile bootstrap interval: draw `replicates` samples
/// of n examples with replacement (a draw with a single class is redrawn), compute the AUC of each, and
/// take the (1 − confidence)/2 and (1 + confidence)/2 quantiles (linear interpolation). Seeded: the same
/// seed gives the same interval.
///
/// ```swift
/// let ci = bootstrapAUC(scores: s, labels: y, replicates: 1000, seed: 0)
/// print("AUC \(ci.estimate) (95 % CI \(ci.lower)–\(ci.upper))")
/// ```
public func bootstrapAUC(scores: [Double], labels: [Int], replicates: Int = 1000, confidence: Double = 0.95,
                         seed: UInt64 = 0) -> ConfidenceInterval {
    require(replicates >= 1, "bootstrapAUC: replicates \(replicates) must be at least 1")
    require(confidence > 0 && confidence < 1, "bootstrapAUC: confidence \(confidence) must be in (0, 1)")
    let estimate = rocAUC(scores: scores, labels: labels)
    let generator = RandomGenerator(seed: seed)
    let n = scores.count
    var aucs: [Double] = []
    aucs.reserveCapacity(replicates)
    var s = [Double](repeating: 0, count: n), y = [Int](repeating: 0, count: n)
    while aucs.count < replicates {
        for k in 0..<n {
            let pick = generator.nextInt(below: n)
            (s[k], y[k]) = (scores[pick], labels[pick])
        }
        let positives = y.reduce(0, +)
        if positives == 0 || positives == n { continue }
        aucs.append(rocAUC(scores: s, labels: y))
    }
    aucs.sort()
    return ConfidenceInterval(estimate: estimate, lower: quantile(aucs, (1 - confidence) / 2),
                              upper: quantile(aucs, (1 + confidence) / 2), confidence: confidence)
}

/// The q-quantile of sorted `values`, interpolating linearly between order statistics (NumPy's default).
func quantile(_ values: [Double], _ q: Double) -> Double {
    let position = q * Double(values.count - 1)
    let below = Int(position.rounded(.down)), above = min(below + 1, values.count - 1)
    return values[below] + (position - Double(below)) * (values[above] - values[below])
}
