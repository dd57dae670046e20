// Turning anomaly scores into decisions: a threshold learned from healthy data only, and how good the
// decisions are (precision, recall, F1). No "point-adjust": every window counts on its own (see the
// bearing-anomaly-vae tutorial for why).
import KusariCore

/// The `q`-quantile of `scores` (linear interpolation between order statistics, NumPy's default):
/// with scores of healthy validation windows and q = 0.99, about 1% of healthy windows score above it.
public func quantileThreshold(_ scores: [Double], quantile q: Double) -> Double {
    require(!scores.isEmpty, "quantileThreshold: no scores")
    require(q >= 0 && q <= 1, "quantileThreshold: quantile must be in [0, 1], got \(q)")
    require(scores.allSatisfy(\.isFinite), "quantileThreshold: the scores contain NaN or infinity")
    let sorted = scores.sorted()
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
}

/// Precision, recall and F1 of the decisions "anomalous when score > threshold".
public struct DetectionQuality: Sendable, Equatable {
    /// Of the windows flagged, the fraction truly anomalous (0 when nothing is flagged).
    public let precision: Double
    /// Of the anomalous windows, the fraction flagged.
    public let recall: Double
    /// 2·precision·recall / (precision + recall), 0 when either is 0.
    public let f1: Double
    /// Counts behind the ratios.
    public let truePositives: Int, falsePositives: Int, falseNegatives: Int
}

/// Precision, recall and F1 when windows with `score > threshold` are called anomalous; `labels` are
/// true for anomalous windows. Precision is 0 when nothing is flagged.
public func detectionQuality(scores: [Double], labels: [Bool], threshold: Double) -> DetectionQuality {
    require(scores.count == labels.count,
            "detectionQuality: \(scores.count) scores but \(labels.count) labels")
    var (tp, fp, fn) = (0, 0, 0)
    for (s, anomalous) in zip(scores, labels) {
        let flagged = s > threshold
        if flagged && anomalous { tp += 1 } else if flagged { fp += 1 } else if anomalous { fn += 1 }
    }
    let precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
    let recall = tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0
    let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    return DetectionQuality(precision: precision, recall: recall, f1: f1,
                            truePositives: tp, falsePositives: fp, falseNegatives: fn)
}
