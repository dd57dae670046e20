import Foundation
import Kusari

// Step 5 — the figures. Each `Figure.save` writes name.png, name.dat (the numbers) and name.gp (a gnuplot
// script that redraws the PNG from the .dat: `cd Plots/noisy-sine-rnn && gnuplot forecast.gp`).

/// Colours shared by the figures, so "training" and "validation" look the same everywhere.
enum Palette {
    static let training = "#1f77b4"      // blue
    static let validation = "#ff7f0e"    // orange
    static let prediction = "#d62728"    // red
    static let input = "#2ca02c"         // green
    static let clean = "#303030"         // dark grey
}

/// The blog's "Target Values" figure: the value each window should predict, training then validation.
///
/// The blog plots both lists from index 0, so the validation curve lies on top of the start of the
/// training curve; here each target sits at its position in the series (20 … 163, then 164 … 199).
func targetsFigure(_ data: NoisySineData) -> Figure {
    var panel = Panel(title: "Target values: the point after each window of 20",
                      xLabel: "position x in the series", yLabel: "y = sin(2πx/100) + noise", legend: .topRight)
    let training = data.trainingTargets, validation = data.validationTargets
    panel.line(x: training.x, y: training.y, label: "training (144)", style: .init(color: Palette.training))
    panel.line(x: validation.x, y: validation.y, label: "validation (36)", style: .init(color: Palette.validation))
    panel.xRange = 0...200
    panel.yRange = -1.25...1.25
    return Figure(panel)
}

/// Training and validation loss per epoch, on a log scale (Keras' `loss` and `val_loss`).
func lossFigure(_ history: TrainingHistory) -> Figure {
    var panel = Panel(title: "Mean squared error per epoch", xLabel: "epoch", yLabel: "MSE (log scale)",
                      yLogScale: true, legend: .topRight)
    let epochs = history.trainLoss.indices.map { Double($0 + 1) }
    panel.add(Series(kind: .linesPoints, x: epochs, y: history.trainLoss, label: "training loss",
                     style: .init(color: Palette.training)))
    panel.add(Series(kind: .linesPoints, x: epochs, y: history.validationLoss, label: "validation loss",
                     style: .init(color: Palette.validation)))
    let last = Double(max(epochs.count, 2))
    panel.xRange = 0.5...(last + 0.5)
    return Figure(panel)
}

/// The blog's "Predict sin wave" figure: the noisy series, the input window the forecast starts from, and
/// the 180 closed-loop predictions; the clean sine is drawn dashed as the reference of the RMSE.
func forecastFigure(_ data: NoisySineData, predictions: [Double], rmse: Double) -> Figure {
    var panel = Panel(title: String(format: "Closed-loop forecast from the first window (RMSE vs clean sine %.3f)", rmse),
                      xLabel: "position x in the series", yLabel: "y", legend: .below)
    panel.line(x: data.positions, y: data.noisy, label: "original (noisy)",
               style: .init(color: Palette.training, lineWidth: 1.5))
    panel.line(x: data.positions, y: data.clean, label: "clean sine",
               style: .init(color: Palette.clean, lineWidth: 1.5, dash: .dashed))
    let start = NoisySineData.windowLength
    panel.line(x: predictions.indices.map { Double(start + $0) }, y: predictions, label: "predicted",
               style: .init(color: Palette.prediction))
    panel.line(x: Array(data.positions[0..<start]), y: data.firstWindow, label: "input window",
               style: .init(color: Palette.input, lineWidth: 3))
    panel.xRange = 0...200
    let extreme = predictions.map(abs).filter(\.isFinite).max() ?? 1
    let top = max(1.25, (extreme * 1.1 * 4).rounded(.up) / 4)       // room for a forecast that overshoots
    panel.yRange = -top...top
    return Figure(panel)
}

/// Saves the three figures into `folder`; returns the PNG names.
func saveFigures(data: NoisySineData, history: TrainingHistory, predictions: [Double], rmse: Double,
                 into folder: URL) throws -> [String] {
    let figures = [("targets", targetsFigure(data)), ("loss", lossFigure(history)),
                   ("forecast", forecastFigure(data, predictions: predictions, rmse: rmse))]
    for (name, figure) in figures {
        try figure.save(to: folder.appending(path: name + ".png"))
    }
    return figures.map { $0.0 + ".png" }
}
