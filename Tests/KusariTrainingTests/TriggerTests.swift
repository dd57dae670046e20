import Foundation
import Kusari
import Testing

extension Training {
    /// Triggers driven by a ``ScriptedUpdater``: the tests set the position and the observation by hand.
    @Suite struct TriggerTests {
        let updater = ScriptedUpdater()
        let trainer: Trainer

        init() {
            trainer = Trainer(updater: updater, stopTrigger: (1, .iteration),
                              out: FileManager.default.temporaryDirectory.appending(path: "unused"))
        }

        /// Moves to the given position, reports `values` as the iteration's observation and asks `trigger`.
        func check<T: Trigger>(_ trigger: inout T, iteration: Int, epochDetail: Double,
                               _ values: [String: Double] = [:]) -> Bool {
            updater.advance(to: iteration, epochDetail: epochDetail)
            trainer.reporter.scope { report(values) }
            return trigger.shouldFire(trainer)
        }

        @Test func intervalByIteration() {
            var trigger = IntervalTrigger(3, .iteration)
            let fired = (1...10).filter { check(&trigger, iteration: $0, epochDetail: Double($0) / 4) }
            #expect(fired == [3, 6, 9])
        }

        @Test func intervalByEpochFiresWhenAnUpdateCrossesAMultiple() {
            // 2.5 iterations per epoch: boundaries are crossed inside iterations 3 and 5, 8 and 10.
            var every = IntervalTrigger(1, .epoch), second = IntervalTrigger(2, .epoch)
            var fired: [Int] = [], firedSecond: [Int] = []
            for i in 1...10 {
                updater.advance(to: i, epochDetail: Double(i) / 2.5)
                if every.shouldFire(trainer) { fired.append(i) }
                if second.shouldFire(trainer) { firedSecond.append(i) }
            }
            #expect(fired == [3, 5, 8, 10])
            #expect(firedSecond == [5, 10])
        }

        @Test func intervalByEpochCatchesAJumpOverTheBoundary() {
            // One update covering epochs 1.5 → 4.5 crosses epoch 2 and 4, though neither ends it.
            var trigger = IntervalTrigger(2, .epoch)
            updater.advance(to: 1, epochDetail: 1.5)
            let first = trigger.shouldFire(trainer)
            updater.advance(to: 2, epochDetail: 4.5)
            let second = trigger.shouldFire(trainer)
            #expect(!first && second)
        }

        @Test func intervalByEpochWithoutPreviousDetailUsesIsNewEpoch() {
            var trigger = IntervalTrigger(2, .epoch)
            var fired: [Int] = []
            for i in 1...8 {
                updater.advance(to: i, epochDetail: Double(i) / 2, tracksPrevious: false)
                if trigger.shouldFire(trainer) { fired.append(i) }
            }
            #expect(fired == [4, 8])
        }

        @Test func minValueTriggerFiresOnlyOnImprovementOfTheIntervalMean() {
            var trigger = BestValueTrigger.min(key: "validation/main/loss", trigger: (2, .iteration))
            let losses: [Double] = [3, 5, 2, 4, 9, 9, 1, 1.5, 2, 2]   // interval means 4, 3, 9, 1.25, 2
            let fired = losses.indices.filter { i in
                check(&trigger, iteration: i + 1, epochDetail: 0, ["validation/main/loss": losses[i]])
            }.map { $0 + 1 }
            #expect(fired == [2, 4, 8])
        }

        @Test func maxValueTriggerAndAMissingKey() {
            var trigger = BestValueTrigger.max(key: "accuracy", trigger: (1, .iteration))
            let fired = [0.5, 0.4, 0.6, 0.6, 0.7].enumerated().filter { i, a in
                check(&trigger, iteration: i + 1, epochDetail: 0, ["accuracy": a])
            }.map { $0.offset + 1 }
            #expect(fired == [1, 3, 5])
            #expect(!check(&trigger, iteration: 6, epochDetail: 0, ["other": 1]))
        }

        @Test func earlyStoppingAfterPatienceChecksWithoutImprovement() {
            var trigger = EarlyStoppingTrigger(monitor: "validation/main/loss", patience: 2,
                                               checkTrigger: (1, .epoch), maxTrigger: (100, .epoch))
            // Two iterations per epoch; the check uses the epoch's mean: 1.0, 0.5, 0.4, 0.45, 0.6, 0.4.
            let losses: [Double] = [1.2, 0.8, 0.5, 0.5, 0.3, 0.5, 0.45, 0.45, 0.6, 0.6, 0.4, 0.4]
            var stoppedAt: Int?
            for (i, loss) in losses.enumerated() where stoppedAt == nil {
                if check(&trigger, iteration: i + 1, epochDetail: Double(i + 1) / 2, ["validation/main/loss": loss]) {
                    stoppedAt = i + 1
                }
            }
            #expect(stoppedAt == 10)   // 0.4 at epoch 3, then 0.45 and 0.6: two checks without improvement
        }

        @Test func earlyStoppingStopsAtMaxTriggerWhileStillImproving() {
            var trigger = EarlyStoppingTrigger(monitor: "main/loss", patience: 1, maxTrigger: (3, .epoch))
            var stoppedAt: Int?
            for i in 1...20 where stoppedAt == nil {
                if check(&trigger, iteration: i, epochDetail: Double(i) / 4, ["main/loss": 1 / Double(i)]) {
                    stoppedAt = i
                }
            }
            #expect(stoppedAt == 12)
        }

        @Test func earlyStoppingEndsARealTrainingRun() throws {
            // With lr 0 the loss never improves: best at epoch 1, then 2 non-improving checks.
            let out = try TrainingFixtures.temporaryFolder()
            defer { TrainingFixtures.removeFolder(out) }
            let model = TrainingFixtures.Regressor(seed: 1)
            let iterator = SerialIterator(TrainingFixtures.regressionData(), batchSize: 4, shuffle: false)
            let updater = StandardUpdater(iterator: iterator, optimizer: SGD(lr: 0).setup(model),
                                          lossFunction: TrainingFixtures.mse(model))
            let stop = EarlyStoppingTrigger(monitor: "main/loss", patience: 2, maxTrigger: (50, .epoch))
            try Trainer(updater: updater, stopTrigger: stop, out: out).run()
            #expect(updater.iteration == 15 && updater.epoch == 3)
        }
    }
}
