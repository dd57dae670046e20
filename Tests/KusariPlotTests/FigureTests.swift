import Foundation
import CGnuplot
import Testing

import Kusari
@testable import KusariPlot

/// Saving figures: the PNG drawn by gnuplot, the `.dat` data and the `.gp` script beside it.
///
/// Set `KUSARI_PLOT_TEST_DIR` to keep the files in that folder for a look; otherwise each test writes into
/// a fresh temporary folder and removes it.
@Suite("Figure")
struct FigureTests {
    // MARK: - Fixtures

    /// A fresh folder for one test, and a closure that removes it (unless `KUSARI_PLOT_TEST_DIR` is set).
    private func makeFolder(_ name: String) throws -> (URL, () -> Void) {
        if let kept = ProcessInfo.processInfo.environment["KUSARI_PLOT_TEST_DIR"], !kept.isEmpty {
            let folder = URL(fileURLWithPath: kept).appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return (folder, {})
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kusari-figure-tests-\(UUID().uuidString)")
            .appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder, { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) })
    }

    /// Panel 1: two loss curves on a log y axis. Panel 2: a noisy sine (scatter) and the clean one (line).
    private func trainingFigure() -> Figure {
        let epochs = (1...50).map(Double.init)
        var loss = Panel(title: "Loss", xLabel: "epoch", yLabel: "mean squared error", yLogScale: true)
        loss.line(x: epochs, y: epochs.map { 0.5 * exp(-$0 / 8) + 0.004 }, label: "train")
        loss.line(x: epochs, y: epochs.map { 0.6 * exp(-$0 / 9) + 0.008 }, label: "test", style: .init(dash: .dashed))

        let t = (0..<200).map { Double($0) * 0.05 }
        var generator = SystemRandomNumberGenerator()
        let noisy = t.map { sin($0) + Double.random(in: -0.15...0.15, using: &generator) }
        var fit = Panel(title: "Prediction", xLabel: "t", yLabel: "y")
        fit.scatter(x: t, y: noisy, label: "noisy sin(t)")
        fit.line(x: t, y: t.map(sin), label: "sin(t)")
        return Figure(panels: [loss, fit], columns: 2, title: "Noisy sine: training")
    }

    private func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// The width and height stored in a PNG's IHDR chunk, or `nil` when `data` is not a PNG.
    private func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let magic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let bytes = [UInt8](data)
        guard bytes.count > 24, Array(bytes[0..<8]) == magic else { return nil }
        let integer = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (integer(16), integer(20))
    }

    /// Data rows (not comments, not blank) in each block of a `.dat` file.
    private func rowsPerBlock(_ data: String) -> [Int] {
        data.components(separatedBy: "\n\n\n").map { block in
            block.split(separator: "\n").filter { !$0.hasPrefix("#") }.count
        }
    }

    // MARK: - Tests

    @Test(.enabled(if: Plotting.isGnuplotAvailable))
    func twoPanelFigureWritesPNGDataAndScript() throws {
        let (folder, cleanUp) = try makeFolder("two-panels")
        defer { cleanUp() }
        let figure = trainingFigure()
        let saved = try figure.save(to: folder.appendingPathComponent("training.png"))

        let image = try #require(saved.image)
        let size = try #require(pngSize(try Data(contentsOf: image)))
        #expect(size.width == 1200 && size.height == 500)
        #expect(figure.pixelSize == Figure.Size(width: 1200, height: 500))

        let data = try text(saved.data)
        #expect(saved.data.lastPathComponent == "training.dat")
        #expect(rowsPerBlock(data) == [50, 50, 200, 200])

        let script = try text(saved.script)
        #expect(saved.script.lastPathComponent == "training.gp")
        #expect(script.contains("set output 'training.png'"))
        #expect(script.contains("set multiplot layout 1,2"))
        #expect(script.contains("set logscale y 10"))
        for index in 0..<4 { #expect(script.contains("'training.dat' index \(index) using 1:2")) }
        #expect(!script.contains(folder.path), "the script must use relative paths")
    }

    @Test(.enabled(if: Plotting.isGnuplotAvailable))
    func scriptRedrawsThePNGFromItsFolder() throws {
        let (folder, cleanUp) = try makeFolder("rerun")
        defer { cleanUp() }
        var panel = Panel(xLabel: "x")
        panel.line(y: [3, 1, 2], label: "y")
        let saved = try Figure(panel).save(to: folder.appendingPathComponent("small"))
        let image = try #require(saved.image)
        #expect(image.lastPathComponent == "small.png")
        try FileManager.default.removeItem(at: image)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gnuplot", "small.gp"]
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(pngSize(try Data(contentsOf: image)).map { $0.width == 800 && $0.height == 500 } == true)
    }

    @Test(.enabled(if: Plotting.isGnuplotAvailable))
    func titlesAndLabelsWithQuotesAreEscapedAndRender() throws {
        let (folder, cleanUp) = try makeFolder("quotes")
        defer { cleanUp() }
        let title = #"It's a "quoted" title with `echo injected` and a \ backslash"#
        var panel = Panel(title: title, xLabel: "x_axis 'primed'", yLabel: "y\nsecond line")
        panel.line(x: [1, 2, 3], y: [1, 4, 9], label: #"say "hi""#)
        let saved = try Figure(panel).save(to: folder.appendingPathComponent("quotes.png"))

        #expect(pngSize(try Data(contentsOf: try #require(saved.image))) != nil)
        let script = try text(saved.script)
        #expect(script.contains(#"set title "It's a \"quoted\" title with \140echo injected\140 and a \\ backslash""#))
        #expect(script.contains(#"set ylabel "y\nsecond line""#))
        #expect(script.contains(#"title "say \"hi\"""#))
        #expect(!script.contains("`"), "a backquote would run a shell command, even inside double quotes")
    }

    @Test func invalidPathsThrow() throws {
        let (folder, cleanUp) = try makeFolder("invalid")
        defer { cleanUp() }
        var panel = Panel()
        panel.line(y: [1, 2])
        let figure = Figure(panel)

        #expect(throws: PlotError.self) { try figure.save(to: folder.appendingPathComponent("it's.png")) }
        #expect(throws: PlotError.self) { try figure.save(to: folder.appendingPathComponent("plot.jpg")) }
        #expect(throws: PlotError.self) { try figure.save(to: folder.appendingPathComponent("a\nb.png")) }
        #expect(throws: PlotError.self) { try figure.save(to: folder.appendingPathComponent("<rm.png")) }
        #expect(throws: PlotError.self) { try figure.save(to: try #require(URL(string: "https://example.com/a.png"))) }

        let file = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        do {
            try figure.save(to: file.appendingPathComponent("plot.png"))
            Issue.record("saving under a regular file should throw")
        } catch let PlotError.invalidPath(path, reason) {
            #expect(path.hasSuffix("not-a-folder/plot.png"))
            #expect(reason.contains("folder"))
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left == ["not-a-folder"], "a rejected path writes nothing")
    }

    @Test func missingGnuplotStillWritesDataAndScript() throws {
        let (folder, cleanUp) = try makeFolder("no-gnuplot")
        defer { cleanUp() }
        var panel = Panel()
        panel.scatter(x: [1, 2, 3], y: [2, 1, 3], label: "points")
        let missing = Gnuplot(command: "kusari-no-such-gnuplot")
        #expect(!missing.isAvailable)

        let saved = try Figure(panel).save(to: folder.appendingPathComponent("fallback.png"), using: missing)
        #expect(saved.image == nil)
        #expect(FileManager.default.fileExists(atPath: saved.data.path))
        #expect(FileManager.default.fileExists(atPath: saved.script.path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("fallback.png").path))
    }

    @Test func gnuplotThatWritesNoPNGThrowsNamingTheScript() throws {
        let (folder, cleanUp) = try makeFolder("silent")
        defer { cleanUp() }
        var panel = Panel()
        panel.line(y: [1, 2])
        // `true` accepts `--version` and ignores its input: it "runs" but draws nothing.
        do {
            let silent = Gnuplot(command: "true")
            try Figure(panel).save(to: folder.appendingPathComponent("silent.png"), using: silent)
            Issue.record("a run without a PNG should throw")
        } catch let PlotError.gnuplotFailed(script, _) {
            #expect(script.hasSuffix("silent.gp"))
        }
    }

    @Test func gnuplotExitingEarlyDoesNotKillTheProcess() {
        // `true` exits without reading: writing 200 kB (more than a pipe holds) into its pipe raises SIGPIPE,
        // which CGnuplot blocks, so the write fails quietly instead of terminating the test process.
        let status = Gnuplot(command: "true").run(String(repeating: "# padding\n", count: 20_000))
        #expect(status == Int(KUSARI_GNUPLOT_WRITE_FAILED))
    }

    @Test func mismatchedLengthsAndBadStylesThrow() {
        var panel = Panel()
        panel.line(x: [1, 2, 3], y: [1, 2], label: "short")
        #expect(throws: PlotError.mismatchedLengths(series: #"1 ("short") of panel 1"#, xCount: 3, yCount: 2)) {
            try Figure(panel).validate()
        }
        var styled = Panel()
        styled.line(y: [1, 2], style: .init(color: "red\" lw 9"))
        #expect(throws: PlotError.self) { try Figure(styled).validate() }
        styled.series[0].style = .init(color: "#12ab9F", lineWidth: 0)
        #expect(throws: PlotError.self) { try Figure(styled).validate() }
    }

    @Test(.enabled(if: Plotting.isGnuplotAvailable))
    func emptySeriesAndEmptyPanelsStillRender() throws {
        let (folder, cleanUp) = try makeFolder("empty")
        defer { cleanUp() }
        var figure = Figure(title: "Sparse", rows: 2, columns: 2)
        figure[0, 0].line(x: [], y: [], label: "nothing")
        figure[0, 0].line(x: [1, 2, 3], y: [1, .nan, 3], label: "gap")
        figure[0, 1].yLogScale = true
        figure[0, 1].line(x: [1, 2], y: [-1, 0], label: "not positive")
        figure[1, 0].scatter(x: [0, 1], y: [0, 1])
        let saved = try figure.save(to: folder.appendingPathComponent("sparse.png"))

        #expect(pngSize(try Data(contentsOf: try #require(saved.image))).map { $0.height } == 840)
        let data = try text(saved.data)
        #expect(rowsPerBlock(data) == [3, 2])
        #expect(data.contains("2.0 NaN\n"))
        #expect(try text(saved.script).contains("plot NaN notitle"))
    }

    @Test func textIsEscapedForGnuplot() {
        #expect(GnuplotText.quoted("plain") == #""plain""#)
        #expect(GnuplotText.quoted("a\"b\\c`d\te\u{7}") == #""a\"b\\c\140d\te""#)
        #expect(GnuplotText.fileName("it's") == "'it''s'")
        #expect(GnuplotText.number(.infinity) == "NaN")
        #expect(GnuplotText.number(1e-5) == "1e-05")
    }

    @Test func automaticLegendAvoidsTheData() {
        let placer = LegendPlacer(areaWidth: 700, areaHeight: 420, fontSize: 11)
        let x = (0...100).map { Double($0) / 10 }

        var falling = Panel()
        falling.line(x: x, y: x.map { exp(-$0) }, label: "loss")
        #expect(placer.placement(for: falling) == .topRight)

        var rising = Panel()
        rising.line(x: x, y: x, label: "identity")
        #expect([.topLeft, .bottomRight].contains(placer.placement(for: rising)))

        var everywhere = Panel()
        everywhere.line(x: x, y: x.map { sin(4 * $0) }, label: "fast sine")
        #expect(placer.placement(for: everywhere) == .below)

        var unlabelled = Panel()
        unlabelled.line(x: x, y: x)
        #expect(placer.placement(for: unlabelled) == .hidden)

        var fixed = falling
        fixed.legend = .bottomLeft
        #expect(placer.placement(for: fixed) == .bottomLeft)
    }
}
