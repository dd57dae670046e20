import Foundation
import Testing
import Kusari

/// Snapshots written by the previous version (every counter a float64 scalar, see
/// Fixtures/old-snapshots/README.md) still resume: every value comes back, counters are then saved as int64,
/// and training continues exactly as from the same state in the new format.
@Suite("Old snapshots") struct OldSnapshotTests {
    typealias SetUp = (Int, URL) -> (trainer: Trainer, model: Link, optimizer: Optimizer, log: LogReport)

    static func fixture(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: "npz", subdirectory: "Fixtures/old-snapshots"))
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "kusari-old-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func check(_ name: String, _ setUp: SetUp) throws {
        let url = try Self.fixture(name)
        let old = try NPZArchive(contentsOf: url)
        #expect(old.members.values.allSatisfy { $0.integerValues == nil }, "the fixture has no integer members")
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }

        let fromOld = setUp(10, out.appending(path: "old"))
        try fromOld.trainer.resume(from: url)
        #expect(fromOld.trainer.updater.iteration == 5)
        let atResume = fromOld.model.parameterArrays()
        // The same keys and values, now with counters as integers.
        let state = try fromOld.trainer.state()
        #expect(Set(state.keys) == Set(old.keys))
        #expect(state.mapValues(\.ndarray) == old.arrays)
        #expect(state["updater/iteration"] == .integer(5) && state["updater/optimizer/t"] == .integer(5))

        let newFile = out.appending(path: "new.npz")
        try NPZArchive(state: state).write(to: newFile)
        let fromNew = setUp(10, out.appending(path: "new"))
        try fromNew.trainer.resume(from: newFile)

        try fromOld.trainer.run()
        try fromNew.trainer.run()
        #expect(fromOld.trainer.updater.iteration == 10)
        #expect(fromOld.model.parameterArrays() == fromNew.model.parameterArrays())
        #expect(try fromOld.optimizer.state() == fromNew.optimizer.state())
        let timeless = { (log: LogReport) in log.log.map { $0.filter { $0.key != "elapsed_time" } } }
        #expect(timeless(fromOld.log) == timeless(fromNew.log) && fromOld.log.log.count == fromNew.log.log.count)
        #expect(fromOld.model.parameterArrays() != atResume)   // it did train on
    }

    @Test("a regression run (shuffling iterator, log, printed report, schedule, best-value trigger, early stopping)")
    func regression() throws {
        try check("regression_iter_5") { OldSnapshotSetUps.regression(until: $0, out: $1) }
    }

    @Test("a stateful LSTM run with its recurrent state")
    func stateful() throws {
        try check("stateful_iter_5") { OldSnapshotSetUps.stateful(until: $0, out: $1) }
    }
}
