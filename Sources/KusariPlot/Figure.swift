import Foundation
import KusariCore

/// A figure: one or more ``Panel``s in a grid, saved as a PNG drawn by gnuplot.
///
/// Saving writes three files side by side: `name.png`, `name.dat` (the data, one gnuplot `index` block per
/// series) and `name.gp` (a standalone gnuplot script that reads `name.dat` and draws `name.png`), so the
/// figure can be restyled later with `cd folder && gnuplot name.gp`.
///
/// ```swift
/// var loss = Panel(title: "Loss", xLabel: "epoch", yLabel: "MSE", yLogScale: true)
/// loss.line(x: epochs, y: trainLoss, label: "train")
///
/// var fit = Panel(title: "Prediction", xLabel: "t")
/// fit.scatter(x: t, y: noisy, label: "data")
/// fit.line(x: t, y: predicted, label: "model")
///
/// let figure = Figure(panels: [loss, fit], columns: 2, title: "Noisy sine")
/// try figure.save(to: URL(fileURLWithPath: "Plots/noisy-sine.png"))
/// ```
public struct Figure: Sendable, Equatable {
    /// A size in pixels.
    public struct Size: Sendable, Equatable {
        /// Width in pixels.
        public var width: Int
        /// Height in pixels.
        public var height: Int

        /// Creates a size in pixels.
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    /// The title above all panels, or `nil` for none.
    public var title: String?
    /// The panels, row by row (row-major): with 2 columns, panels 0 and 1 form the first row.
    public var panels: [Panel]
    /// The number of columns of the grid (at least 1). The number of rows follows from the panel count.
    public var columns: Int
    /// The size of the PNG, or `nil` for ``defaultSize(rows:columns:)``.
    public var size: Size?
    /// The font size in points for titles, labels, tics and the legend.
    public var fontSize: Double
    /// Whether text uses gnuplot's *enhanced* syntax (`x^2`, `a_{ij}`, `{/Symbol a}`). Off by default, so
    /// labels such as `train_loss` show literally.
    public var enhancedText: Bool

    /// Creates a figure with an empty grid of `rows × columns` panels, to fill through
    /// ``subscript(_:_:)``.
    /// - Parameters:
    ///   - title: The title above all panels.
    ///   - rows: The number of rows (at least 1).
    ///   - columns: The number of columns (at least 1).
    ///   - size: The PNG size in pixels, or `nil` for a default that grows with the grid.
    public init(title: String? = nil, rows: Int = 1, columns: Int = 1, size: Size? = nil) {
        require(rows >= 1 && columns >= 1, "Figure needs at least one row and one column")
        self.init(panels: Array(repeating: Panel(), count: rows * columns), columns: columns, title: title, size: size)
    }

    /// Creates a figure holding a single panel.
    /// - Parameters:
    ///   - panel: The panel.
    ///   - title: The figure title; with a single untitled panel it simply becomes the panel's title.
    ///   - size: The PNG size in pixels, or `nil` for 800 × 500.
    public init(_ panel: Panel, title: String? = nil, size: Size? = nil) {
        self.init(panels: [panel], columns: 1, title: title, size: size)
    }

    /// Creates a figure laying `panels` out row by row in a grid of `columns` columns.
    /// - Parameters:
    ///   - panels: The panels, row-major.
    ///   - columns: The number of columns (at least 1).
    ///   - title: The title above all panels.
    ///   - size: The PNG size in pixels, or `nil` for a default that grows with the grid.
    public init(panels: [Panel], columns: Int = 1, title: String? = nil, size: Size? = nil) {
        require(columns >= 1, "Figure needs at least one column")
        self.title = title
        self.panels = panels
        self.columns = columns
        self.size = size
        self.fontSize = 11
        self.enhancedText = false
    }

    /// The number of rows of the grid.
    public var rows: Int { max(1, (panels.count + columns - 1) / max(1, columns)) }

    /// The panel at `row`, `column` (both from 0).
    public subscript(row: Int, column: Int) -> Panel {
        get { panels[index(row: row, column: column)] }
        set { panels[index(row: row, column: column)] = newValue }
    }

    /// The size the PNG will have: ``size`` if set, else ``defaultSize(rows:columns:)``.
    public var pixelSize: Size { size ?? Self.defaultSize(rows: rows, columns: columns) }

    /// The default PNG size: 800 × 500 for one panel; 600 × 420 per panel (at least 800 wide) for a grid.
    public static func defaultSize(rows: Int, columns: Int) -> Size {
        if rows <= 1 && columns <= 1 { return Size(width: 800, height: 500) }
        return Size(width: max(800, 600 * columns), height: max(500, 420 * rows))
    }

    private func index(row: Int, column: Int) -> Int {
        require(column >= 0 && column < columns && row >= 0, "Panel (\(row), \(column)) is outside the grid")
        return row * columns + column
    }

    /// Throws ``PlotError`` for a setting gnuplot cannot draw.
    func validate() throws {
        guard columns >= 1 else { throw PlotError.invalidSetting("columns is \(columns); use at least 1") }
        guard !panels.isEmpty else { throw PlotError.invalidSetting("the figure has no panels") }
        let size = pixelSize
        guard (100...20_000).contains(size.width), (100...20_000).contains(size.height) else {
            throw PlotError.invalidSetting("size \(size.width)×\(size.height); use 100 to 20000 pixels a side")
        }
        guard fontSize.isFinite, fontSize >= 4, fontSize <= 100 else {
            throw PlotError.invalidSetting("fontSize \(fontSize); use 4 to 100 points")
        }
        for (index, panel) in panels.enumerated() {
            try panel.validate(panelName: "panel \(index + 1)")
        }
    }
}
