import Foundation
import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Saves everything needed to continue training — model parameters, optimizer state, iterator
/// position, counters, the log, the recurrent state (h, c) of LSTM/GRU/SimpleRNN links — as one `.npz`
/// in the trainer's output folder (Chainer's `snapshot`).
///
/// The file is written atomically (a temporary file renamed over the target), so a crash while saving
/// never destroys the previous snapshot. When training starts, temporary files left by a write that was
/// interrupted (a killed process) are removed, and snapshots already in the folder that match
/// ``fileNamePattern`` count towards ``keepLast``, so a restarted run does not pile up files.
/// Resume with ``Trainer/resume(from:)``: training continues bit for bit as if it had never stopped,
/// also in the middle of an epoch of a stateful (carried-state) run.
///
/// ```swift
/// trainer.extend(Snapshot(keepLast: 3), trigger: (10, .epoch))   // result/snapshot_iter_150.npz, …
/// // later, in a new process with the same set-up:
/// try trainer.resume(from: URL(filePath: "result/snapshot_iter_150.npz"))
/// try trainer.run()
/// ```
public final class Snapshot: Extension {
    /// The file name; `{iteration}` and `{epoch}` are replaced by the current values.
    public let fileNamePattern: String
    /// How many snapshot files to keep (the oldest are deleted); nil keeps all.
    public let keepLast: Int?
    /// The complete snapshot files of this run's folder, oldest first: those found when training
    /// started, then those written since.
    public private(set) var written: [URL] = []

    /// Saves the whole training state to `fileName` in the output folder at each trigger, keeping the newest `keepLast`
    /// files (all when nil).
    public init(fileName: String = "snapshot_iter_{iteration}.npz", keepLast: Int? = nil) {
        self.fileNamePattern = fileName
        self.keepLast = keepLast
    }

    public var defaultTrigger: IntervalTrigger { IntervalTrigger(1, .epoch) }
    public var defaultPriority: Int { -100 }  // after every other extension, so the state is complete

    /// Removes temporary files of interrupted snapshot writes and finds the snapshots already there.
    public func initialize(_ trainer: Trainer) throws {
        let folder = trainer.out
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var found: [(order: [Int], url: URL)] = []
        for name in names {
            if let temporary = SnapshotFileName.temporaryTarget(name), matches(temporary) != nil {
                try? FileManager.default.removeItem(at: folder.appending(path: name))
            } else if let order = matches(name) {
                found.append((order, folder.appending(path: name)))
            }
        }
        let known = Set(written.map(\.lastPathComponent))
        let discovered = found.filter { !known.contains($0.url.lastPathComponent) }
            .sorted { $0.order.lexicographicallyPrecedes($1.order) }.map(\.url)
        written = discovered + written
        try trimToKeepLast()
    }

    public func callAsFunction(_ trainer: Trainer) throws {
        let name = fileNamePattern
            .replacingOccurrences(of: "{iteration}", with: String(trainer.updater.iteration))
            .replacingOccurrences(of: "{epoch}", with: String(trainer.updater.epoch))
        let url = trainer.out.appending(path: name)
        try NPZArchive(state: trainer.state(), name: name).write(to: url)
        written.removeAll { $0 == url }
        written.append(url)
        try trimToKeepLast()
    }

    /// Deletes the oldest snapshots beyond ``keepLast``.
    private func trimToKeepLast() throws {
        guard let keepLast, written.count > keepLast else { return }
        for old in written.prefix(written.count - keepLast) { try? FileManager.default.removeItem(at: old) }
        written.removeFirst(written.count - keepLast)
    }

    /// The numbers `{iteration}` and `{epoch}` stand for in `name`, in pattern order, when `name` is a
    /// file this extension would write; `nil` otherwise.
    private func matches(_ name: String) -> [Int]? {
        SnapshotFileName(pattern: fileNamePattern).numbers(in: name)
    }
}

/// Matching file names against a ``Snapshot`` pattern such as `snapshot_iter_{iteration}.npz`.
struct SnapshotFileName {
    let pattern: String

    /// The numbers standing for the placeholders of the pattern in `name`, or `nil` if it does not match.
    func numbers(in name: String) -> [Int]? {
        var numbers: [Int] = []
        var rest = Substring(name)
        var literal = Substring(pattern)
        while !literal.isEmpty {
            if literal.hasPrefix("{iteration}") || literal.hasPrefix("{epoch}") {
                literal = literal.dropFirst(literal.hasPrefix("{epoch}") ? 7 : 11)
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty, let value = Int(digits) else { return nil }
                numbers.append(value)
                rest = rest.dropFirst(digits.count)
            } else {
                guard rest.first == literal.first else { return nil }
                rest = rest.dropFirst()
                literal = literal.dropFirst()
            }
        }
        return rest.isEmpty ? numbers : nil
    }

    /// For a temporary file of an atomic write (`.NAME.tmp-UUID`, see ``atomicallyWriting(to:_:)``),
    /// the NAME it was meant to become.
    static func temporaryTarget(_ name: String) -> String? {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
        return String(name[name.index(after: name.startIndex)..<marker.lowerBound])
    }
}

extension Trainer {
    /// Restores the state saved by a ``Snapshot`` (model, optimizer, iterator, counters, extension
    /// state, recurrent state). Build the trainer exactly as for the original run, then resume, then `run()`.
    ///
    /// The file is untrusted input: a folder, a model or optimizer file instead of a snapshot, a snapshot
    /// of another model or optimizer, or damaged counters each give a message saying what the file is
    /// and what was expected.
    public func resume(from url: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            let inside = Snapshot().matchingFiles(in: url)
            let hint = inside.last.map { " such as \($0.path)" } ?? " (this folder holds none)"
            throw TrainingError.badState("\(url.path) is a folder; pass a snapshot file inside it\(hint)")
        }
        let archive = try NPZArchive(contentsOf: url)
        let name = url.lastPathComponent
        guard archive.members["updater/iteration"] != nil else {
            throw TrainingError.badState("\(name) is \(describeNonSnapshot(archive)), not a Trainer snapshot "
                + "(a snapshot, written by the Snapshot extension, has keys 'updater/iteration', 'updater/model/…')")
        }
        do {
            try serialize(StateReader(archive.savedState))
        } catch let error as TrainingError {
            throw error
        } catch {
            throw TrainingError.badState("\(name): \(error)")
        }
    }
}

extension Snapshot {
    /// The files in `folder` whose names match ``fileNamePattern``, in snapshot order.
    func matchingFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { name in matches(name).map { ($0, folder.appending(path: name)) } }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    }
}

/// What an `.npz` that is not a trainer snapshot seems to be, for messages.
private func describeNonSnapshot(_ archive: NPZArchive) -> String {
    let keys = archive.keys
    if keys.isEmpty { return "an empty archive" }
    let sample = keys.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
    if keys.contains("t") && keys.contains("lr") {
        return "an optimizer state file (keys \(sample), …; written by Optimizer.save(npz:))"
    }
    if keys.allSatisfy({ !$0.hasPrefix("updater/") }) {
        return "a model file (parameters \(sample)…; written by Link.save(npz:) — load it with model.load(npz:))"
    }
    return "an incomplete snapshot (it has no 'updater/iteration')"
}
