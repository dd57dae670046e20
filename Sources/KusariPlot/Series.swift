import Foundation
import KusariCore

/// One set of (x, y) points drawn in a ``Panel``: a line, a scatter of points, or both.
///
/// ```swift
/// let train = Series.line(x: epochs, y: trainLoss, label: "train")
/// let noisy = Series.scatter(x: t, y: observed, label: "observed", style: .init(pointSize: 0.5))
/// ```
public struct Series: Sendable, Equatable {
    /// How the points of a series are drawn.
    public enum Kind: Sendable, Equatable {
        /// Consecutive points joined by straight segments (gnuplot `with lines`).
        case line
        /// Each point drawn as a marker, not joined (gnuplot `with points`).
        case scatter
        /// Markers joined by segments (gnuplot `with linespoints`).
        case linesPoints
    }

    /// How the points are drawn.
    public var kind: Kind
    /// The x coordinates, one per point.
    public var x: [Double]
    /// The y coordinates, one per point; must have as many values as ``x``.
    public var y: [Double]
    /// The legend entry, or `nil` to leave the series out of the legend.
    public var label: String?
    /// Colour, widths and dash pattern; the defaults follow the figure's palette.
    public var style: SeriesStyle

    /// Creates a series.
    ///
    /// Non-finite values (NaN, ±infinity) leave a gap: gnuplot skips them. On a logarithmic axis, values
    /// that are not positive are skipped too. Lengths are checked when the figure is saved.
    /// - Parameters:
    ///   - kind: How the points are drawn.
    ///   - x: The x coordinates.
    ///   - y: The y coordinates, as many as `x`.
    ///   - label: The legend entry, or `nil` for none.
    ///   - style: Colour, widths and dash pattern.
    public init(kind: Kind, x: [Double], y: [Double], label: String? = nil, style: SeriesStyle = .init()) {
        self.kind = kind
        self.x = x
        self.y = y
        self.label = label
        self.style = style
    }

    /// A line through the points `(x[i], y[i])`.
    public static func line(
        x: [Double], y: [Double], label: String? = nil, style: SeriesStyle = .init()
    ) -> Series {
        Series(kind: .line, x: x, y: y, label: label, style: style)
    }

    /// Unjoined markers at the points `(x[i], y[i])`.
    public static func scatter(
        x: [Double], y: [Double], label: String? = nil, style: SeriesStyle = .init()
    ) -> Series {
        Series(kind: .scatter, x: x, y: y, label: label, style: style)
    }

    /// The number of points, or `nil` when ``x`` and ``y`` differ in length.
    var pointCount: Int? { x.count == y.count ? x.count : nil }

    /// The points gnuplot can draw on axes with the given scales: finite, and positive on a log axis.
    func drawablePoints(logX: Bool, logY: Bool) -> [(x: Double, y: Double)] {
        zip(x, y).compactMap { px, py in
            guard px.isFinite, py.isFinite, !logX || px > 0, !logY || py > 0 else { return nil }
            return (px, py)
        }
    }
}

/// The look of one ``Series``: colour, line width, marker size and dash pattern.
///
/// Every property left `nil` follows the figure's defaults (a ten-colour palette, lines 2 px wide,
/// markers of size 0.8), so `SeriesStyle()` is a good start.
public struct SeriesStyle: Sendable, Equatable {
    /// A line's dash pattern.
    public enum Dash: Sendable, Equatable {
        /// An unbroken line.
        case solid
        /// Long dashes.
        case dashed
        /// Dots.
        case dotted
        /// Alternating dashes and dots.
        case dashDot

        /// gnuplot's `dashtype` pattern for this dash.
        var gnuplotDashType: String {
            switch self {
            case .solid: return "solid"
            case .dashed: return "(8,5)"
            case .dotted: return "(2,3)"
            case .dashDot: return "(8,4,1,4)"
            }
        }
    }

    /// A colour as `"#rrggbb"` or a gnuplot colour name such as `"black"` or `"dark-red"`; `nil` takes the
    /// next palette colour.
    public var color: String?
    /// Line width in pixels (at the default font size); `nil` means 2.
    public var lineWidth: Double?
    /// Marker size, as a multiple of gnuplot's default marker; `nil` means 0.8.
    public var pointSize: Double?
    /// The line's dash pattern.
    public var dash: Dash

    /// Creates a style; every argument is optional.
    /// - Parameters:
    ///   - color: `"#rrggbb"` or a gnuplot colour name; `nil` for the palette colour.
    ///   - lineWidth: Line width; `nil` for the default (2).
    ///   - pointSize: Marker size; `nil` for the default (0.8).
    ///   - dash: The dash pattern of lines.
    public init(color: String? = nil, lineWidth: Double? = nil, pointSize: Double? = nil, dash: Dash = .solid) {
        self.color = color
        self.lineWidth = lineWidth
        self.pointSize = pointSize
        self.dash = dash
    }

    /// Throws ``PlotError/invalidSetting(_:)`` when a value would break or confuse gnuplot.
    func validate(seriesName: String) throws {
        if let color {
            let isHex = color.count == 7 && color.first == "#" && color.dropFirst().allSatisfy(\.isHexDigit)
            let isName = !color.isEmpty && color.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            guard isHex || isName else {
                throw PlotError.invalidSetting(
                    "series \(seriesName) has colour \"\(color)\"; use \"#rrggbb\" or a gnuplot colour name")
            }
        }
        for (name, value) in [("lineWidth", lineWidth), ("pointSize", pointSize)] {
            if let value, !(value.isFinite && value > 0) {
                throw PlotError.invalidSetting("series \(seriesName) has \(name) \(value); use a positive number")
            }
        }
    }
}
