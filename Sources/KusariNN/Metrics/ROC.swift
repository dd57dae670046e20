// The receiver operating characteristic of a binary classifier and the area under it.
import KusariCore

/// A ROC curve: for each threshold τ (from high to low), the rate of true positives (sensitivity,
/// TP / P) and of false positives (1 − specificity, FP / N) among examples whose score is ≥ τ.
public struct ROCCurve: Sendable, Equatable {
    /// FP / N at each threshold, starting at 0 and ending at 1.
    public let falsePositiveRate: [Double]
    /// TP / P at each threshold, starting at 0 and ending at 1.
    public let truePositiveRate: [Double]
    /// The thresholds: +∞ first (nothing predicted positive), then each distinct score, descending.
    public let thresholds: [Double]
}

/// Checks that `scores` and `labels` fit and that both classes are present; returns P and N.
func checkBinary(_ scores: [Double], _ labels: [Int], _ function: String) -> (positives: Int, negatives: Int) {
    require(scores.count == labels.count, "\(function): \(scores.count) scores but \(labels.count) labels")
    for (k, label) in labels.enumerated() {
        require(label == 0 || label == 1, "\(function): label \(label) of example \(k) is not 0 or 1")
    }
    for (k, s) in scores.enumerated() {
        require(!s.isNaN, "\(function): score of example \(k) is NaN")
    }
    let positives = labels.reduce(0, +)
    require(positives > 0 && positives < labels.count,
            "\(function): needs both classes, got \(positives) positives among \(labels.count) labels")
    return (positives, labels.count - positives)
}

/// The ROC curve of `scores` (higher = more likely positive) against 0/1 `labels` (scikit-learn's
/// `roc_curve` without dropping collinear points): one point per distinct score, ties moving TP and FP
/// together, so the curve has a diagonal step where positives and negatives share a score.
///
/// ```swift
/// let roc = rocCurve(scores: [0.9, 0.4, 0.4, 0.1], labels: [1, 1, 0, 0])
/// roc.truePositiveRate    // [0, 0.5, 1, 1]
/// roc.falsePositiveRate   // [0, 0, 0.5, 1]
/// ```
public func rocCurve(scores: [Double], labels: [Int]) -> ROCCurve {
    let (p, n) = checkBinary(scores, labels, "rocCurve")
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var fpr = [0.0], tpr = [0.0], thresholds = [Double.infinity]
    var tp = 0, fp = 0, k = 0
    while k < order.count {
        let threshold = scores[order[k]]
        while k < order.count && scores[order[k]] == threshold {
            if labels[order[k]] == 1 { tp += 1 } else { fp += 1 }
            k += 1
        }
        fpr.append(Double(fp) / Double(n))
        tpr.append(Double(tp) / Double(p))
        thresholds.append(threshold)
    }
    return ROCCurve(falsePositiveRate: fpr, truePositiveRate: tpr, thresholds: thresholds)
}

/// The area under the ROC curve in its rank form (the Mann–Whitney U statistic divided by P·N):
///
///     AUC = (1 / (P·N)) Σ_{i positive} Σ_{j negative} ( [sᵢ > sⱼ] + ½ [sᵢ = sⱼ] )
///
/// the probability that a random positive scores above a random negative, ties counting ½. Computed in
/// O(n log n) from mid-ranks: AUC = (Σ_{positives} rank − P(P + 1)/2) / (P·N), with tied scores sharing the
/// mean of their ranks. 0.5 is chance, 1 a perfect ranking. Needs both classes.
public func rocAUC(scores: [Double], labels: [Int]) -> Double {
    let (p, n) = checkBinary(scores, labels, "rocAUC")
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0, k = 0
    while k < order.count {
        var end = k
        while end + 1 < order.count && scores[order[end + 1]] == scores[order[k]] { end += 1 }
        let midRank = Double(k + end + 2) / 2          // ranks are 1-based: (k+1 + end+1) / 2
        for m in k...end where labels[order[m]] == 1 { rankSum += midRank }
        k = end + 1
    }
    return (rankSum - Double(p) * Double(p + 1) / 2) / (Double(p) * Double(n))
}
