// The precision–recall curve and its summary, average precision.
import KusariCore

/// A precision–recall curve: for each threshold τ (from high to low), recall = TP / P and
/// precision = TP / (TP + FP) among examples scored ≥ τ.
public struct PrecisionRecallCurve: Sendable, Equatable {
    /// TP / (TP + FP) at each threshold.
    public let precision: [Double]
    /// TP / P at each threshold (non-decreasing).
    public let recall: [Double]
    /// Each distinct score, descending.
    public let thresholds: [Double]
}

/// The precision–recall curve of `scores` against 0/1 `labels`, one point per distinct score (ties move
/// together). Useful when positives are rare: precision shows how many alarms are true.
public func precisionRecallCurve(scores: [Double], labels: [Int]) -> PrecisionRecallCurve {
    let (p, _) = checkBinary(scores, labels, "precisionRecallCurve")
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var precision: [Double] = [], recall: [Double] = [], thresholds: [Double] = []
    var tp = 0, fp = 0, k = 0
    while k < order.count {
        let threshold = scores[order[k]]
        while k < order.count && scores[order[k]] == threshold {
            if labels[order[k]] == 1 { tp += 1 } else { fp += 1 }
            k += 1
        }
        precision.append(Double(tp) / Double(tp + fp))
        recall.append(Double(tp) / Double(p))
        thresholds.append(threshold)
    }
    return PrecisionRecallCurve(precision: precision, recall: recall, thresholds: thresholds)
}

/// Average precision (scikit-learn's `average_precision_score`): the precision at each threshold
/// weighted by the recall it adds,
///
///     AP = Σₖ (Rₖ − Rₖ₋₁) · Pₖ,   R₀ = 0,
///
/// a step-wise area under the precision–recall curve. Equals the positive rate for random scores and 1
/// for a perfect ranking.
public func averagePrecision(scores: [Double], labels: [Int]) -> Double {
    let curve = precisionRecallCurve(scores: scores, labels: labels)
    var previousRecall = 0.0, ap = 0.0
    for (precision, recall) in zip(curve.precision, curve.recall) {
        ap += (recall - previousRecall) * precision
        previousRecall = recall
    }
    return ap
}
