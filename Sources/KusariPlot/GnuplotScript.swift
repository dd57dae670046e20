import Foundation
import KusariCore

/// The `name.gp` file of a figure: a standalone, commented gnuplot script that reads `name.dat` (by a path
/// relative to its own folder) and draws `name.png`.
struct GnuplotScript {
    /// The series colours, matplotlib's "tab10": readable on white and distinct for most colour vision.
    static let palette = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    let figure: Figure
    let data: PlotData
    /// The data file name, relative to the script's folder.
    let dataFile: String
    /// The PNG file name, relative to the script's folder.
    let imageFile: String
    /// The script's own file name, for the header comment.
    let scriptFile: String

    /// The text of the script.
    var text: String {
        var lines = header() + terminal() + style()
        let multiplot = usesMultiplot
        if multiplot {
            var layout = "set multiplot layout \(figure.rows),\(figure.columns) rowsfirst"
            if let title = figure.title {
                layout += " title \(GnuplotText.quoted(title)) font \",\(fontSize(+2))\""
            }
            lines.append(layout)
        }
        for (index, panel) in figure.panels.enumerated() {
            lines.append("")
            lines += self.panel(panel, index: index, title: multiplot ? panel.title : panel.title ?? figure.title)
        }
        lines.append("")
        if multiplot { lines.append("unset multiplot") }
        lines.append("set output  # closes \(imageFile)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A grid, or a single panel with both a figure title and a panel title, needs gnuplot's multiplot mode.
    private var usesMultiplot: Bool {
        figure.panels.count > 1 || (figure.title != nil && figure.panels.first?.title != nil)
    }

    private func header() -> [String] {
        [
            "# Kusari figure" + (figure.title.map { ": " + GnuplotText.comment($0) } ?? ""),
            "# Draws \(imageFile) from \(dataFile) (one data block per series, chosen with index).",
            "# To restyle it, edit this file and run it from its folder:  gnuplot \(scriptFile)",
            "",
        ]
    }

    private func terminal() -> [String] {
        let size = figure.pixelSize
        let options = "size \(size.width),\(size.height) \(figure.enhancedText ? "enhanced" : "noenhanced")"
            + " font \"Sans,\(fontSize())\""
        return [
            "# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.",
            "if (strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0) {",
            "    set terminal pngcairo \(options)",
            "} else {",
            "    set terminal png \(options)",
            "}",
            "set output \(GnuplotText.fileName(imageFile))",
            "set encoding utf8",
            "set minussign  # tic labels get a real minus sign (U+2212), not a hyphen",
            "",
        ]
    }

    private func style() -> [String] {
        var lines = ["# Series 1, 2, ... of each panel use line types 1, 2, ...: colour, width, marker (pt 7: disc)."]
        for (index, color) in Self.palette.enumerated() {
            lines.append("set linetype \(index + 1) lc rgb \"\(color)\" lw 2 pt 7 ps 0.8 dt solid")
        }
        lines += [
            "set linetype cycle \(Self.palette.count)",
            "set border 3 lc rgb \"#404040\"  # left and bottom axes only",
            "set tics nomirror out scale 0.6 textcolor rgb \"#303030\"",
            "set style line 100 lc rgb \"#e6e6e6\" lw 1 dt solid  # the grid",
        ]
        return lines
    }

    private func panel(_ panel: Panel, index: Int, title: String?) -> [String] {
        let row = index / figure.columns + 1, column = index % figure.columns + 1
        var lines = ["# Panel \(index + 1) of \(figure.panels.count) (row \(row), column \(column))"]
        if let title {
            lines += ["set title \(GnuplotText.quoted(title)) font \",\(fontSize(+1))\"", "set tmargin  # automatic"]
        } else {
            lines += ["unset title", "set tmargin 2  # room above the top tic label"]
        }
        lines.append(panel.xLabel.map { "set xlabel \(GnuplotText.quoted($0))" } ?? "unset xlabel")
        lines.append(panel.yLabel.map { "set ylabel \(GnuplotText.quoted($0))" } ?? "unset ylabel")
        lines.append("unset logscale")
        let blocks = data.blocks[index]
        for (axis, isLog, range) in [("x", panel.xLogScale, panel.xRange), ("y", panel.yLogScale, panel.yRange)] {
            if isLog { lines.append("set logscale \(axis) 10") }
            lines.append("set format \(axis) \"\(isLog ? "%g" : "% h")\"")
            if let range {
                lines.append("set \(axis)range [\(GnuplotText.number(range.lowerBound)):"
                    + "\(GnuplotText.number(range.upperBound))]")
            } else if blocks.isEmpty {
                lines.append("set \(axis)range [\(isLog ? "1:10" : "0:1")]  # nothing to draw: an empty frame")
            } else {
                lines.append("set \(axis)range [*:*]")
            }
        }
        if let step = panel.xTicStep, step > 0, !panel.xLogScale {
            lines.append("set xtics \(GnuplotText.number(step))")
        } else {
            lines.append("set xtics autofreq")
        }
        lines.append(panel.grid ? "set grid xtics ytics linestyle 100" : "unset grid")
        lines.append(legendPlacer(panel).placement(for: panel).gnuplotCommand)
        guard !blocks.isEmpty else { return lines + ["plot NaN notitle"] }
        let clauses = blocks.enumerated().map { position, block in
            plotClause(panel.series[block.series], index: block.index, lineType: position % Self.palette.count + 1)
        }
        lines.append("plot " + clauses.joined(separator: ", \\\n     "))
        return lines
    }

    private func plotClause(_ series: Series, index: Int, lineType: Int) -> String {
        var clause = "\(GnuplotText.fileName(dataFile)) index \(index) using 1:2"
        switch series.kind {
        case .line: clause += " with lines"
        case .scatter: clause += " with points"
        case .linesPoints: clause += " with linespoints"
        }
        clause += " lt \(lineType)"
        let style = series.style
        if let color = style.color { clause += " lc rgb \"\(color)\"" }
        if let width = style.lineWidth, series.kind != .scatter { clause += " lw \(GnuplotText.number(width))" }
        if let size = style.pointSize, series.kind != .line { clause += " ps \(GnuplotText.number(size))" }
        if style.dash != .solid, series.kind != .scatter { clause += " dt \(style.dash.gnuplotDashType)" }
        clause += series.label.map { " title \(GnuplotText.quoted($0))" } ?? " notitle"
        return clause
    }

    /// Estimates the plot area of one panel in pixels, for placing an automatic legend.
    private func legendPlacer(_ panel: Panel) -> LegendPlacer {
        let size = figure.pixelSize
        let font = figure.fontSize
        let titleSpace = usesMultiplot && figure.title != nil ? 2.5 * font : 0
        let panelWidth = Double(size.width) / Double(figure.columns)
        let panelHeight = (Double(size.height) - titleSpace) / Double(figure.rows)
        let left = (panel.yLabel == nil ? 6 : 8) * font, bottom = (panel.xLabel == nil ? 2.5 : 4.5) * font
        let top = (panel.title == nil ? 1.5 : 3) * font
        return LegendPlacer(
            areaWidth: max(panelWidth - left - 2 * font, 50),
            areaHeight: max(panelHeight - bottom - top, 50),
            fontSize: font)
    }

    /// The font size in points, plus `offset`, as gnuplot text.
    private func fontSize(_ offset: Double = 0) -> String {
        let size = figure.fontSize + offset
        return size == size.rounded() ? String(Int(size)) : GnuplotText.number(size)
    }
}
