// Step 5 of the tutorial: the figures, drawn by gnuplot into the output folder (each PNG with its .dat
// data and .gp script, so `gnuplot loss.gp` redraws it).
import Foundation
import Kusari
import TutorialSupport

extension Variant {
    /// The same look for a variant in every figure: stateless blue, stateful orange, Keras layout green.
    var style: SeriesStyle {
        switch self {
        case .stateless: return SeriesStyle(color: "#1f77b4")
        case .stateful: return SeriesStyle(color: "#ff7f0e", dash: .dashed)
        case .statefulKerasLayout: return SeriesStyle(color: "#2ca02c", dash: .dashDot)
        }
    }
}

/// 1, 2, … for a per-epoch array.
private func epochs(_ values: [Double]) -> [Double] { values.indices.map { Double($0 + 1) } }

/// The two series, hour by hour: Seattle 2010 and the first year of the synthetic series (top), and one
/// week of each (bottom), where the daily cycle that a year's plot packs into a solid band shows.
func drawData(_ seattle: PreparedSeries, _ synthetic: PreparedSeries, to folder: URL) throws {
    func panel(_ data: PreparedSeries, title: String) -> Panel {
        let hours = Array(data.raw.prefix(8760))
        var panel = Panel(title: title, xLabel: "day of the year", yLabel: "temperature (\(data.unit))",
                          legend: .hidden)
        panel.line(x: hours.indices.map { Double($0) / 24 }, y: hours, style: .init(color: "#404040", lineWidth: 1))
        panel.xRange = 0...365
        return panel
    }
    func week(_ data: PreparedSeries, title: String) -> Panel {
        let first = 181 * 24                                   // 1 July: hours 4344 ..< 4512
        let hours = Array(data.raw.dropFirst(first).prefix(7 * 24))
        var panel = Panel(title: title, xLabel: "day of the year", yLabel: "temperature (\(data.unit))",
                          legend: .hidden)
        panel.line(x: hours.indices.map { Double(first + $0) / 24 }, y: hours,
                   style: .init(color: "#404040", lineWidth: 1.5))
        panel.xRange = 181...188
        panel.xTicStep = 1
        return panel
    }
    let figure = Figure(panels: [panel(seattle, title: "Seattle: hourly 30-year normals, dated 2010"),
                                 panel(synthetic, title: "Synthetic series, first of its ten years"),
                                 week(seattle, title: "Seattle, one week from 1 July: the daily cycle"),
                                 week(synthetic, title: "Synthetic series, the same week")],
                        columns: 2, size: .init(width: 1200, height: 800))
    try figure.save(to: folder.appending(path: "data.png"))
}

/// Training loss per epoch, one panel per series (log scale).
func drawLoss(_ results: [SeriesResult], to folder: URL) throws {
    let panels = results.map { series -> Panel in
        var panel = Panel(title: "\(series.data.name): training loss (mean over each epoch)", xLabel: "epoch",
                          yLabel: "mean squared error (standardised)", yLogScale: true, legend: .topRight)
        panel.xTicStep = 1
        for run in series.runs {
            let loss = run.training.loss
            panel.add(Series(kind: .linesPoints, x: epochs(loss), y: loss, label: run.variant.label,
                             style: run.variant.style))
        }
        let last = Double(series.runs.map(\.training.loss.count).max() ?? 1)
        if let floor = series.noiseFloor {
            panel.line(x: [0.8, last + 0.2], y: [floor, floor], label: "noise floor (no model can go lower)",
                       style: .init(color: "#808080", lineWidth: 1.5, dash: .dotted))
        }
        panel.xRange = 0.8...(last + 0.2)
        return panel
    }
    try Figure(panels: panels, columns: panels.count, size: .init(width: 1200, height: 450))
        .save(to: folder.appending(path: "loss.png"))
}

/// Seconds per epoch, wall clock (thick) and CPU (thin dotted), one panel per series (the synthetic series is
/// ten times longer). On a shared machine the wall clock includes waiting for a core; the CPU time does not.
func drawEpochTimes(_ results: [SeriesResult], to folder: URL) throws {
    let panels = results.map { series -> Panel in
        let steps = series.runs.first?.training.stepsPerEpoch ?? 0
        var panel = Panel(title: "\(series.data.name): time per epoch (\(steps) updates)", xLabel: "epoch",
                          yLabel: "seconds (thick: wall clock, thin: CPU)", legend: .below)
        panel.xTicStep = 1
        // Thick wall-clock lines first, then the thin CPU lines on top, so neither hides the other.
        for run in series.runs {
            let seconds = run.training.epochSeconds
            panel.add(Series(kind: .linesPoints, x: epochs(seconds), y: seconds, label: "\(run.variant.label): wall clock",
                             style: run.variant.style))
        }
        for run in series.runs {
            let cpu = run.training.epochCPUSeconds
            var thin = run.variant.style
            thin.lineWidth = 1
            thin.pointSize = 0.5
            thin.dash = .dotted
            panel.add(Series(kind: .linesPoints, x: epochs(cpu), y: cpu, label: "\(run.variant.label): CPU", style: thin))
        }
        let top = series.runs.flatMap { $0.training.epochSeconds + $0.training.epochCPUSeconds }.max() ?? 1
        panel.yRange = 0...(top > 0 ? 1.3 * top : 1)
        panel.xRange = 0.8...(Double(series.runs.map(\.training.epochSeconds.count).max() ?? 1) + 0.2)
        return panel
    }
    try Figure(panels: panels, columns: panels.count, size: .init(width: 1200, height: 450))
        .save(to: folder.appending(path: "epoch-time.png"))
}

/// A week of one-hour-ahead predictions against the measurements (top) and their errors (bottom).
func drawWeek(_ week: [Prediction], _ data: PreparedSeries, title: String, to folder: URL) throws {
    guard let truth = week.first?.truth else { return }
    let days = truth.indices.map { Double($0) / 24 }
    var values = Panel(title: title, xLabel: "day", yLabel: "temperature (\(data.unit))", legend: .below)
    values.line(x: days, y: truth, label: "measured", style: .init(color: "black", lineWidth: 4))
    var errors = Panel(title: "prediction − measurement", xLabel: "day", yLabel: "error (\(data.unit))",
                       legend: .below)
    for prediction in week {
        values.line(x: days, y: prediction.values, label: prediction.variant.label, style: prediction.variant.style)
        errors.line(x: days, y: prediction.errors,
                    label: "\(prediction.variant.label): RMSE \(format(prediction.rmse, 2)) \(data.unit)",
                    style: prediction.variant.style)
    }
    values.xRange = 0...Double(truth.count) / 24
    errors.xRange = values.xRange
    try Figure(panels: [values, errors], columns: 1, size: .init(width: 1000, height: 800))
        .save(to: folder.appending(path: "week.png"))
}

/// The final models over the whole year: the RMSE of their one-hour-ahead predictions, week by week.
func drawYear(_ series: SeriesResult, to folder: URL) throws {
    var panel = Panel(title: "\(series.data.name): the trained models on every hour of the series",
                      xLabel: "week of the year", yLabel: "RMSE of the week (\(series.data.unit))", legend: .below)
    let weekly = series.runs.map { $0.wholeSeries.rmse(per: 168) }
    for (run, rmse) in zip(series.runs, weekly) {
        let whole = "whole series \(format(run.wholeSeries.rmse, 2)) \(series.data.unit)"
        panel.add(Series(kind: .linesPoints, x: rmse.indices.map { Double($0 + 1) }, y: rmse,
                         label: "\(run.variant.label) (\(whole))", style: run.variant.style))
    }
    panel.xRange = 0...Double((weekly.map(\.count).max() ?? 0) + 1)
    let top = weekly.joined().max() ?? 0
    panel.yRange = 0...(top > 0 ? 1.1 * top : 1)
    try Figure(panel, size: .init(width: 1000, height: 520)).save(to: folder.appending(path: "year.png"))
}
