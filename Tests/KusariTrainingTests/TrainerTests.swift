import Foundation
import Kusari
import Testing

extension Training {
    @Suite struct TrainerTests {
        typealias F = TrainingFixtures

        /// A trainer over the 20-example regression with batch 4 (5 iterations per epoch) or a wrapping
        /// 18-example set (epoch boundaries inside batches).
        func makeTrainer(stop: (Int, TriggerUnit), count: Int = 20, out: URL,
                         optimizer: Optimizer = Adam(alpha: 0.01)) -> (Trainer, StandardUpdater, F.Regressor) {
            let model = F.Regressor(seed: 1)
            let iterator = SerialIterator(F.regressionData(count: count), batchSize: 4, generator: RandomGenerator(seed: 2))
            let updater = StandardUpdater(iterator: iterator, optimizer: optimizer.setup(model), lossFunction: F.mse(model))
            return (Trainer(updater: updater, stopTrigger: stop, out: out), updater, model)
        }

        struct StopCase: Sendable, CustomTestStringConvertible {
            let period: Int, unit: TriggerUnit, examples: Int, iterations: Int
            var testDescription: String { "(\(period), .\(unit)) over \(examples) examples" }
        }

        @Test(arguments: [StopCase(period: 3, unit: .epoch, examples: 20, iterations: 15),
                          StopCase(period: 7, unit: .iteration, examples: 20, iterations: 7),
                          StopCase(period: 2, unit: .epoch, examples: 18, iterations: 9),    // 36 = 9 · 4
                          StopCase(period: 1, unit: .epoch, examples: 18, iterations: 5)])   // wraps at 20
        func stopsAtTheRightIteration(_ c: StopCase) throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let (trainer, updater, _) = makeTrainer(stop: (c.period, c.unit), count: c.examples, out: out)
            try trainer.run()
            #expect(updater.iteration == c.iterations)
            if c.unit == .epoch { #expect(updater.epoch == c.period) }
        }

        @Test func trainingReducesTheLoss() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let (trainer, _, model) = makeTrainer(stop: (40, .epoch), out: out, optimizer: Adam(alpha: 0.05))
            let data = F.regressionData()
            let loss = { meanSquaredError(model(Variable(data.arrays[0])), Variable(data.arrays[1])).data.scalar }
            let before = loss()
            try trainer.run()
            #expect(loss() < before / 10, "loss \(before) → \(loss())")
        }

        @Test func extensionsRunInPriorityOrderThenRegistrationOrder() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let (trainer, _, _) = makeTrainer(stop: (2, .iteration), out: out)
            var order: [String] = []
            let labels = [("readerA", ExtensionPriority.reader), ("writer", ExtensionPriority.writer),
                          ("readerB", ExtensionPriority.reader), ("editor", ExtensionPriority.editor),
                          ("last", -5), ("readerC", ExtensionPriority.reader)]
            for (label, priority) in labels {
                trainer.extend(F.Recorder(label, priority: priority) { _ in order.append(label) })
            }
            try trainer.run()
            let once = ["writer", "editor", "readerA", "readerB", "readerC", "last"]
            #expect(trainer.extensionNames == once)
            #expect(order == once + once)
        }

        @Test func extensionsSeeTheIterationsObservationAndNamesAreMadeUnique() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let (trainer, _, _) = makeTrainer(stop: (3, .iteration), out: out)
            var losses: [Double] = []
            trainer.extend(F.Recorder("r") { losses.append($0.observation["main/loss"] ?? .nan) })
            trainer.extend(F.Recorder("r"), trigger: (2, .iteration))
            #expect(trainer.extensionNames == ["r", "r_2"])
            try trainer.run()
            #expect(losses.count == 3 && losses.allSatisfy { $0.isFinite && $0 > 0 })
        }

        @Test func runReturnsAtOnceWhenTheEndIsAlreadyReached() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let (trainer, updater, _) = makeTrainer(stop: (4, .iteration), out: out)
            try trainer.run()
            try trainer.run()                   // used to run on to iteration 8
            #expect(updater.iteration == 4)
            let (longer, longerUpdater, _) = makeTrainer(stop: (6, .iteration), out: out)
            try longer.restore(trainer.state())
            try longer.run()
            #expect(longerUpdater.iteration == 6)
        }
    }
}
