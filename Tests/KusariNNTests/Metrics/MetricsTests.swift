import Testing
import Kusari

@Suite("Metrics: ROC, AUC, precision–recall, confusion, bootstrap")
struct MetricsTests {
    /// The AUC by its definition: the share of (positive, negative) pairs ranked right, ties ½.
    func bruteForceAUC(_ s: [Double], _ y: [Int]) -> Double {
        var total = 0.0, pairs = 0.0
        for i in s.indices where y[i] == 1 {
            for j in s.indices where y[j] == 0 {
                total += s[i] > s[j] ? 1 : (s[i] == s[j] ? 0.5 : 0)
                pairs += 1
            }
        }
        return total / pairs
    }

    @Test func handComputedCasesWithTies() {
        #expect(rocAUC(scores: [0.9, 0.8, 0.2, 0.1], labels: [1, 1, 0, 0]) == 1)
        #expect(rocAUC(scores: [0.1, 0.2, 0.8, 0.9], labels: [1, 1, 0, 0]) == 0)
        #expect(rocAUC(scores: [0.5, 0.5, 0.5, 0.5], labels: [1, 0, 1, 0]) == 0.5)
        // Pairs (p, n): (0.9, 0.4) 1, (0.9, 0.1) 1, (0.4, 0.4) ½, (0.4, 0.1) 1 → 3.5 / 4.
        #expect(rocAUC(scores: [0.9, 0.4, 0.4, 0.1], labels: [1, 1, 0, 0]) == 0.875)
    }

    @Test func matchesBruteForceOnRandomData() {
        let g = RandomGenerator(seed: 41)
        for trial in 0..<20 {
            let n = 5 + trial * 7
            // Rounded scores make many ties.
            let y = (0..<n).map { k in k < 2 ? k : g.nextInt(below: 2) }
            let s = y.map { (Double($0) + 2 * g.nextNormal()).rounded() / 2 }
            #expect(abs(rocAUC(scores: s, labels: y) - bruteForceAUC(s, y)) < 1e-12)
        }
    }

    @Test func rocCurveAndTrapezoidAreaAgree() {
        let s = [0.9, 0.4, 0.4, 0.1, 0.7, 0.3], y = [1, 1, 0, 0, 0, 1]
        let roc = rocCurve(scores: s, labels: y)
        #expect(roc.thresholds.first == .infinity)
        #expect(roc.falsePositiveRate.first == 0 && roc.truePositiveRate.first == 0)
        #expect(roc.falsePositiveRate.last == 1 && roc.truePositiveRate.last == 1)
        var area = 0.0
        for k in 1..<roc.thresholds.count {
            area += (roc.falsePositiveRate[k] - roc.falsePositiveRate[k - 1])
                * (roc.truePositiveRate[k] + roc.truePositiveRate[k - 1]) / 2
        }
        #expect(abs(area - rocAUC(scores: s, labels: y)) < 1e-12)
    }

    @Test func precisionRecallAndAveragePrecision() {
        // Ranking 1, 0, 1, 0: precision 1, ½, ⅔, ½ at recall ½, ½, 1, 1 → AP = ½·1 + ½·⅔ = ⅚.
        let s = [0.9, 0.8, 0.7, 0.6], y = [1, 0, 1, 0]
        let pr = precisionRecallCurve(scores: s, labels: y)
        #expect(pr.recall == [0.5, 0.5, 1, 1])
        #expect(abs(averagePrecision(scores: s, labels: y) - 5.0 / 6) < 1e-12)
        #expect(averagePrecision(scores: [0.9, 0.8, 0.1], labels: [1, 1, 0]) == 1)
    }

    @Test func confusionMatrixAtThreshold() {
        let m = ConfusionMatrix(scores: [0.9, 0.6, 0.4, 0.2, 0.7], labels: [1, 0, 1, 0, 1], threshold: 0.5)
        #expect((m.truePositives, m.falsePositives, m.trueNegatives, m.falseNegatives) == (2, 1, 1, 1))
        #expect(m.accuracy == 0.6)
        #expect(m.sensitivity == 2.0 / 3 && m.specificity == 0.5 && m.precision == 2.0 / 3)
    }

    @Test func bootstrapIsSeededAndBracketsTheEstimate() {
        let g = RandomGenerator(seed: 42)
        let y = (0..<200).map { _ in g.nextInt(below: 2) }
        let s = y.map { Double($0) + 1.5 * g.nextNormal() }
        let a = bootstrapAUC(scores: s, labels: y, replicates: 150, seed: 7)
        let b = bootstrapAUC(scores: s, labels: y, replicates: 150, seed: 7)
        #expect(a == b)
        #expect(a.lower < a.estimate && a.estimate < a.upper)
        #expect(a.upper - a.lower > 0.03 && a.upper - a.lower < 0.3)
    }
}
