import Foundation
import Kusari
import Testing

extension Training {
    @Suite struct EvaluatorTests {
        typealias F = TrainingFixtures

        /// A trainer over the regression set (5 iterations per epoch) with `extensions` added.
        func trainer(_ model: F.Regressor, epochs: Int, out: URL) -> Trainer {
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, generator: RandomGenerator(seed: 2))
            let updater = StandardUpdater(iterator: iterator, optimizer: Adam(alpha: 0.01).setup(model),
                                          lossFunction: F.mse(model))
            return Trainer(updater: updater, stopTrigger: (epochs, .epoch), out: out)
        }

        /// The mean over the batches (4, 4, 2 examples) of each batch's mean squared error, by hand.
        func handMean(_ model: F.Regressor, _ data: TupleDataset) -> Double {
            let batches = [0..<4, 4..<8, 8..<10].map { data.batch(at: Array($0)) }
            let losses = batches.map { meanSquaredError(model(Variable($0[0])), Variable($0[1])).data.scalar }
            return losses.reduce(0, +) / Double(losses.count)
        }

        @Test func reportsTheMeanOverBatchesInTestModeWithoutAGraph() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let model = F.Regressor(seed: 1)
            let validation = F.regressionData(count: 10, seed: 99)
            let iterator = SerialIterator(validation, batchSize: 4, repeat: false, shuffle: false)
            var modes: [(train: Bool, backprop: Bool, graph: Bool)] = []
            var batchSizes: [Int] = []
            let evaluator = Evaluator(iterator: iterator) { batch in
                let y = model(Variable(batch[0], requiresGrad: false))
                modes.append((Config.train, Config.enableBackprop, y.creator != nil))
                batchSizes.append(batch[0].shape[0])
                return ["main/loss": meanSquaredError(y, Variable(batch[1])).data.scalar]
            }
            let training = trainer(model, epochs: 2, out: out)
            training.extend(evaluator)
            let log = LogReport()
            training.extend(log)
            var expected: [Double] = []
            training.extend(F.Recorder("check") { trainer in
                expected.append(handMean(model, validation))
                #expect(trainer.observation["validation/main/loss"] == expected.last)
            }, trigger: (1, .epoch))
            try training.run()

            #expect(batchSizes == [4, 4, 2, 4, 4, 2])          // reset before each of the 2 evaluations
            #expect(modes.allSatisfy { !$0.train && !$0.backprop && !$0.graph })
            #expect(Config.train && Config.enableBackprop)
            #expect(expected.count == 2 && expected[0] != expected[1])
            #expect(log.log.map { $0["validation/main/loss"] } == expected)
            #expect(try evaluator.run() == ["main/loss": expected[1]])
        }

        @Test func valuesTheModelReportsGoUnderThePrefixOnly() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let model = F.Regressor(seed: 1)
            let iterator = SerialIterator(F.regressionData(count: 8, seed: 5), batchSize: 4, repeat: false, shuffle: false)
            var n = 0.0
            let evaluator = Evaluator(iterator: iterator, prefix: "val") { _ in
                n += 1
                report(["main/loss": 1000 * n])            // a model that reports, as Chainer models do
                return ["main/accuracy": n]
            }
            let training = trainer(model, epochs: 1, out: out)
            training.extend(evaluator)
            var observed: [String: Double] = [:]
            training.extend(F.Recorder("spy") { observed = $0.observation }, trigger: (1, .epoch))
            try training.run()
            #expect(observed["val/main/loss"] == 1500 && observed["val/main/accuracy"] == 1.5)
            #expect(observed["main/loss"]! < 100)               // the training loss, not the evaluator's
        }

        @Test func aRepeatingIteratorIsStoppedAfterOneEpoch() throws {
            let iterator = SerialIterator(F.regressionData(count: 10), batchSize: 4, shuffle: false)   // repeats
            var batches = 0
            let evaluator = Evaluator(iterator: iterator) { _ in
                batches += 1
                return ["n": Double(batches)]
            }
            #expect(try evaluator.run() == ["n": 2])           // 3 batches (the last wraps), then stop
            #expect(batches == 3)
        }
    }
}
