import Foundation
import KusariCore

/// Where a ``Panel`` draws its legend (gnuplot's *key*).
///
/// Series without a label never appear in the legend; a panel with no labelled series draws none.
public enum Legend: Sendable, Equatable {
    /// Inside the axes, in the first corner (top right, top left, bottom right, bottom left) that no line or
    /// marker crosses; below the axes when every corner is taken. The default.
    case automatic
    /// No legend.
    case hidden
    /// Inside the axes, top right corner.
    case topRight
    /// Inside the axes, top left corner.
    case topLeft
    /// Inside the axes, bottom right corner.
    case bottomRight
    /// Inside the axes, bottom left corner.
    case bottomLeft
    /// Outside the axes, on their right: never covers data, narrows the plot.
    case outsideRight
    /// Outside the axes, under the x label, entries side by side: never covers data.
    case below

    /// The gnuplot command that places the legend.
    var gnuplotCommand: String {
        let inside = "set key inside reverse Left samplen 2.5 spacing 1.15 box lc rgb \"#c8c8c8\" opaque"
        switch self {
        case .automatic, .topRight: return inside + " top right"
        case .topLeft: return inside + " top left"
        case .bottomRight: return inside + " bottom right"
        case .bottomLeft: return inside + " bottom left"
        case .outsideRight: return "set key outside right top vertical reverse Left samplen 2.5 nobox"
        // `height 1`: gnuplot 5.4 reserves too little room for a one-row key below the axes and draws it
        // over the x label; one extra line of height keeps them apart (harmless for longer keys).
        case .below: return "set key outside below center horizontal reverse Left samplen 2.5 nobox height 1"
        case .hidden: return "unset key"
        }
    }
}

/// Resolves ``Legend/automatic`` into a concrete position, by testing which corner box of the plot area
/// the data's lines and markers leave empty.
struct LegendPlacer {
    /// The plot area of the panel in pixels (roughly: the panel minus its margins).
    var areaWidth: Double
    var areaHeight: Double
    /// The figure's font size in points.
    var fontSize: Double

    /// The concrete legend for `panel`: ``Legend/hidden`` when no drawable series has a label.
    func placement(for panel: Panel) -> Legend {
        let drawn = panel.series.map { ($0, $0.drawablePoints(logX: panel.xLogScale, logY: panel.yLogScale)) }
        let labels = drawn.compactMap { series, points in points.isEmpty ? nil : series.label }
        guard !labels.isEmpty else { return .hidden }
        guard panel.legend == .automatic else { return panel.legend }

        // The legend box as a fraction of the plot area, with some slack for gnuplot's own spacing.
        let longest = Double(labels.map { $0.count }.max() ?? 0)
        let width = (longest * 0.62 * fontSize + 5.5 * fontSize) * 1.25 / areaWidth
        let height = (Double(labels.count) * 1.7 * fontSize + 1.5 * fontSize) * 1.25 / areaHeight
        guard width < 0.6, height < 0.6 else { return .below }

        let normalize = Normalizer(panel: panel, points: drawn.flatMap(\.1))
        let corners: [(Legend, Box)] = [
            (.topRight, Box(x0: 1 - width, y0: 1 - height, x1: 1.01, y1: 1.01)),
            (.topLeft, Box(x0: -0.01, y0: 1 - height, x1: width, y1: 1.01)),
            (.bottomRight, Box(x0: 1 - width, y0: -0.01, x1: 1.01, y1: height)),
            (.bottomLeft, Box(x0: -0.01, y0: -0.01, x1: width, y1: height)),
        ]
        for (legend, box) in corners {
            let crossed = drawn.contains { series, points in
                let scaled = points.map(normalize.callAsFunction)
                if series.kind == .scatter {
                    return scaled.contains { box.contains($0, margin: 0.015) }
                }
                return scaled.count == 1 ? box.contains(scaled[0], margin: 0.015)
                    : zip(scaled, scaled.dropFirst()).contains { box.intersects($0, $1) }
            }
            if !crossed { return legend }
        }
        return .below
    }
}

/// Maps data coordinates to [0, 1] over the panel's ranges (fixed, or the data's bounds), log10 on log axes.
private struct Normalizer {
    let logX: Bool, logY: Bool
    let xLow: Double, xSpan: Double, yLow: Double, ySpan: Double

    init(panel: Panel, points: [(x: Double, y: Double)]) {
        let (isLogX, isLogY) = (panel.xLogScale, panel.yLogScale)
        logX = isLogX
        logY = isLogY
        let xs = points.map { Self.axis($0.x, log: isLogX) }
        let ys = points.map { Self.axis($0.y, log: isLogY) }
        let xFixed = panel.xRange.map { (Self.axis($0.lowerBound, log: isLogX), Self.axis($0.upperBound, log: isLogX)) }
        let yFixed = panel.yRange.map { (Self.axis($0.lowerBound, log: isLogY), Self.axis($0.upperBound, log: isLogY)) }
        (xLow, xSpan) = Self.bounds(fixed: xFixed, values: xs)
        (yLow, ySpan) = Self.bounds(fixed: yFixed, values: ys)
    }

    func callAsFunction(_ point: (x: Double, y: Double)) -> (x: Double, y: Double) {
        ((Self.axis(point.x, log: logX) - xLow) / xSpan, (Self.axis(point.y, log: logY) - yLow) / ySpan)
    }

    private static func axis(_ value: Double, log: Bool) -> Double { log ? Foundation.log10(value) : value }

    private static func bounds(fixed: (Double, Double)?, values: [Double]) -> (low: Double, span: Double) {
        if let fixed { return (fixed.0, fixed.1 - fixed.0) }
        guard let low = values.min(), let high = values.max(), high > low else {
            return ((values.first ?? 0) - 1, 2)  // one value: gnuplot centres it
        }
        return (low, high - low)
    }
}

/// An axis-aligned box in normalized plot coordinates.
private struct Box {
    let x0: Double, y0: Double, x1: Double, y1: Double

    func contains(_ p: (x: Double, y: Double), margin: Double) -> Bool {
        p.x >= x0 - margin && p.x <= x1 + margin && p.y >= y0 - margin && p.y <= y1 + margin
    }

    /// Whether the segment from `p` to `q` meets the box (Liang–Barsky clipping).
    func intersects(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double)) -> Bool {
        var enter = 0.0, leave = 1.0
        let dx = q.x - p.x, dy = q.y - p.y
        for (denominator, numerator) in [(-dx, p.x - x0), (dx, x1 - p.x), (-dy, p.y - y0), (dy, y1 - p.y)] {
            if denominator == 0 {
                if numerator < 0 { return false }
                continue
            }
            let t = numerator / denominator
            if denominator < 0 { enter = max(enter, t) } else { leave = min(leave, t) }
            if enter > leave { return false }
        }
        return true
    }
}
