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
            panel.xRange = Double(first)...Double(first + values.shape[0] - 1)
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
        var afterTraining = Panel(title: "After training (support length \(run.supportLength))",
                                  xLabel: "recursion step", yLabel: "RMSE")
        for (name, values, color) in [("sin", rmse.columns[0], sinColor), ("cos", rmse.columns[1], cosColor)] {
            afterTraining.add(Series(kind: .linesPoints, x: steps, y: values, label: name, style: .init(color: color)))
        }
        afterTraining.add(Series(kind: .linesPoints, x: steps, y: rmse.total, label: "total",
                                 style: .init(color: totalColor, dash: .dashed)))
        var history = Panel(title: "Total RMSE during training", xLabel: "recursion step", yLabel: "RMSE",
                            yLogScale: true, legend: .outsideRight)
        for (n, (epoch, curve)) in run.checkpoints.enumerated() {
            let fraction = run.checkpoints.count > 1 ? Double(n) / Double(run.checkpoints.count - 1) : 1
            history.line(x: steps, y: curve.total, label: "epoch \(epoch)", style: .init(color: viridis(fraction)))
        }
        afterTraining.xRange = 1...Double(max(steps.count, 2))
        history.xRange = afterTraining.xRange
        return Figure(panels: [afterTraining, history], columns: 2,
                      title: "Validation on the test data: true input at step 1, the model's own afterwards",
                      size: .init(width: 1300, height: 520))
    }

    /// A colour along the viridis scale, from light green (`fraction` 0) to dark purple (1), for curves that
    /// follow one another in time: unlike shades of one blue, ten curves stay distinguishable and in order
    /// (also in greyscale), and the last one is the darkest.
    static func viridis(_ fraction: Double) -> String {
        // Stops of matplotlib's viridis, without its palest yellow (hard to see on white), reversed.
        let stops: [[Double]] = [[181, 222, 43], [94, 201, 98], [33, 145, 140], [59, 82, 139], [68, 1, 84]]
        let position = min(max(fraction, 0), 1) * Double(stops.count - 1)
        let i = min(Int(position), stops.count - 2), f = position - Double(i)
        let rgb = zip(stops[i], stops[i + 1]).map { Int(($0 + f * ($1 - $0)).rounded()) }
        return "#" + rgb.map { String(format: "%02x", $0) }.joined()
    }

    /// The free-running forecast against the waves, one panel per column: the data from 20 samples before
    /// the start, the formula continued past the end of the data, the warm-up inputs and the model's output.
    static func prediction(_ forecast: Forecast, data: SineCosineData) -> Figure {
        let n = SineCosineData.count
        let indices = forecast.indices
        let shown = (forecast.start - 20)..<n
        let beyond = (n - 1)...max(indices.last ?? n, n)
        let warmUp = forecast.start..<(forecast.start + forecast.warmUp)
        func formula(_ k: Int, _ j: Int) -> Double { SineCosineData.point(at: Double(k))[j] }
        var panels: [Panel] = []
        for (j, name) in ["0.8·sin 2t", "0.8·cos t"].enumerated() {
            let series = SineCosineData.column(j, of: data.series)
            let predicted = SineCosineData.column(j, of: forecast.predictions)
            var panel = Panel(title: name, xLabel: "sample k", yLabel: "value", legend: .outsideRight)
            panel.line(x: shown.map(Double.init), y: shown.map { series[$0] }, label: "data",
                       style: .init(color: dataColor, lineWidth: 3))
            panel.line(x: beyond.map(Double.init), y: beyond.map { formula($0, j) }, label: "formula, past the data",
                       style: .init(color: dataColor, lineWidth: 2, dash: .dotted))
            panel.scatter(x: warmUp.map(Double.init), y: warmUp.map { series[$0] }, label: "true inputs (warm-up)",
                          style: .init(color: "black", pointSize: 0.7))
            panel.line(x: indices.map(Double.init), y: predicted, label: "model",
                       style: .init(color: j == 0 ? sinColor : cosColor))
            // The axes fit the waves and the forecast, however far it strays.
            let finite = predicted.filter(\.isFinite)
            let yRange = min(-1.0, (finite.min() ?? 0) - 0.1)...max(1.0, (finite.max() ?? 0) + 0.1)
            let edge = Double(n) - 0.5
            panel.line(x: [edge, edge], y: [yRange.lowerBound, yRange.upperBound], label: "end of data",
                       style: .init(color: "#d62728", lineWidth: 1, dash: .dashed))
            panel.xRange = Double(shown.lowerBound)...Double(beyond.upperBound)
            panel.yRange = yRange
            panels.append(panel)
        }
        let title = "Forecast from sample \(forecast.start): \(forecast.warmUp) true inputs, then the model's own"
        return Figure(panels: panels, columns: 1, title: title, size: .init(width: 1000, height: 700))
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
        let epochs = runs.map { $0.run.lossPerEpoch.count }.max() ?? 1
        loss.xRange = 1...Double(max(epochs, 2))
        return Figure(panels: [validation, loss], columns: 2,
                      title: "Teacher forcing on every step vs. on the first steps only",
                      size: .init(width: 1300, height: 520))
    }
}
