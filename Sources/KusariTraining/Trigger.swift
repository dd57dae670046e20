import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Decides when something happens during training: stop, log, snapshot (Chainer's triggers).
///
/// A trigger that remembers something between iterations (a best value, a partial mean) saves it with
/// ``state()`` so that training resumed from a snapshot decides exactly as before.
public protocol Trigger {
    /// Called once per iteration, after the update; true fires.
    mutating func shouldFire(_ trainer: Trainer) -> Bool
    /// What the trigger remembers, for snapshots (empty for stateless triggers).
    func state() -> [String: NDArray]
    /// Restores what ``state()`` returned.
    mutating func restore(_ state: [String: NDArray]) throws
}

extension Trigger {
    public func state() -> [String: NDArray] { [:] }
    public mutating func restore(_ state: [String: NDArray]) throws {}
}

/// The unit of an interval: whole epochs or single iterations.
public enum TriggerUnit: String, Sendable {
    /// Whole passes over the main iterator's dataset.
    case epoch
    /// Single updates.
    case iteration
}

/// Fires every `period` epochs or iterations: `IntervalTrigger(1, .epoch)`.
public struct IntervalTrigger: Trigger {
    /// How many units between firings (at least 1).
    public let period: Int
    /// Whether `period` counts epochs or iterations.
    public let unit: TriggerUnit

    /// Fires every `period` `unit`s; `period` must be positive.
    public init(_ period: Int, _ unit: TriggerUnit) {
        require(period > 0, "IntervalTrigger: period must be positive, got \(period)")
        self.period = period
        self.unit = unit
    }

    /// `.iteration`: the iteration count is a multiple of `period`. `.epoch`: the latest update crossed a
    /// multiple of `period` epochs (also when it drew several batches, as ``BPTTUpdater`` does, or skipped
    /// past the exact boundary).
    public mutating func shouldFire(_ trainer: Trainer) -> Bool {
        let updater = trainer.updater
        switch unit {
        case .iteration: return updater.iteration % period == 0
        case .epoch:
            guard let previous = updater.previousEpochDetail else {
                return updater.isNewEpoch && updater.epoch % period == 0
            }
            return updater.epoch / period > Int(previous.rounded(.down)) / period
        }
    }

    /// Whether the training position has reached `period` units (used for stop triggers).
    func reached(_ updater: any Updater) -> Bool {
        unit == .iteration ? updater.iteration >= period : updater.epochDetail >= Double(period) - 1e-9
    }
}
