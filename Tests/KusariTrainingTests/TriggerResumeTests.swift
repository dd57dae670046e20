import Foundation
import Kusari
import Testing

extension Training {
    /// Triggers that remember (best values, patience) continue after a resume as if never interrupted.
    @Suite struct TriggerResumeTests {
        typealias F = TrainingFixtures

        /// The score reported in each epoch (5 iterations each): improves, stalls, improves, stalls.
        static let scores: [Double] = [5, 4, 4.5, 3, 3.5, 3.2, 2, 2.5, 2.4, 2.6]

        /// A run with an early-stopping trigger on `score` (patience 2) and a BestValueTrigger.min-driven
        /// recorder; snapshots after every iteration when `snapshots`.
        func run(out: URL, snapshots: Bool, resumeFrom: URL? = nil) throws -> (stoppedAt: Int, best: [Int]) {
            let model = F.Regressor(seed: 81)
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, generator: RandomGenerator(seed: 82))
            let updater = StandardUpdater(iterator: iterator, optimizer: SGD().setup(model), lossFunction: F.mse(model))
            let stop = EarlyStoppingTrigger(monitor: "score", patience: 2, maxTrigger: (50, .epoch))
            let trainer = Trainer(updater: updater, stopTrigger: stop, out: out)
            trainer.extend(F.Recorder("score", priority: ExtensionPriority.writer) { trainer in
                let epoch = (trainer.updater.iteration - 1) / 5
                report(["score": Self.scores[min(epoch, Self.scores.count - 1)] + Double(trainer.updater.iteration % 5) / 100])
            })
            var best: [Int] = []
            trainer.extend(F.Recorder("best") { best.append($0.updater.iteration) },
                           trigger: BestValueTrigger.min(key: "score", trigger: (1, .epoch)))
            if snapshots { trainer.extend(Snapshot(), trigger: (1, .iteration)) }
            if let resumeFrom { try trainer.resume(from: resumeFrom) }
            try trainer.run()
            return (updater.iteration, best)
        }

        @Test func earlyStoppingAndMinValueContinueAfterResume() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let straight = try run(out: out.appending(path: "straight"), snapshots: true)
            // Epoch means 5.02, 4.02, 4.52, 3.02, 3.52, 3.22 → two checks without improvement after epoch 4.
            #expect(straight.stoppedAt == 30)
            #expect(straight.best == [5, 10, 20])
            // Resume from inside an epoch, from a check, and from the very iteration that stopped.
            for k in [13, 15, 22, 25, 30] {
                let resumed = try run(out: out.appending(path: "resumed\(k)"), snapshots: false,
                                      resumeFrom: out.appending(path: "straight/snapshot_iter_\(k).npz"))
                #expect(resumed.stoppedAt == 30, "resumed from iteration \(k)")   // 30: returns at once
                #expect(resumed.best == straight.best.filter { $0 > k }, "resumed from iteration \(k)")
            }
        }
    }
}
