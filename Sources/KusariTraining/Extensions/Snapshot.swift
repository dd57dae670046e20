import Foundation
import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Saves everything needed to continue training — model parameters, optimizer state, iterator
/// position, counters, the log — as one `.npz` in the trainer's output folder (Chainer's `snapshot`).
///
/// The file is written atomically (a temporary file renamed over the target), so a crash while saving
/// never destroys the previous snapshot. Resume with ``Trainer/resume(from:)``: training continues
/// bit for bit as if it had never stopped.
///
/// Not saved: a recurrent model's state (`h`, `c`). Updaters that reset it for every sequence
/// (``TeacherForcingUpdater``) do not care; for state carried across batches (``WindowUpdater`` with
/// `carryState`, ``BPTTUpdater``) snapshot at the end of an epoch (or pass), where the state is reset anyway,
/// or the resumed run starts the next batch from a zero state.
///
/// ```swift
/// trainer.extend(Snapshot(), trigger: (10, .epoch))          // result/snapshot_iter_150.npz, …
/// // later, in a new process with the same set-up:
/// try trainer.resume(from: URL(filePath: "result/snapshot_iter_150.npz"))
/// try trainer.run()
/// ```
public final class Snapshot: Extension {
    /// The file name; `{iteration}` and `{epoch}` are replaced by the current values.
    public let fileNamePattern: String
    /// How many snapshot files to keep (the oldest are deleted); nil keeps all.
    public let keepLast: Int?
    /// The files written so far, oldest first.
    public private(set) var written: [URL] = []

    /// Saves the whole training state to `fileName` in the output folder at each trigger, keeping the newest `keepLast`
    /// files (all when nil).
    public init(fileName: String = "snapshot_iter_{iteration}.npz", keepLast: Int? = nil) {
        self.fileNamePattern = fileName
        self.keepLast = keepLast
    }

    public var defaultTrigger: IntervalTrigger { IntervalTrigger(1, .epoch) }
    public var defaultPriority: Int { -100 }  // after every other extension, so the state is complete

    public func callAsFunction(_ trainer: Trainer) throws {
        let name = fileNamePattern
            .replacingOccurrences(of: "{iteration}", with: String(trainer.updater.iteration))
            .replacingOccurrences(of: "{epoch}", with: String(trainer.updater.epoch))
        let url = trainer.out.appending(path: name)
        try NPZArchive(arrays: trainer.state(), name: name).write(to: url)
        written.removeAll { $0 == url }
        written.append(url)
        if let keepLast, written.count > keepLast {
            for old in written.prefix(written.count - keepLast) { try? FileManager.default.removeItem(at: old) }
            written.removeFirst(written.count - keepLast)
        }
    }
}

extension Trainer {
    /// Restores the state saved by a ``Snapshot`` (model, optimizer, iterator, counters, extension
    /// state). Build the trainer exactly as for the original run, then resume, then `run()`.
    public func resume(from url: URL) throws {
        try restore(NPZArchive(contentsOf: url).arrays)
    }
}
