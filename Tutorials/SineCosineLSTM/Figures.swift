import Foundation
import Kusari

/// Step 6 of the tutorial: the figures. Each function builds a ``Figure``; `Figure.save(to:)` writes the
/// PNG with its data (`.dat`) and a gnuplot script (`.gp`) that redraws it.
enum Figures {
    /// Colours used for the same thing in every figure.
    static let sinColor = "#1f77b4", cosColor = "#ff7f0e", totalColor = "#404040", dataColor = "#a0a0a0"

    /// The series, training part above and test part below (the blog's first figure).
    static func data(_ data: SineCosineData) -> Figure {
        func panel(_ title: String, _ values: NDArray, from first: Int) -> Panel {
            var panel = Panel(title: title, xLabel: "sample k (t = 8πk/199)", yLabel: "value")
            let k = (0..<values.shape[0]).map { Double(first + $0) }
            for (j, color) in [sinColor, cosColor].enumerated() {
                panel.add(Series(kind: .linesPoints, x: k, y: SineCosineData.column(j, of: values),
                                 label: ["0.8·sin 2t", "0.8·cos t"][j], style: .init(color: color, pointSize: 0.5)))
            }
            panel.yRange = -1.1...1.1
            panel.legend = .outsideRight
            return panel
        }
        return Figure(panels: [panel("Training data: samples 0–149", data.train, from: 0),
                               panel("Test data: samples 150–199", data.test, from: SineCosineData.trainCount)],
                      columns: 1, size: .init(width: 900, height: 650))
    }

    /// Validation RMSE per recursion step of the final model (per column and total), and the total after
    /// each checkpoint epoch (the blog's second figure: the error falls as training goes on).
    static func validation(_ run: TrainingRun, final rmse: ValidationRMSE) -> Figure {
        let steps = rmse.total.indices.map { Double($0 + 1) }
        var final = Panel(title: "After training (support length \(run.supportLength))",
                          xLabel: "recursion step", yLabel: "RMSE")
        final.add(Series(kind: .linesPoints, x: steps, y: rmse.columns[0], label: "sin", style: .init(color: sinColor)))
        final.add(Series(kind: .linesPoints, x: steps, y: rmse.columns[1], label: "cos", style: .init(color: cosColor)))
        final.add(Series(kind: .linesPoints, x: steps, y: rmse.total, label: "total",
                         style: .init(color: totalColor, dash: .dashed)))
        var history = Panel(title: "Total RMSE during training", xLabel: "recursion step", yLabel: "RMSE",
                            yLogScale: true, legend: .outsideRight)
        for (epoch, curve) in run.checkpoints {
            history.line(x: steps, y: curve.total, label: "epoch \(epoch)")
        }
        return Figure(panels: [final, history], columns: 2, title: "Validation: 28 test sequences, true input at step 1 only",
                      size: .init(width: 1300, height: 520))
    }

    /// The free-running forecast against the waves, one panel per column.
    static func prediction(_ forecast: Forecast, data: SineCosineData) -> Figure {
        let indices = forecast.indices
        let last = indices.last ?? SineCosineData.count
        let firstShown = forecast.start - 20
        let dataRange = firstShown..<SineCosineData.count
        let beyond = (SineCosineData.count - 1)...max(last, SineCosineData.count)
        let warm = forecast.start..<(forecast.start + forecast.warmUp)
        var panels: [Panel] = []
        for (j, name) in ["0.8·sin 2t", "0.8·cos t"].enumerated() {
            var panel = Panel(title: name, xLabel: "sample k", yLabel: "value", legend: .outsideRight)
            let color = j == 0 ? sinColor : cosColor
            panel.line(x: dataRange.map(Double.init), y: dataRange.map { SineCosineData.point(at: Double($0))[j] },
                       label: "data", style: .init(color: dataColor, lineWidth: 3))
            panel.line(x: beyond.map(Double.init), y: beyond.map { SineCosineData.point(at: Double($0))[j] },
                       label: "formula, past the data", style: .init(color: dataColor, lineWidth: 2, dash: .dotted))
            panel.scatter(x: warm.map(Double.init), y: warm.map { SineCosineData.point(at: Double($0))[j] },
                          label: "true inputs (warm-up)", style: .init(color: "black", pointSize: 0.7))
            panel.line(x: indices.map(Double.init), y: SineCosineData.column(j, of: forecast.predictions),
                       label: "model", style: .init(color: color))
            let edge = Double(SineCosineData.count) - 0.5
            panel.line(x: [edge, edge], y: [-1.2, 1.2], label: "end of data",
                       style: .init(color: "#d62728", lineWidth: 1, dash: .dashed))
            panel.yRange = -1.2...1.2
            panels.append(panel)
        }
        return Figure(panels: panels, columns: 1,
                      title: "Forecast from sample \(forecast.start): \(forecast.warmUp) true inputs, then the model's own",
                      size: .init(width: 1000, height: 700))
    }

    /// The two support lengths side by side: validation RMSE per step and training loss per epoch.
    static func supportComparison(_ runs: [(run: TrainingRun, rmse: ValidationRMSE)]) -> Figure {
        var validation = Panel(title: "Validation total RMSE", xLabel: "recursion step", yLabel: "RMSE",
                               yLogScale: true)
        var loss = Panel(title: "Training loss (mean over steps, mean per epoch)", xLabel: "epoch",
                         yLabel: "main/loss", yLogScale: true)
        for (run, rmse) in runs {
            let label = "support length \(run.supportLength)"
            validation.add(Series(kind: .linesPoints, x: rmse.total.indices.map { Double($0 + 1) }, y: rmse.total,
                                  label: label))
            loss.line(x: run.lossPerEpoch.indices.map { Double($0 + 1) }, y: run.lossPerEpoch, label: label)
        }
        return Figure(panels: [validation, loss], columns: 2, title: "Teacher forcing on every step vs. on the first steps only",
                      size: .init(width: 1300, height: 520))
    }
}
