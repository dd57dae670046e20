// The figures, drawn by gnuplot into the output folder (each PNG with its .dat data and .gp script).
import Foundation
import Kusari
import TutorialSupport

let lstmStyle = SeriesStyle(color: "#d62728", lineWidth: 2.5)
let baselineStyle = SeriesStyle(color: "#1f77b4", lineWidth: 2, dash: .dashed)
let oracleStyle = SeriesStyle(color: "#2ca02c", lineWidth: 2, dash: .dashDot)

/// The measured points of one variable of a stay (NaN = not measured, left out).
func measured(_ s: EntitySequence, _ feature: Int) -> (x: [Double], y: [Double]) {
    let rows = (0..<s.length).filter { !s.value(row: $0, feature: feature).isNaN }
    return (rows.map { s.times[$0] }, rows.map { s.value(row: $0, feature: feature) })
}

/// A stay's outcome in words.
func outcome(_ label: Int) -> String { label == 1 ? "died" : "survived" }

/// Heart rate and lactate of three validation stays: each measurement as a point, and the hourly grid
/// after forward fill as a step line, each hour's value held over that hour (what the LSTM reads, before
/// z-scoring).
func drawTrajectories(_ r: SyntheticResults, to folder: URL) throws {
    var panels: [Panel] = []
    for (feature, name, unit) in [(0, "heart rate", "beats/min"), (5, "lactate", "mmol/l")] {
        for example in r.examples {
            var panel = Panel(title: "stay \(example.raw.id) (\(outcome(example.label))): \(name)",
                              xLabel: "hours since admission", yLabel: "\(name) (\(unit))", legend: .below)
            let filled = measured(example.filled, feature)
            panel.add(Series(kind: .line, x: filled.x.flatMap { [$0, $0 + 1] }, y: filled.y.flatMap { [$0, $0] },
                             label: "hourly grid, forward-filled", style: .init(color: "#7f7f7f", lineWidth: 1.5)))
            let points = measured(example.raw, feature)
            panel.scatter(x: points.x, y: points.y, label: "measured (\(points.x.count) times)",
                          style: .init(color: feature == 0 ? "#1f77b4" : "#d62728", pointSize: 0.8))
            panels.append(panel)
        }
    }
    try Figure(panels: panels, columns: r.examples.count, size: .init(width: 1500, height: 900))
        .save(to: folder.appending(path: "trajectories.png"))
}

/// Training loss per epoch (Part 1), validation AUC per epoch (Part 1), mean training loss of the folds (Part 2).
func drawLoss(_ s: SyntheticResults, _ p: PBCResults, to folder: URL) throws {
    let epochs = s.trainLoss.indices.map { Double($0 + 1) }
    var loss = Panel(title: "Part 1: training loss (mean over each epoch)", xLabel: "epoch",
                     yLabel: "binary cross-entropy per valid hour", legend: .hidden)
    loss.add(Series(kind: .linesPoints, x: epochs, y: s.trainLoss, style: lstmStyle))
    loss.xTicStep = 1
    var auc = Panel(title: "Part 1: validation AUC at the last valid hour", xLabel: "epoch", yLabel: "ROC AUC",
                    legend: .hidden)
    auc.add(Series(kind: .linesPoints, x: epochs, y: s.validationAUC, style: lstmStyle))
    auc.xTicStep = 1
    auc.yRange = 0.5...1
    var pbc = Panel(title: "Part 2: training loss, mean of the 5 folds", xLabel: "epoch (full batch)",
                    yLabel: "binary cross-entropy per patient", legend: .hidden)
    pbc.line(x: p.meanTrainLoss.indices.map { Double($0 + 1) }, y: p.meanTrainLoss, style: lstmStyle)
    try Figure(panels: [loss, auc, pbc], columns: 3, size: .init(width: 1500, height: 450))
        .save(to: folder.appending(path: "loss.png"))
}

/// ROC curves: LSTM vs admission score vs true risk (Part 1); LSTM vs Mayo score (Part 2, held-out folds pooled).
func drawROC(_ r: TutorialResults, to folder: URL) throws {
    func series(_ scores: [Double], _ labels: [Int], _ name: String, _ style: SeriesStyle) -> ROCSeries {
        let roc = rocCurve(scores: scores, labels: labels)
        return ROCSeries(falsePositiveRate: roc.falsePositiveRate, truePositiveRate: roc.truePositiveRate, name: name,
                         auc: rocAUC(scores: scores, labels: labels), style: style)
    }
    let s = r.synthetic, p = r.pbc
    let synthetic = Panel.roc([series(s.lstm, s.labels, "LSTM, whole stay", lstmStyle),
                               series(s.admission, s.labels, "admission score", baselineStyle),
                               series(s.oracle, s.labels, "true risk (ceiling)", oracleStyle)],
                              title: "Part 1: synthetic ICU, \(s.labels.count) validation stays")
    let pbc = Panel.roc([series(p.lstm, p.labels, "LSTM, first-year visits (5-fold CV)", lstmStyle),
                         series(p.mayo, p.labels, "Mayo risk score", baselineStyle)],
                        title: "Part 2: PBC, death within 5 years, \(p.labels.count) patients")
    try Figure(panels: [synthetic, pbc], columns: 2, size: .init(width: 1300, height: 620))
        .save(to: folder.appending(path: "roc.png"))
}

/// The predicted risk after each hour of the stays drawn in trajectories.png, over their lactate (which,
/// unlike heart rate, does not depend on age).
func drawRiskAlongStay(_ r: SyntheticResults, to folder: URL) throws {
    var risk = Panel(title: "Predicted risk of death after each hour (LSTM, validation stays)",
                     xLabel: "hours since admission", yLabel: "predicted risk", legend: .topLeft)
    let styles = [lstmStyle, SeriesStyle(color: "#ff7f0e", lineWidth: 2), SeriesStyle(color: "#2ca02c", lineWidth: 2, dash: .dashed)]
    var lactate = Panel(title: "Lactate, as measured", xLabel: "hours since admission", yLabel: "lactate (mmol/l)",
                        legend: .outsideRight)
    for (k, example) in r.examples.enumerated() {
        let label = "stay \(example.raw.id) (\(outcome(example.label)))"
        risk.line(x: example.risk.indices.map { Double($0 + 1) }, y: example.risk, label: label, style: styles[k % 3])
        let points = measured(example.raw, 5)
        var style = styles[k % 3]
        style.pointSize = 1
        lactate.line(x: points.x, y: points.y, label: label, style: style)
    }
    risk.yRange = 0...1
    risk.legend = .outsideRight
    try Figure(panels: [risk, lactate], columns: 1, size: .init(width: 1100, height: 800))
        .save(to: folder.appending(path: "risk-along-stay.png"))
}
