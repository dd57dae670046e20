import Synchronization
import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Collects the values a training step reports (`report(["main/loss": loss])`) so extensions can log,
/// print and plot them (Chainer's `chainer.reporter`).
///
/// Aggregation, stated once because it decides what the numbers mean:
/// - Within one iteration, a key reported several times (for example the loss of each step of an
///   unrolled sequence) is **averaged**, not overwritten. Chainer's reporter keeps only the last value
///   reported under a key, which is how the original sine/cosine blog ended up printing the last step's
///   loss as `main/loss`; Kusari reports the mean over the steps.
/// - Over a logging interval, ``LogReport`` and ``PrintReport`` show the mean of the per-iteration values.
public final class Reporter: Sendable {
    /// The reporter that `report(_:)` writes to in the current task (set by the ``Trainer``).
    @TaskLocal public static var current: Reporter?

    private struct Sums {
        var sums: [String: Double] = [:]
        var counts: [String: Int] = [:]
        var order: [String] = []
    }
    // Guarded by a lock so the reporter may be shared with tasks (e.g. a parallel evaluator).
    private let storage = Mutex(Sums())

    /// An empty reporter.
    public init() {}

    /// Adds observations; repeated keys within this observation are averaged.
    public func report(_ values: [String: Double]) {
        storage.withLock { s in
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                if s.sums[key] == nil { s.order.append(key) }
                s.sums[key, default: 0] += value
                s.counts[key, default: 0] += 1
            }
        }
    }

    /// The observation so far: the mean of the values reported under each key.
    public var observation: [String: Double] {
        storage.withLock { s in
            var result: [String: Double] = [:]
            for (key, sum) in s.sums { result[key] = sum / Double(s.counts[key] ?? 1) }
            return result
        }
    }

    /// The keys in the order they were first reported.
    public var keys: [String] { storage.withLock { $0.order } }

    /// Runs `body` with this reporter as the current one, starting from an empty observation.
    public func scope<R>(_ body: () throws -> R) rethrows -> R {
        storage.withLock { $0 = Sums() }
        return try Reporter.$current.withValue(self, operation: body)
    }
}

/// Reports values to the current ``Reporter`` (no effect outside a training step).
public func report(_ values: [String: Double]) {
    Reporter.current?.report(values)
}

/// Reports scalar Variables (such as a loss) to the current ``Reporter``.
public func report(_ values: [String: Variable]) {
    report(values.mapValues { $0.data.count == 1 ? $0.data.scalar : $0.data.mean().scalar })
}

/// Averages observations over several iterations (Chainer's `DictSummary`): what LogReport logs.
public struct Summary {
    private var sums: [String: Double] = [:]
    private var counts: [String: Int] = [:]

    /// An empty summary.
    public init() {}

    /// Adds one iteration's observation.
    public mutating func add(_ observation: [String: Double]) {
        for (key, value) in observation {
            sums[key, default: 0] += value
            counts[key, default: 0] += 1
        }
    }

    /// The mean of each key over the added observations.
    public var mean: [String: Double] {
        var result: [String: Double] = [:]
        for (key, sum) in sums { result[key] = sum / Double(counts[key] ?? 1) }
        return result
    }

    /// True when nothing has been added since creation or the last reset.
    public var isEmpty: Bool { sums.isEmpty }

    /// Saves or restores the sums and counts (`sum/KEY` float64, `count/KEY` integer), so a snapshot
    /// taken in the middle of an interval resumes with the same partial means. Restoring replaces the
    /// summary (a sum saved without its count is skipped).
    /// - Throws: ``/KusariCore/StateError`` when a sum is not one number or a count is not a whole number ≥ 0.
    public mutating func serialize(_ serializer: any StateSerializer) throws {
        let names = serializer.isReading
            ? serializer.savedKeys.filter { $0.hasPrefix("sum/") }.map { String($0.dropFirst(4)) }
            : sums.keys.sorted()
        var restored = Summary()
        for name in names {
            var sum: Double? = sums[name], count: Int? = counts[name] ?? 0
            try serializer.serialize("count/" + name, &count)
            guard let count else { continue }
            try serializer.serialize("sum/" + name, &sum, finite: false)
            restored.sums[name] = sum
            restored.counts[name] = count
        }
        if serializer.isReading { self = restored }
    }
}
