import Foundation
import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Runs the training loop: update after update until the stop trigger fires, calling extensions
/// (logging, evaluation, snapshots, plots) when their triggers fire (Chainer's `training.Trainer`).
///
/// ```swift
/// let trainer = Trainer(updater: updater, stopTrigger: (100, .epoch), out: URL(filePath: "result"))
/// let log = LogReport()
/// trainer.extend(log)
/// trainer.extend(PrintReport(["epoch", "main/loss", "elapsed_time"], logReport: log))
/// trainer.extend(Snapshot(), trigger: (10, .epoch))
/// try trainer.run()
/// ```
/// Each iteration runs inside a fresh ``Reporter`` scope: the updater reports its loss, then the
/// extensions run in priority order and can read (and add to) ``observation``.
public final class Trainer {
    /// The updater that performs each iteration.
    public let updater: any Updater
    /// The output folder (created on `run()`): logs, snapshots and plots go here.
    public let out: URL
    /// The reporter collecting this iteration's observation.
    public let reporter = Reporter()

    private var stopTrigger: any Trigger
    private var entries: [Entry] = []
    /// The reader of a restored state, for extensions registered after it; applied by ``run()``.
    private var pendingState: (any StateSerializer)?
    private var startTime: Date?
    private var previousElapsed: Double = 0
    /// True while extensions run, i.e. before the stop trigger has seen this iteration.
    private var inIteration = false

    private final class Entry {
        let name: String
        let extensionObject: any Extension
        var trigger: any Trigger
        let priority: Int
        let index: Int
        var restored = false
        init(name: String, extensionObject: any Extension, trigger: any Trigger, priority: Int, index: Int) {
            self.name = name
            self.extensionObject = extensionObject
            self.trigger = trigger
            self.priority = priority
            self.index = index
        }
    }

    /// A trainer that stops after `stopTrigger` epochs or iterations, e.g. `(100, .epoch)`.
    public convenience init(updater: any Updater, stopTrigger: (Int, TriggerUnit), out: URL) {
        self.init(updater: updater, stopTrigger: IntervalTrigger(stopTrigger.0, stopTrigger.1), out: out)
    }

    /// A trainer that stops when `stopTrigger` fires (for example an ``EarlyStoppingTrigger``).
    public init(updater: any Updater, stopTrigger: any Trigger, out: URL) {
        self.updater = updater
        self.stopTrigger = stopTrigger
        self.out = out
    }

    /// The current iteration's observation (mean per key, see ``Reporter``).
    public var observation: [String: Double] { reporter.observation }

    /// Seconds of training so far (including time before a resume).
    public var elapsedTime: Double {
        previousElapsed + (startTime.map { Date().timeIntervalSince($0) } ?? 0)
    }

    /// Registers an extension, with its default trigger and priority unless given.
    public func extend(_ extensionObject: any Extension, name: String? = nil,
                       trigger: (Int, TriggerUnit)? = nil, priority: Int? = nil) {
        let trigger: any Trigger = trigger.map { IntervalTrigger($0.0, $0.1) } ?? extensionObject.defaultTrigger
        extend(extensionObject, name: name, trigger: trigger, priority: priority)
    }

    /// Registers an extension with any trigger (such as ``BestValueTrigger/min(key:trigger:)``).
    public func extend(_ extensionObject: any Extension, name: String? = nil, trigger: any Trigger,
                       priority: Int? = nil) {
        var base = name ?? extensionObject.defaultName
        var k = 1
        while entries.contains(where: { $0.name == base }) {
            k += 1
            base = (name ?? extensionObject.defaultName) + "_\(k)"
        }
        entries.append(Entry(name: base, extensionObject: extensionObject, trigger: trigger,
                             priority: priority ?? extensionObject.defaultPriority, index: entries.count))
        // Higher priority first; equal priorities in registration order (`sort` itself is not stable).
        entries.sort { ($0.priority, -$0.index) > ($1.priority, -$1.index) }
    }

    /// The registered extensions' names, in the order they run.
    public var extensionNames: [String] { entries.map(\.name) }

    /// Runs training until the stop trigger fires; returns at once when its end is already reached.
    /// Throws (after finalising the extensions) when an iteration fails, for example with
    /// ``TrainingError/nonFiniteLoss(iteration:value:lastSnapshot:)``.
    public func run() throws {
        if stopTrigger.endReached(updater) { return }
        try prepareOutputFolder(out)   // a plain message now rather than a failed save after hours
        if let pendingState {
            for entry in entries where !entry.restored { try serialize(entry, pendingState) }
            self.pendingState = nil
        }
        startTime = Date()
        defer {
            for entry in entries { entry.extensionObject.finalize(self) }
            previousElapsed = elapsedTime
            startTime = nil
        }
        for entry in entries { try entry.extensionObject.initialize(self) }
        var finished = false
        while !finished {
            try reporter.scope {
                do {
                    try updater.update()
                } catch let TrainingError.nonFiniteLoss(iteration, value, nil) {
                    throw TrainingError.nonFiniteLoss(iteration: iteration, value: value, lastSnapshot: lastSnapshot)
                }
                inIteration = true
                defer { inIteration = false }
                for entry in entries where entry.trigger.shouldFire(self) {
                    try entry.extensionObject(self)
                }
            }
            finished = stopTrigger.shouldFire(self)
        }
    }

    /// The newest snapshot file a ``Snapshot`` extension of this trainer wrote (or found) that still exists.
    public var lastSnapshot: URL? {
        entries.compactMap { ($0.extensionObject as? Snapshot)?.written.last }
            .last { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Saves or restores everything needed to continue training later (Chainer's `Trainer.serialize`):
    /// the updater (model, optimizer, iterator, counters) under `updater/`, each extension's state and its
    /// trigger's under `extensions/NAME/` and `triggers/NAME/`, the stop trigger's under
    /// `trainer/stop_trigger/`, and the elapsed time as `trainer/elapsed_time`.
    ///
    /// Saving from an extension (``Snapshot``), it saves the stop trigger as it will be once it has seen
    /// this iteration, so a resumed run stops where the original did. Restoring, extensions registered
    /// later (under the same names) get their state when ``run()`` starts.
    public func serialize(_ serializer: any StateSerializer) throws {
        let trainer = serializer["trainer"]
        var elapsed: Double? = elapsedTime
        try trainer.serialize("elapsed_time", &elapsed)
        if let elapsed, elapsed < 0 {
            throw StateError("'\(trainer.fullKey("elapsed_time"))' = \(elapsed) is negative")
        }
        try updater.serialize(serializer["updater"])
        for entry in entries { try serialize(entry, serializer) }
        if serializer.isReading {
            try stopTrigger.serialize(trainer["stop_trigger"])
            pendingState = serializer
            previousElapsed = elapsed ?? 0
        } else {
            var stop = inIteration ? stopTrigger.afterSeeingIteration(of: self) : stopTrigger
            try stop.serialize(trainer["stop_trigger"])
        }
    }

    private func serialize(_ entry: Entry, _ serializer: any StateSerializer) throws {
        try entry.extensionObject.serialize(serializer["extensions"][entry.name])
        try entry.trigger.serialize(serializer["triggers"][entry.name])
        if serializer.isReading { entry.restored = true }
    }

    /// The state ``serialize(_:)`` saves, by key (what a ``Snapshot`` writes; counters as integers).
    public func state() throws -> [String: SavedValue] {
        let writer = StateWriter()
        try serialize(writer)
        return writer.entries
    }

    /// Restores a state produced by ``state()`` (see ``serialize(_:)``, ``Snapshot`` and ``resume(from:)``).
    public func restore(_ state: [String: SavedValue]) throws {
        try serialize(StateReader(state))
    }
}
