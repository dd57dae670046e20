import Foundation
import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Draws the logged values of some keys against epochs (or iterations) into a PNG in the trainer's
/// output folder, redrawn at each trigger (Chainer's `PlotReport`), e.g. training and validation loss:
/// ```swift
/// let log = LogReport()
/// trainer.extend(log)
/// trainer.extend(PlotReport(["main/loss", "validation/main/loss"], logReport: log, fileName: "loss.png"))
/// ```
/// Beside the PNG it leaves `loss.dat` and `loss.gp` (see ``/KusariPlot/Figure``); without gnuplot only those are
/// written. For a figure a reader sees, give it a `title`, a `yLabel`, legend `labels` instead of the
/// log's keys, and, for figures meant to be compared, the same fixed `yRange`.
public final class PlotReport: Extension {
    /// The logged keys drawn, one line each.
    public let keys: [String]
    /// The log key on the x axis (`epoch` or `iteration`).
    public let xKey: String
    /// The PNG's name in the trainer's output folder; the `.dat` and `.gp` files take the same stem.
    public let fileName: String
    /// Whether the y axis is logarithmic.
    public let yLogScale: Bool
    /// The title above the panel (none by default).
    public let title: String?
    /// The y axis label; by default the key (one key) or "value".
    public let yLabel: String?
    /// Legend entries for keys (`["main/loss": "training loss"]`); a key without one shows as itself.
    public let labels: [String: String]
    /// A fixed y range; nil lets gnuplot fit the data.
    public let yRange: ClosedRange<Double>?
    private let logReport: LogReport
    private let trigger: IntervalTrigger

    /// A plot of `keys` from `logReport`'s entries.
    /// - Parameters:
    ///   - keys: the logged keys to draw.
    ///   - logReport: the ``LogReport`` extension whose entries are drawn (register it too).
    ///   - xKey: the x axis key (default `epoch`).
    ///   - fileName: the PNG file name (default `plot.png`).
    ///   - yLogScale: a logarithmic y axis.
    ///   - title: the title above the panel (none by default).
    ///   - yLabel: the y axis label; by default the key (one key) or "value".
    ///   - labels: legend entries for keys (`["main/loss": "training loss"]`); a key without one shows as itself.
    ///   - yRange: a fixed y range; nil lets gnuplot fit the data.
    ///   - trigger: how often to redraw (default every epoch).
    public init(_ keys: [String], logReport: LogReport, x xKey: String = "epoch", fileName: String = "plot.png",
                yLogScale: Bool = false, title: String? = nil, yLabel: String? = nil, labels: [String: String] = [:],
                yRange: ClosedRange<Double>? = nil, trigger: (Int, TriggerUnit) = (1, .epoch)) {
        self.keys = keys
        self.xKey = xKey
        self.fileName = fileName
        self.yLogScale = yLogScale
        self.title = title
        self.yLabel = yLabel
        self.labels = labels
        self.yRange = yRange
        self.logReport = logReport
        self.trigger = IntervalTrigger(trigger.0, trigger.1)
    }

    public var defaultTrigger: IntervalTrigger { trigger }

    public func callAsFunction(_ trainer: Trainer) throws {
        // A curve needs two points; before that gnuplot would only warn about an empty range.
        guard keys.contains(where: { logReport.series($0, x: xKey).x.count >= 2 }) else { return }
        try figure().save(to: trainer.out.appending(path: fileName))
    }

    /// The figure as it stands now.
    public func figure() -> Figure {
        var panel = Panel(title: title, xLabel: xKey, yLabel: yLabel ?? (keys.count == 1 ? keys[0] : "value"),
                          yLogScale: yLogScale)
        panel.yRange = yRange
        if xKey == "epoch", let last = logReport.log.last?["epoch"], last <= 20 { panel.xTicStep = 1 }
        for key in keys {
            let s = logReport.series(key, x: xKey)
            if !s.x.isEmpty { panel.line(x: s.x, y: s.y, label: labels[key] ?? key) }
        }
        return Figure(panel)
    }
}
