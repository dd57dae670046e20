import Foundation
import KusariCore

/// One set of axes in a ``Figure``: its series, title, axis labels, scales, ranges and legend.
///
/// A panel is a value: build it, then hand it to a figure.
///
/// ```swift
/// var loss = Panel(title: "Loss", xLabel: "epoch", yLabel: "mean squared error")
/// loss.yLogScale = true
/// loss.line(x: epochs, y: trainLoss, label: "train")
/// loss.line(x: epochs, y: testLoss, label: "test", style: .init(dash: .dashed))
/// try Figure(loss).save(to: URL(fileURLWithPath: "Plots/loss.png"))
/// ```
public struct Panel: Sendable, Equatable {
    /// The title above the axes, or `nil` for none.
    public var title: String?
    /// The label under the x axis, or `nil` for none.
    public var xLabel: String?
    /// The label beside the y axis, or `nil` for none.
    public var yLabel: String?
    /// Whether the x axis is logarithmic (base 10). Points with x ≤ 0 are then skipped.
    public var xLogScale: Bool
    /// Whether the y axis is logarithmic (base 10). Points with y ≤ 0 are then skipped.
    public var yLogScale: Bool
    /// A fixed x range, or `nil` to fit the data.
    public var xRange: ClosedRange<Double>?
    /// A fixed y range, or `nil` to fit the data.
    public var yRange: ClosedRange<Double>?
    /// The distance between x tics (e.g. 1 for whole epochs), or `nil` for gnuplot's choice.
    public var xTicStep: Double?
    /// Whether a light grid is drawn at the major tics.
    public var grid: Bool
    /// Where the legend goes, or ``Legend/hidden``. The default, ``Legend/automatic``, picks a corner that
    /// the data leave empty.
    public var legend: Legend
    /// The series, drawn in order (later series on top).
    public var series: [Series]

    /// Creates a panel.
    /// - Parameters:
    ///   - title: The title above the axes.
    ///   - xLabel: The x axis label.
    ///   - yLabel: The y axis label.
    ///   - xLogScale: Whether the x axis is logarithmic.
    ///   - yLogScale: Whether the y axis is logarithmic.
    ///   - legend: The legend position, or ``Legend/hidden``.
    ///   - series: The series to draw; more can be added with ``line(x:y:label:style:)`` and friends.
    public init(
        title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
        xLogScale: Bool = false, yLogScale: Bool = false, legend: Legend = .automatic, series: [Series] = []
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xLogScale = xLogScale
        self.yLogScale = yLogScale
        self.xRange = nil
        self.yRange = nil
        self.xTicStep = nil
        self.grid = true
        self.legend = legend
        self.series = series
    }

    /// Adds a series.
    public mutating func add(_ series: Series) {
        self.series.append(series)
    }

    /// Adds a line through the points `(x[i], y[i])`.
    /// - Parameters:
    ///   - x: The x coordinates.
    ///   - y: The y coordinates, as many as `x`.
    ///   - label: The legend entry, or `nil` for none.
    ///   - style: Colour, width and dash pattern.
    public mutating func line(x: [Double], y: [Double], label: String? = nil, style: SeriesStyle = .init()) {
        add(.line(x: x, y: y, label: label, style: style))
    }

    /// Adds a line through the points `(i, y[i])` for `i = 0, 1, …`, such as a loss per iteration.
    /// - Parameters:
    ///   - y: The y coordinates; x counts from 0.
    ///   - label: The legend entry, or `nil` for none.
    ///   - style: Colour, width and dash pattern.
    public mutating func line(y: [Double], label: String? = nil, style: SeriesStyle = .init()) {
        line(x: y.indices.map(Double.init), y: y, label: label, style: style)
    }

    /// Adds unjoined markers at the points `(x[i], y[i])`.
    /// - Parameters:
    ///   - x: The x coordinates.
    ///   - y: The y coordinates, as many as `x`.
    ///   - label: The legend entry, or `nil` for none.
    ///   - style: Colour and marker size.
    public mutating func scatter(x: [Double], y: [Double], label: String? = nil, style: SeriesStyle = .init()) {
        add(.scatter(x: x, y: y, label: label, style: style))
    }

    /// Throws ``PlotError`` when a series or a range cannot be drawn as asked.
    func validate(panelName: String) throws {
        for (index, series) in series.enumerated() {
            let name = "\(index + 1) (\(series.label.map { "\"\($0)\"" } ?? "unlabelled")) of \(panelName)"
            guard series.pointCount != nil else {
                throw PlotError.mismatchedLengths(series: name, xCount: series.x.count, yCount: series.y.count)
            }
            try series.style.validate(seriesName: name)
        }
        for (axis, range, isLog) in [("x", xRange, xLogScale), ("y", yRange, yLogScale)] {
            guard let range else { continue }
            guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
                throw PlotError.invalidSetting("\(panelName) has \(axis) range \(range); use finite a < b")
            }
            if isLog, range.lowerBound <= 0 {
                throw PlotError.invalidSetting("\(panelName) has a log \(axis) axis with range \(range); use a > 0")
            }
        }
    }
}
