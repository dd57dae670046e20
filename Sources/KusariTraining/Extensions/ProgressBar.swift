import Foundation
import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// A terminal progress bar with the percentage done, iterations per second and the estimated time left
/// (Chainer's `ProgressBar`):
/// ```
///  [##########..........................]  28.00%  420 iter / 1500  epoch 28 / 100
///  312.4 iters/sec. ETA 0:00:03
/// ```
/// It redraws in place every `updateInterval` iterations, and stays quiet when standard output is not a
/// terminal (logs and CI stay clean).
public final class ProgressBar: Extension {
    private let length: (Int, TriggerUnit)
    private let updateInterval: Int
    private let barWidth: Int
    let enabled: Bool
    private let write: (String) -> Void
    private var started: Date?
    private var startIteration = 0
    private var startFraction = 0.0
    private var drawn = false

    /// A bar for a run of `trainingLength`, e.g. `(100, .epoch)`.
    /// `forceEnabled` draws it even when standard output is not a terminal.
    public convenience init(trainingLength: (Int, TriggerUnit), updateInterval: Int = 10, barWidth: Int = 40,
                            forceEnabled: Bool = false) {
        self.init(trainingLength: trainingLength, updateInterval: updateInterval, barWidth: barWidth,
                  enabled: forceEnabled || isatty(STDOUT_FILENO) == 1) { text in
            print(text, terminator: "")
            fflush(nil)  // flush every C stream (stdout included)
        }
    }

    /// A bar that draws when `enabled`, handing its text to `write` (tests capture it here).
    init(trainingLength: (Int, TriggerUnit), updateInterval: Int, barWidth: Int, enabled: Bool,
         write: @escaping (String) -> Void) {
        self.length = trainingLength
        self.updateInterval = max(updateInterval, 1)
        self.barWidth = barWidth
        self.enabled = enabled
        self.write = write
    }

    public func initialize(_ trainer: Trainer) throws {
        started = Date()
        startIteration = trainer.updater.iteration
        startFraction = fraction(iteration: startIteration, epochDetail: trainer.updater.epochDetail)
    }

    /// How much of the run is done, in [0, 1].
    private func fraction(iteration: Int, epochDetail: Double) -> Double {
        let f = length.1 == .epoch ? epochDetail / Double(length.0) : Double(iteration) / Double(length.0)
        return min(max(f, 0), 1)
    }

    public func callAsFunction(_ trainer: Trainer) throws {
        let updater = trainer.updater
        guard enabled, updater.iteration % updateInterval == 0 else { return }
        write(render(iteration: updater.iteration, epochDetail: updater.epochDetail))
        drawn = true
    }

    public func finalize(_ trainer: Trainer) {
        if enabled && drawn {
            write(render(iteration: trainer.updater.iteration, epochDetail: trainer.updater.epochDetail) + "\n")
        }
    }

    /// The two lines of the bar for the given position (with cursor movement to redraw in place).
    func render(iteration: Int, epochDetail: Double) -> String {
        let clamped = fraction(iteration: iteration, epochDetail: epochDetail)
        let filled = Int((clamped * Double(barWidth)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        let seconds = started.map { Date().timeIntervalSince($0) } ?? 0
        let rate = seconds > 0 ? Double(iteration - startIteration) / seconds : 0
        // Time per unit of progress so far, times the progress still to go.
        let progressed = clamped - startFraction
        let remaining = progressed > 0 ? seconds * (1 - clamped) / progressed : 0
        let total = length.1 == .iteration ? "\(iteration) / \(length.0) iterations"
                                           : "epoch \(Int(epochDetail)) / \(length.0)"
        let percent = String(format: "%6.2f%%", clamped * 100)
        let line1 = " [\(bar)] \(percent)  \(total)"
        let line2 = String(format: " %.1f iters/sec. ETA %@", rate, formatDuration(remaining))
        // \r to column 0; ESC[K clears the rest of the line; ESC[1A moves up to redraw both lines.
        return (drawn ? "\u{1B}[1A\r" : "") + line1 + "\u{1B}[K\n" + line2 + "\u{1B}[K\r"
    }

    private func formatDuration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
    }
}
