import Foundation
import Testing
import Kusari

@Suite("ROC panel")
struct ROCPanelTests {
    @Test func curvesWithAUCInLegendAndDiagonal() {
        let roc = rocCurve(scores: [0.9, 0.4, 0.4, 0.1], labels: [1, 1, 0, 0])
        let panel = Panel.roc([
            ROCSeries(falsePositiveRate: roc.falsePositiveRate, truePositiveRate: roc.truePositiveRate, name: "LSTM", auc: 0.875),
            ROCSeries(falsePositiveRate: [0, 1], truePositiveRate: [0, 1], name: "coin", auc: 0.5)])
        #expect(panel.series.count == 3)
        #expect(panel.series.map(\.label) == ["LSTM (AUC 0.875)", "coin (AUC 0.500)", "chance (AUC 0.5)"])
        #expect(panel.series[0].x == roc.falsePositiveRate)
        #expect(panel.xRange == 0...1 && panel.yRange == 0...1)
    }
}
