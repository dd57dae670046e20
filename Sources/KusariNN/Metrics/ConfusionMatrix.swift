// Counting a binary classifier's decisions at one threshold.
import KusariCore

/// The four counts of binary decisions "score ≥ threshold ⇒ positive" against 0/1 labels, and the rates
/// clinicians quote:
///
///     accuracy    = (TP + TN) / (P + N)
///     sensitivity = TP / P           (recall, true positive rate)
///     specificity = TN / N           (1 − false positive rate)
///     precision   = TP / (TP + FP)   (positive predictive value; NaN with no positive decision)
public struct ConfusionMatrix: Sendable, Equatable {
    /// Positives scored ≥ threshold.
    public let truePositives: Int
    /// Negatives scored ≥ threshold.
    public let falsePositives: Int
    /// Negatives scored below threshold.
    public let trueNegatives: Int
    /// Positives scored below threshold.
    public let falseNegatives: Int

    /// Counts the decisions of `scores` at `threshold` against 0/1 `labels` (either class may be absent).
    public init(scores: [Double], labels: [Int], threshold: Double) {
        require(scores.count == labels.count, "ConfusionMatrix: \(scores.count) scores but \(labels.count) labels")
        var tp = 0, fp = 0, tn = 0, fn = 0
        for (k, (s, label)) in zip(scores, labels).enumerated() {
            require(label == 0 || label == 1, "ConfusionMatrix: label \(label) of example \(k) is not 0 or 1")
            switch (s >= threshold, label == 1) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, false): tn += 1
            case (false, true): fn += 1
            }
        }
        (truePositives, falsePositives, trueNegatives, falseNegatives) = (tp, fp, tn, fn)
    }

    /// (TP + TN) / all.
    public var accuracy: Double {
        Double(truePositives + trueNegatives) / Double(truePositives + falsePositives + trueNegatives + falseNegatives)
    }
    /// TP / (TP + FN): the share of positives caught.
    public var sensitivity: Double { Double(truePositives) / Double(truePositives + falseNegatives) }
    /// TN / (TN + FP): the share of negatives left alone.
    public var specificity: Double { Double(trueNegatives) / Double(trueNegatives + falsePositives) }
    /// TP / (TP + FP): the share of alarms that are right.
    public var precision: Double { Double(truePositives) / Double(truePositives + falsePositives) }
}
