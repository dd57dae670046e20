import Foundation
import Kusari
import Testing

extension Training {
    /// A crash while a snapshot is being written leaves the previous snapshot intact and loadable.
    @Suite struct SnapshotAtomicityTests {
        typealias F = TrainingFixtures
        struct Crash: Error {}

        /// Trains 3 iterations with a snapshot to `snapshot.npz` after each; returns the trainer.
        func trainWithSnapshots(out: URL) throws -> Trainer {
            let model = F.Regressor(seed: 5)
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, generator: RandomGenerator(seed: 6))
            let updater = StandardUpdater(iterator: iterator, optimizer: Adam().setup(model), lossFunction: F.mse(model))
            let trainer = Trainer(updater: updater, stopTrigger: (3, .iteration), out: out)
            trainer.extend(Snapshot(fileName: "snapshot.npz"), trigger: (1, .iteration))
            try trainer.run()
            return trainer
        }

        @Test func aWriteThatDiesHalfwayLeavesThePreviousSnapshot() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let trainer = try trainWithSnapshots(out: out)
            let url = out.appending(path: "snapshot.npz")
            let before = try Data(contentsOf: url)

            // The next snapshot's bytes, of which only half reach the disk before the "crash".
            let next = out.appending(path: "next.npz")
            try NPZArchive(state: trainer.state(), name: "snapshot.npz").write(to: next)
            let bytes = try Data(contentsOf: next)
            try FileManager.default.removeItem(at: next)
            #expect(throws: Crash.self) {
                try atomicallyWriting(to: url) { temporary in
                    try bytes.prefix(bytes.count / 2).write(to: temporary)
                    throw Crash()
                }
            }

            #expect(try Data(contentsOf: url) == before)
            #expect(try F.contents(of: out) == ["snapshot.npz"])        // no partial or temporary file
            let arrays = try NPZArchive(contentsOf: url).arrays
            #expect(arrays["updater/iteration"]?.scalar == 3)
            let fresh = try trainWithSnapshots(out: out.appending(path: "fresh"))
            try fresh.resume(from: url)
            #expect(fresh.updater.iteration == 3)
        }

        @Test func aSnapshotThatCannotBeWrittenStopsTrainingAndKeepsTheOldOne() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let model = F.Regressor(seed: 5)
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, generator: RandomGenerator(seed: 6))
            let updater = StandardUpdater(iterator: iterator, optimizer: Adam().setup(model), lossFunction: F.mse(model))
            let trainer = Trainer(updater: updater, stopTrigger: (5, .iteration), out: out)
            trainer.extend(Snapshot(fileName: "snap{iteration}.npz"), trigger: (1, .iteration))
            // A directory where snapshot 3 should go: renaming the finished file over it fails.
            try FileManager.default.createDirectory(at: out.appending(path: "snap3.npz/blocker"),
                                                    withIntermediateDirectories: true)
            #expect(throws: SerializationError.self) { try trainer.run() }
            #expect(updater.iteration == 3)
            #expect(try F.contents(of: out) == ["snap1.npz", "snap2.npz", "snap3.npz"])
            #expect(try NPZArchive(contentsOf: out.appending(path: "snap2.npz")).arrays["updater/iteration"]?.scalar == 2)
        }
    }
}
