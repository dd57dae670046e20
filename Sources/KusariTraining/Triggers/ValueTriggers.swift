import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Fires when the mean of `key` over the last interval is the best (lowest or highest) seen so far
/// (Chainer's `MinValueTrigger` / `MaxValueTrigger`, here ``BestValueTrigger/min(key:trigger:)`` and
/// ``BestValueTrigger/max(key:trigger:)``): snapshot the best model with it.
public struct BestValueTrigger: Trigger {
    /// Whether lower (`.min`) or higher (`.max`) values count as better.
    public enum Mode: Sendable { case min, max }
    /// The observed key, e.g. `validation/main/loss`.
    public let key: String
    /// Whether lower or higher is better.
    public let mode: Mode
    private var interval: IntervalTrigger
    private var summary = Summary()
    private var best: Double?

    /// Checks `key` every `trigger` (default: every epoch).
    public init(key: String, mode: Mode, trigger: (Int, TriggerUnit) = (1, .epoch)) {
        self.key = key
        self.mode = mode
        self.interval = IntervalTrigger(trigger.0, trigger.1)
    }

    public mutating func shouldFire(_ trainer: Trainer) -> Bool {
        summary.add(trainer.observation)
        guard interval.shouldFire(trainer) else { return false }
        defer { summary = Summary() }
        guard let value = summary.mean[key] else { return false }
        let improved = best.map { mode == .min ? value < $0 : value > $0 } ?? true
        if improved { best = value }
        return improved
    }

    /// Saves or restores the best value so far and the partial interval (`best`, `summary/…`).
    public mutating func serialize(_ serializer: any StateSerializer) throws {
        (summary, best) = try serializeTriggerState(serializer, summary: summary, best: best)
    }
}

extension BestValueTrigger {
    /// Fires when the interval mean of `key` reaches a new minimum (Chainer's `MinValueTrigger`):
    /// `trigger: .min(key: "validation/main/loss")`.
    public static func min(key: String, trigger: (Int, TriggerUnit) = (1, .epoch)) -> BestValueTrigger {
        BestValueTrigger(key: key, mode: .min, trigger: trigger)
    }

    /// Fires when the interval mean of `key` reaches a new maximum (Chainer's `MaxValueTrigger`).
    public static func max(key: String, trigger: (Int, TriggerUnit) = (1, .epoch)) -> BestValueTrigger {
        BestValueTrigger(key: key, mode: .max, trigger: trigger)
    }
}

/// Chainer's spelling, kept so existing code compiles; use ``BestValueTrigger/min(key:trigger:)``.
@available(*, deprecated, renamed: "BestValueTrigger.min(key:trigger:)")
public func MinValueTrigger(key: String, trigger: (Int, TriggerUnit) = (1, .epoch)) -> BestValueTrigger {
    .min(key: key, trigger: trigger)
}

/// Chainer's spelling, kept so existing code compiles; use ``BestValueTrigger/max(key:trigger:)``.
@available(*, deprecated, renamed: "BestValueTrigger.max(key:trigger:)")
public func MaxValueTrigger(key: String, trigger: (Int, TriggerUnit) = (1, .epoch)) -> BestValueTrigger {
    .max(key: key, trigger: trigger)
}

/// A stop trigger that ends training when `monitor` has not improved for `patience` checks, or when
/// `maxTrigger` is reached (Chainer's `EarlyStoppingTrigger`).
///
/// ```swift
/// let stop = EarlyStoppingTrigger(monitor: "validation/main/loss", patience: 3, maxTrigger: (100, .epoch))
/// let trainer = Trainer(updater: updater, stopTrigger: stop, out: out)
/// ```
public struct EarlyStoppingTrigger: Trigger {
    /// The observed key whose interval mean must keep improving.
    public let monitor: String
    /// How many checks without improvement end training.
    public let patience: Int
    /// Whether lower (`.min`, for losses) or higher (`.max`, for accuracies) is better.
    public let mode: BestValueTrigger.Mode
    private var check: IntervalTrigger
    private let maxTrigger: IntervalTrigger
    private var summary = Summary()
    private var best: Double?
    private var checksWithoutImprovement = 0

    /// Stops when `monitor` has not improved for `patience` consecutive checks, or at `maxTrigger`.
    /// - Parameters:
    ///   - monitor: the observed key.
    ///   - patience: checks without improvement allowed.
    ///   - mode: `.min` or `.max`.
    ///   - checkTrigger: how often the interval mean is checked (default every epoch).
    ///   - maxTrigger: when to stop in any case (default 100 epochs).
    public init(monitor: String = "main/loss", patience: Int = 3, mode: BestValueTrigger.Mode = .min,
                checkTrigger: (Int, TriggerUnit) = (1, .epoch), maxTrigger: (Int, TriggerUnit) = (100, .epoch)) {
        self.monitor = monitor
        self.patience = patience
        self.mode = mode
        self.check = IntervalTrigger(checkTrigger.0, checkTrigger.1)
        self.maxTrigger = IntervalTrigger(maxTrigger.0, maxTrigger.1)
    }

    /// Whether training has reached `maxTrigger`, or the patience has run out (so a run resumed from
    /// the stopping iteration ends at once).
    public func endReached(_ updater: any Updater) -> Bool {
        maxTrigger.endReached(updater) || checksWithoutImprovement >= patience
    }

    public mutating func shouldFire(_ trainer: Trainer) -> Bool {
        if maxTrigger.endReached(trainer.updater) { return true }
        summary.add(trainer.observation)
        guard check.shouldFire(trainer) else { return false }
        defer { summary = Summary() }
        guard let value = summary.mean[monitor] else { return false }
        if best.map({ mode == .min ? value < $0 : value > $0 }) ?? true {
            best = value
            checksWithoutImprovement = 0
        } else {
            checksWithoutImprovement += 1
        }
        return checksWithoutImprovement >= patience
    }

    /// Saves or restores the best value, the checks without improvement (an integer) and the partial
    /// interval.
    public mutating func serialize(_ serializer: any StateSerializer) throws {
        var checks: Int? = checksWithoutImprovement
        try serializer.serialize("checks_without_improvement", &checks)
        (summary, best) = try serializeTriggerState(serializer, summary: summary, best: best)
        checksWithoutImprovement = checks ?? 0
    }
}

/// Saves or restores the state shared by the value triggers, the best value (`best`) and the partial
/// interval's summary (`summary/…`); returns them as they are now (unchanged when writing).
private func serializeTriggerState(_ serializer: any StateSerializer, summary: Summary,
                                   best: Double?) throws -> (Summary, Double?) {
    var best = best, summary = summary
    try serializer.serialize("best", &best)
    try summary.serialize(serializer["summary"])
    return (summary, best)
}
