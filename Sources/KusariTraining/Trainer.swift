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
    /// Extension state from ``restore(_:)`` for extensions registered after it; applied by ``run()``.
    private var pendingState: [String: NDArray]?
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
            for entry in entries where !entry.restored { try restore(entry, from: pendingState) }
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

    /// Everything needed to continue training later: the updater (model, optimizer, iterator, counters),
    /// each extension's state and its trigger's, the stop trigger's, and the elapsed time. Keys are
    /// prefixed (`updater/…`, `extensions/NAME/…`, `triggers/NAME/…`, `trainer/…`).
    ///
    /// Called by an extension (``Snapshot``), it saves the stop trigger as it will be once it has seen
    /// this iteration, so a resumed run stops where the original did.
    public func state() -> [String: NDArray] {
        var result: [String: NDArray] = [:]
        for (key, value) in updater.state() { result["updater/" + key] = value }
        for entry in entries {
            for (key, value) in entry.extensionObject.state() { result["extensions/\(entry.name)/\(key)"] = value }
            for (key, value) in entry.trigger.state() { result["triggers/\(entry.name)/\(key)"] = value }
        }
        let stop = inIteration ? stopTrigger.afterSeeingIteration(of: self) : stopTrigger
        for (key, value) in stop.state() { result["trainer/stop_trigger/" + key] = value }
        result["trainer/elapsed_time"] = NDArray(scalar: elapsedTime, dtype: .float64)
        return result
    }

    /// Restores a state produced by ``state()`` (see ``Snapshot`` and ``resume(from:)``). Extensions
    /// registered later (under the same names) get their state when ``run()`` starts.
    public func restore(_ state: [String: NDArray]) throws {
        let elapsed = try SavedState(state, owner: "Trainer").optionalNumber("trainer/elapsed_time") ?? 0
        guard elapsed >= 0 else { throw StateError("Trainer: 'trainer/elapsed_time' = \(elapsed) is negative") }
        try updater.restore(part(of: state, "updater/"))
        for entry in entries { try restore(entry, from: state) }
        try stopTrigger.restore(part(of: state, "trainer/stop_trigger/"))
        pendingState = state
        previousElapsed = elapsed
    }

    private func restore(_ entry: Entry, from state: [String: NDArray]) throws {
        try entry.extensionObject.restore(part(of: state, "extensions/\(entry.name)/"))
        try entry.trigger.restore(part(of: state, "triggers/\(entry.name)/"))
        entry.restored = true
    }

    /// The entries of `state` under `prefix`, with the prefix removed.
    private func part(of state: [String: NDArray], _ prefix: String) -> [String: NDArray] {
        SavedState.part(of: state, prefix)
    }
}
