import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Decides when something happens during training: stop, log, snapshot (Chainer's triggers).
///
/// A trigger that remembers something between iterations (a best value, a partial mean) saves it with
/// ``serialize(_:)`` so that training resumed from a snapshot decides exactly as before.
public protocol Trigger {
    /// Called once per iteration, after the update; true fires.
    mutating func shouldFire(_ trainer: Trainer) -> Bool
    /// Saves or restores what the trigger remembers, for snapshots (nothing for stateless triggers, the
    /// default).
    mutating func serialize(_ serializer: any StateSerializer) throws
    /// Whether, as the trainer's stop trigger, this trigger's end is already reached at the updater's
    /// position (a run resumed from its final snapshot then returns at once). Default: false.
    func endReached(_ updater: any Updater) -> Bool
    /// This trigger as it will be once it has seen the current iteration, leaving `self` unchanged (the
    /// trainer saves its stop trigger this way from inside an iteration). The default asks a copy
    /// ``shouldFire(_:)``; for a class, whose copy would share its state, it returns `self` unchanged.
    func afterSeeingIteration(of trainer: Trainer) -> any Trigger
}

extension Trigger {
    public func endReached(_ updater: any Updater) -> Bool { false }
    public func afterSeeingIteration(of trainer: Trainer) -> any Trigger {
        var copy = self
        _ = copy.shouldFire(trainer)
        return copy
    }
    public mutating func serialize(_ serializer: any StateSerializer) throws {}
}

extension Trigger where Self: AnyObject {
    public func afterSeeingIteration(of trainer: Trainer) -> any Trigger { self }
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

    /// Whether the training position has reached `period` units (the end of a stop trigger).
    public func endReached(_ updater: any Updater) -> Bool {
        unit == .iteration ? updater.iteration >= period : updater.epochDetail >= Double(period) - 1e-9
    }
}
