import Foundation
import KusariCore

/// The files written by ``Figure/save(to:)``.
public struct SavedFigure: Sendable, Equatable {
    /// The PNG, or `nil` when gnuplot is not installed.
    public let image: URL?
    /// The data file: one gnuplot `index` block of `x y` rows per series.
    public let data: URL
    /// The standalone gnuplot script that reads ``data`` and draws the PNG.
    public let script: URL
}

extension Figure {
    /// Saves the figure as `name.png`, with `name.dat` (its data) and `name.gp` (a gnuplot script that
    /// redraws it) beside it. Missing folders are created; existing files are replaced.
    ///
    /// When gnuplot is not installed, the PNG is skipped: one line on standard error says how to install it,
    /// and the `.dat` and `.gp` files are still written, so nothing is lost. This is not an error.
    ///
    /// ```swift
    /// let saved = try figure.save(to: URL(fileURLWithPath: "Plots/loss.png"))
    /// print(saved.script.path)  // Plots/loss.gp: `cd Plots && gnuplot loss.gp` redraws loss.png
    /// ```
    /// - Parameter url: A file URL ending in `.png` (or without extension, then `.png` is added). It may not
    ///   contain a single quote or a control character, which would break gnuplot's quoted file names.
    /// - Returns: The URLs of the written files.
    /// - Throws: ``PlotError``: an invalid path or setting, a file that cannot be written, or gnuplot running
    ///   without producing the PNG (its message is on standard error).
    @discardableResult
    public func save(to url: URL) throws -> SavedFigure {
        try save(to: url, using: .system)
    }

    /// ``save(to:)`` with a given gnuplot, so that tests can simulate a missing one.
    @discardableResult
    func save(to url: URL, using gnuplot: Gnuplot) throws -> SavedFigure {
        try validate()
        let files = try FigureFiles(url)
        try files.createFolder()
        let data = PlotData(figure: self)
        let script = GnuplotScript(
            figure: self, data: data, dataFile: files.data.lastPathComponent,
            imageFile: files.image.lastPathComponent, scriptFile: files.script.lastPathComponent)
        try files.write(data.text(for: self), to: files.data)
        try files.write(script.text, to: files.script)

        guard gnuplot.isAvailable else {
            let message = "Kusari: gnuplot is not installed, so \(files.image.lastPathComponent) was not drawn "
                + "(\(files.data.lastPathComponent) and \(files.script.lastPathComponent) were written); "
                + "install it with `\(Plotting.installCommand)`, then run "
                + "`cd \(files.folder.path) && gnuplot \(files.script.lastPathComponent)`.\n"
            FileHandle.standardError.write(Data(message.utf8))
            return SavedFigure(image: nil, data: files.data, script: files.script)
        }
        try files.removeStaleImage()
        let status = gnuplot.runScript(at: files.script)
        guard files.imageExists else {
            throw PlotError.gnuplotFailed(script: files.script.path, status: status)
        }
        return SavedFigure(image: files.image, data: files.data, script: files.script)
    }
}
