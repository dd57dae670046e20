import Foundation
import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Prints the entries of a ``LogReport`` as an aligned table, one row per logged interval
/// (Chainer's `PrintReport`):
/// ```
/// epoch       main/loss   elapsed_time
/// 1           0.0412      0.21
/// ```
public final class PrintReport: Extension {
    /// The columns printed, in order (log keys such as `epoch`, `main/loss`, `elapsed_time`).
    public let entries: [String]
    private let logReport: LogReport
    private let write: (String) -> Void
    private var printed = 0
    private var headerPrinted = false

    /// Prints `entries` (column names) from `logReport`; `write` receives each line (stdout by default).
    public init(_ entries: [String], logReport: LogReport, write: @escaping (String) -> Void = { print($0) }) {
        self.entries = entries
        self.logReport = logReport
        self.write = write
    }

    public func callAsFunction(_ trainer: Trainer) throws {
        let log = logReport.log
        guard printed < log.count else { return }
        // 14 holds the longest "%.6g" value ("-1.23457e-100") plus a space, so columns stay aligned.
        let widths = entries.map { max($0.count + 2, 14) }
        if !headerPrinted {
            write(zip(entries, widths).map { pad($0, $1) }.joined())
            headerPrinted = true
        }
        for entry in log[printed...] {
            write(zip(entries, widths).map { key, width in pad(entry[key].map(format) ?? "", width) }.joined())
        }
        printed = log.count
    }

    /// Integers as integers, other values with 6 significant digits.
    private func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.6g", value)
    }

    /// How many log rows have been printed, so a run resumed from a snapshot prints only the rows it adds
    /// (after a fresh header), not the restored ones again.
    /// `printed`, an integer (0 when restoring a snapshot written before it was saved).
    public func serialize(_ serializer: any StateSerializer) throws {
        var printed: Int? = self.printed
        try serializer.serialize("printed", &printed)
        self.printed = printed ?? 0
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
