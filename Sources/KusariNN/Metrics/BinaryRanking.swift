// The ranking metrics of ROC.swift and PrecisionRecall.swift for `Bool` labels (true = positive, e.g. an
// anomalous window), as the anomaly-detection code holds them: one implementation, two label spellings.
import KusariCore

/// The ROC curve as (false-positive rate, true-positive rate) points, from (0, 0) to (1, 1), one point per
/// distinct score (ties move together): ``rocCurve(scores:labels:)`` with `true` as 1.
package func rocCurvePoints(scores: [Double], labels: [Bool]) -> [(fpr: Double, tpr: Double)] {
    require(scores.allSatisfy(\.isFinite), "rocCurve: the scores contain NaN or infinity")
    let curve = rocCurve(scores: scores, labels: labels.map { $0 ? 1 : 0 })
    return Array(zip(curve.falsePositiveRate, curve.truePositiveRate)).map { (fpr: $0.0, tpr: $0.1) }
}

/// The area under the ROC curve (Mann–Whitney form, ties counting ½): ``rocAUC(scores:labels:)`` with
/// `true` as 1.
package func binaryROCAUC(scores: [Double], labels: [Bool]) -> Double {
    require(scores.allSatisfy(\.isFinite), "rocAUC: the scores contain NaN or infinity")
    return rocAUC(scores: scores, labels: labels.map { $0 ? 1 : 0 })
}

/// Average precision Σₖ (Rₖ − Rₖ₋₁)·Pₖ (scikit-learn's definition): ``averagePrecision(scores:labels:)``
/// with `true` as 1.
package func binaryAveragePrecision(scores: [Double], labels: [Bool]) -> Double {
    require(scores.allSatisfy(\.isFinite), "averagePrecision: the scores contain NaN or infinity")
    return averagePrecision(scores: scores, labels: labels.map { $0 ? 1 : 0 })
}
