// How well scores rank positives above negatives, independent of any threshold: the ROC curve, its
// area, and average precision. `package` helpers for now (a public `rocAUC` arrives with the ICU
// lab; the two are merged then).
import KusariCore

/// The ROC curve: (false-positive rate, true-positive rate) points as the threshold sweeps from +∞
/// down, one point per distinct score (ties move together), starting at (0, 0) and ending at (1, 1).
package func rocCurvePoints(scores: [Double], labels: [Bool]) -> [(fpr: Double, tpr: Double)] {
    let (positives, negatives) = checkedCounts(scores: scores, labels: labels, function: "rocCurve")
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var points: [(fpr: Double, tpr: Double)] = [(0, 0)]
    var (tp, fp) = (0, 0)
    for (rank, i) in order.enumerated() {
        if labels[i] { tp += 1 } else { fp += 1 }
        let lastOfTie = rank + 1 == order.count || scores[order[rank + 1]] != scores[i]
        if lastOfTie { points.append((Double(fp) / Double(negatives), Double(tp) / Double(positives))) }
    }
    return points
}

/// The area under the ROC curve: the probability that a random positive scores above a random
/// negative, ties counting one half (the Mann–Whitney statistic, computed from average ranks).
package func binaryROCAUC(scores: [Double], labels: [Bool]) -> Double {
    let (positives, negatives) = checkedCounts(scores: scores, labels: labels, function: "rocAUC")
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
        let averageRank = Double(start + end + 2) / 2          // ranks are 1-based
        for k in start...end where labels[order[k]] { rankSum += averageRank }
        start = end + 1
    }
    let p = Double(positives), n = Double(negatives)
    return (rankSum - p * (p + 1) / 2) / (p * n)
}

/// Average precision: Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the distinct thresholds from the highest score down
/// (precision at each recall step, scikit-learn's definition, no interpolation).
package func binaryAveragePrecision(scores: [Double], labels: [Bool]) -> Double {
    let (positives, _) = checkedCounts(scores: scores, labels: labels, function: "averagePrecision")
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var (tp, fp) = (0, 0)
    var (ap, previousRecall) = (0.0, 0.0)
    for (rank, i) in order.enumerated() {
        if labels[i] { tp += 1 } else { fp += 1 }
        let lastOfTie = rank + 1 == order.count || scores[order[rank + 1]] != scores[i]
        guard lastOfTie else { continue }
        let recall = Double(tp) / Double(positives)
        ap += (recall - previousRecall) * Double(tp) / Double(tp + fp)
        previousRecall = recall
    }
    return ap
}

/// The numbers of positives and negatives, after checking both exist and the scores are finite.
private func checkedCounts(scores: [Double], labels: [Bool], function: String) -> (Int, Int) {
    require(scores.count == labels.count, "\(function): \(scores.count) scores but \(labels.count) labels")
    require(scores.allSatisfy(\.isFinite), "\(function): the scores contain NaN or infinity")
    let positives = labels.filter { $0 }.count
    require(positives > 0 && positives < labels.count,
            "\(function): need both positive and negative labels, got \(positives) of \(labels.count)")
    return (positives, labels.count - positives)
}
