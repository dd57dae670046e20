import Foundation
import Kusari
import Testing

extension Training {
    /// A NaN or infinite loss stops training with a clear error, and the snapshots written before it stay good.
    @Suite struct NonFiniteLossTests {
        typealias F = TrainingFixtures

        /// A trainer whose loss is `bad` at iteration `failAt`, snapshotting every iteration to one file.
        func failingTrainer(failAt: Int, bad: Double, out: URL) -> (Trainer, F.Regressor) {
            let model = F.Regressor(seed: 3)
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, generator: RandomGenerator(seed: 4))
            var calls = 0
            let updater = StandardUpdater(iterator: iterator, optimizer: Adam(alpha: 0.01).setup(model)) { v in
                calls += 1
                let loss = meanSquaredError(model(v[0]), v[1])
                return calls == failAt ? loss * bad : loss
            }
            let trainer = Trainer(updater: updater, stopTrigger: (20, .iteration), out: out)
            trainer.extend(LogReport(trigger: (1, .iteration)))
            trainer.extend(Snapshot(fileName: "snapshot.npz"), trigger: (1, .iteration))
            return (trainer, model)
        }

        @Test func aNaNLossStopsWithTheIterationAndLeavesTheLastSnapshotLoadable() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let (trainer, model) = failingTrainer(failAt: 5, bad: .nan, out: out)
            let error = try #require(throws: TrainingError.self) { try trainer.run() }
            guard case let .nonFiniteLoss(iteration, value, lastSnapshot) = error else {
                Issue.record("expected nonFiniteLoss, got \(error)")
                return
            }
            #expect(iteration == 5 && value.isNaN)
            #expect(error.description.contains("the loss is nan at iteration 5"))
            #expect(lastSnapshot?.lastPathComponent == "snapshot.npz")
            #expect(error.description.contains("The last snapshot, \(out.appending(path: "snapshot.npz").path), was written"))
            #expect(trainer.updater.iteration == 4)

            // The snapshot of iteration 4 is complete, alone, and holds the parameters the model still has
            // (the bad iteration stopped before backward and update).
            #expect(try F.contents(of: out) == ["log", "snapshot.npz"])
            let saved = try NPZArchive(contentsOf: out.appending(path: "snapshot.npz")).arrays
            #expect(saved["updater/iteration"]?.scalar == 4)
            #expect(saved["extensions/LogReport/count"]?.scalar == 4)
            #expect(model.parameters().allSatisfy { $0.data.isFinite })

            // …and training resumes from it.
            let (fresh, freshModel) = failingTrainer(failAt: 0, bad: 1, out: out.appending(path: "again"))
            try fresh.resume(from: out.appending(path: "snapshot.npz"))
            #expect(freshModel.parameterArrays() == model.parameterArrays())
            try fresh.run()
            #expect(fresh.updater.iteration == 20)
        }

        @Test func anInfiniteLossIsCaughtToo() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let (trainer, _) = failingTrainer(failAt: 1, bad: .infinity, out: out)
            let error = try #require(throws: TrainingError.self) { try trainer.run() }
            #expect(!FileManager.default.fileExists(atPath: out.appending(path: "snapshot.npz").path))
            #expect(!error.description.contains("snapshot"))   // none was written, so none is promised
        }

        @Test func checkFiniteLossNamesTheValue() throws {
            let loss = Variable(NDArray(scalar: -.infinity, dtype: .float64))
            let error = try #require(throws: TrainingError.self) { try checkFiniteLoss(loss, iteration: 12) }
            #expect(error.description.hasPrefix("training stopped: the loss is -inf at iteration 12."))
            try checkFiniteLoss(Variable(NDArray(scalar: 1e300, dtype: .float64)), iteration: 1)
        }
    }
}
