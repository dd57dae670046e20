import Testing
import Kusari
@testable import KusariNN

/// Thresholds, F1 and the ranking metrics on small cases worked out by hand.
@Suite("Metrics: anomaly thresholds, F1, ROC-AUC, average precision")
struct AnomalyScoringTests {
    @Test func quantileInterpolatesLikeNumPy() {
        // numpy.quantile([3, 1, 4, 1, 5], [0, 0.5, 0.9, 1]) = [1, 3, 4.6, 5]
        let s = [3.0, 1, 4, 1, 5]
        #expect(quantileThreshold(s, quantile: 0) == 1)
        #expect(quantileThreshold(s, quantile: 0.5) == 3)
        #expect(abs(quantileThreshold(s, quantile: 0.9) - 4.6) < 1e-12)
        #expect(quantileThreshold(s, quantile: 1) == 5)
    }

    @Test func detectionQualityCountsStrictlyAboveTheThreshold() {
        // Flagged (> 0.5): 0.9 (pos), 0.8 (neg), 0.6 (pos); missed: 0.5 (pos, not strictly above).
        let q = detectionQuality(scores: [0.9, 0.8, 0.6, 0.5, 0.1], labels: [true, false, true, true, false],
                                 threshold: 0.5)
        #expect((q.truePositives, q.falsePositives, q.falseNegatives) == (2, 1, 1))
        #expect(abs(q.precision - 2.0 / 3) < 1e-12 && abs(q.recall - 2.0 / 3) < 1e-12)
        #expect(abs(q.f1 - 2.0 / 3) < 1e-12)
        let none = detectionQuality(scores: [0.1, 0.2], labels: [true, false], threshold: 1)
        #expect(none.f1 == 0 && none.precision == 0)
    }

    @Test func rocAUCIsTheProbabilityOfCorrectOrder() {
        // Positives 0.8, 0.4; negatives 0.6, 0.2: pairs in order (0.8>0.6, 0.8>0.2, 0.4>0.2) = 3 of 4.
        #expect(binaryROCAUC(scores: [0.8, 0.6, 0.4, 0.2], labels: [true, false, true, false]) == 0.75)
        // A tie between a positive and a negative counts one half: (1 + 0.5) / 2.
        #expect(binaryROCAUC(scores: [0.5, 0.5, 0.1], labels: [true, false, false]) == 0.75)
        #expect(binaryROCAUC(scores: [1, 2, 3], labels: [false, false, true]) == 1)
    }

    @Test func rocCurveGoesFromOriginToOneOne() {
        let points = rocCurvePoints(scores: [0.8, 0.6, 0.4, 0.2], labels: [true, false, true, false])
        #expect(points.map(\.fpr) == [0, 0, 0.5, 0.5, 1])
        #expect(points.map(\.tpr) == [0, 0.5, 0.5, 1, 1])
    }

    @Test func averagePrecisionMatchesScikitLearn() {
        // sklearn.metrics.average_precision_score([1, 0, 1, 0], [0.8, 0.6, 0.4, 0.2]) = 0.8333…
        // (recall 0.5 at precision 1, recall 1 at precision 2/3: 0.5·1 + 0.5·2/3).
        let ap = binaryAveragePrecision(scores: [0.8, 0.6, 0.4, 0.2], labels: [true, false, true, false])
        #expect(abs(ap - 5.0 / 6) < 1e-12)
    }
}
