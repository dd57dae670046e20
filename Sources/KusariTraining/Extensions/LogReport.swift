import Foundation
import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Logs the mean of every reported value over each interval, with `epoch`, `iteration` and
/// `elapsed_time`, as JSON lines in `out/log` (Chainer's `LogReport`, one JSON object per line).
///
/// Other extensions (``PrintReport``, ``PlotReport``) read ``log``. The file is rewritten atomically at
/// each interval, so a crash never leaves it half-written.
public final class LogReport: Extension {
    /// The logged entries so far, oldest first.
    public private(set) var log: [[String: Double]] = []
    /// Keys to log (all when nil).
    public let keys: [String]?
    /// The log file's name inside the trainer's output folder (nil: do not write a file).
    public let fileName: String?
    private var interval: IntervalTrigger
    private var summary = Summary()

    /// A log averaging the observations over every `trigger` interval.
    /// - Parameters:
    ///   - keys: the keys to log (all when nil).
    ///   - trigger: the interval each entry averages over (default one epoch).
    ///   - fileName: the JSON file written in the trainer's output folder, or nil for none.
    public init(keys: [String]? = nil, trigger: (Int, TriggerUnit) = (1, .epoch), fileName: String? = "log") {
        self.keys = keys
        self.interval = IntervalTrigger(trigger.0, trigger.1)
        self.fileName = fileName
    }

    public var defaultTrigger: IntervalTrigger { IntervalTrigger(1, .iteration) }

    public func callAsFunction(_ trainer: Trainer) throws {
        var observation = trainer.observation
        if let keys { observation = observation.filter { keys.contains($0.key) } }
        summary.add(observation)
        guard interval.shouldFire(trainer) else { return }
        var entry = summary.mean
        entry["epoch"] = Double(trainer.updater.epoch)
        entry["iteration"] = Double(trainer.updater.iteration)
        entry["elapsed_time"] = trainer.elapsedTime
        log.append(entry)
        summary = Summary()
        if let fileName { try write(to: trainer.out.appending(path: fileName)) }
    }

    /// Writes the log as JSON lines (keys sorted) atomically. NaN and ±Inf, which JSON cannot hold,
    /// are written as `null`; every other value is written with the shortest digits that read back as the
    /// same `Double` (Foundation's JSON writer on Linux rounds to 15–16 digits, which loses the last bit).
    public func write(to url: URL) throws {
        let lines = try log.map { entry -> String in
            let fields = try entry.keys.sorted().map { key -> String in
                let name = String(decoding: try JSONEncoder().encode(key), as: UTF8.self)
                return name + ":" + Self.jsonNumber(entry[key] ?? .nan)
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url, options: .atomic)
    }

    /// `value` as a JSON number: whole numbers without a fraction (`5`), others in Swift's shortest
    /// round-trip form (`0.1`, `2.5597638487815857`, `1e-05`), non-finite values as `null`.
    static func jsonNumber(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// The log as one array per key (missing entries skipped): what plots need.
    public func series(_ key: String, x: String = "epoch") -> (x: [Double], y: [Double]) {
        let rows = log.compactMap { entry -> (Double, Double)? in
            guard let xv = entry[x], let yv = entry[key] else { return nil }
            return (xv, yv)
        }
        return (rows.map(\.0), rows.map(\.1))
    }

    /// Saves or restores the log and the partial interval: `count` (an integer), one float64 column
    /// `log/KEY` of `count` entries per key (NaN where an entry lacks the key), and `summary/…`.
    public func serialize(_ serializer: any StateSerializer) throws {
        var count: Int? = log.count
        try serializer.serialize("count", &count)
        let columns = serializer["log"]
        var summary = self.summary
        guard serializer.isReading else {
            for key in Set(log.flatMap(\.keys)).sorted() {
                var column = NDArray(log.map { $0[key] ?? .nan }, shape: [log.count])
                try columns.serialize(key, &column)
            }
            try summary.serialize(serializer["summary"])
            return
        }
        // Each saved column holds exactly `count` entries, which also bounds `count` by the file's size.
        let rows = count ?? 0
        let names = columns.savedKeys
        if rows > 0 && names.isEmpty {
            throw StateError("LogReport: '\(serializer.fullKey("count"))' = \(rows) but the saved state has no "
                + "log columns ('\(columns.prefix)…')")
        }
        var restored: [[String: Double]] = []
        for name in names {
            var values = NDArray([Double](), shape: [0])
            try columns.serialize(name, &values)
            guard values.count == rows else {
                throw StateError("LogReport: column '\(columns.fullKey(name))' has \(values.count) entries, "
                    + "'\(serializer.fullKey("count"))' says \(rows)")
            }
            if restored.isEmpty { restored = [[String: Double]](repeating: [:], count: rows) }
            for (i, v) in values.doubleValues.enumerated() where !v.isNaN { restored[i][name] = v }
        }
        try summary.serialize(serializer["summary"])
        log = restored
        self.summary = summary
    }
}
