import Foundation
import KusariCore

/// The `name.dat` file of a figure: one block of `x y` rows per drawn series, blocks separated by two blank
/// lines so that gnuplot selects them with `index` (0, 1, 2, … in the order panels and series appear).
///
/// A series with no drawable point (empty, all NaN, or nothing positive on a log axis) gets no block and is
/// not plotted: gnuplot would stop with "all points undefined".
struct PlotData {
    /// One drawn series: which panel and series it is, and its gnuplot `index` in the data file.
    struct Block {
        var panel: Int
        var series: Int
        var index: Int
    }

    /// The drawn series of each panel, in drawing order.
    let blocks: [[Block]]

    init(figure: Figure) {
        var next = 0
        blocks = figure.panels.enumerated().map { panelIndex, panel in
            panel.series.indices.compactMap { seriesIndex in
                let series = panel.series[seriesIndex]
                guard !series.drawablePoints(logX: panel.xLogScale, logY: panel.yLogScale).isEmpty else {
                    return nil
                }
                defer { next += 1 }
                return Block(panel: panelIndex, series: seriesIndex, index: next)
            }
        }
    }

    /// The number of blocks in the data file.
    var blockCount: Int { blocks.reduce(0) { $0 + $1.count } }

    /// The text of the data file.
    func text(for figure: Figure) -> String {
        var text = "# Kusari figure data"
        if let title = figure.title { text += ": " + GnuplotText.comment(title) }
        text += "\n# Two columns, x and y. One block per series; blocks are separated by two blank lines and\n"
        text += "# numbered from 0 (gnuplot: plot 'file.dat' index 0 using 1:2). NaN marks a missing value.\n"
        let rows = blocks.joined().reduce(0) { $0 + figure.panels[$1.panel].series[$1.series].x.count }
        text.reserveCapacity(text.utf8.count + rows * 24)
        for block in blocks.joined() {
            let series = figure.panels[block.panel].series[block.series]
            if block.index > 0 { text += "\n\n" }
            text += "# index \(block.index): panel \(block.panel + 1), series \(block.series + 1)"
            if let label = series.label { text += ", " + GnuplotText.comment(label) }
            text += "\n"
            for (x, y) in zip(series.x, series.y) {
                text += GnuplotText.number(x)
                text += " "
                text += GnuplotText.number(y)
                text += "\n"
            }
        }
        return text
    }
}
