import Foundation
import Kusari
import Testing

extension Training {
    @Suite struct BPTTUpdaterTests {
        typealias F = TrainingFixtures

        /// `points` points as 2 streams of one-step windows (`⌊(points − 1) / 2⌋` batches per pass).
        func make(points: Int, bpttLength: Int, stride: Int = 1, everyOffset: Bool = false)
            -> (BPTTUpdater, F.Accumulator, ParallelSequentialIterator) {
            let model = F.Accumulator(seed: 51)
            let iterator = ParallelSequentialIterator(F.sineSeries(points), batchSize: 2, timesteps: 1, stride: stride,
                                                      everyOffset: everyOffset)
            let updater = BPTTUpdater(iterator: iterator, optimizer: Adam(alpha: 0.01).setup(model), predictor: model,
                                      bpttLength: bpttLength)
            return (updater, model, iterator)
        }

        @Test func accumulatesBpttLengthStepsPerUpdateAndKeepsTheState() throws {
            let (updater, model, iterator) = make(points: 13, bpttLength: 3)   // 6 batches per epoch
            let reporter = Reporter()
            var reported: [Double] = []
            for _ in 0..<3 {
                try reporter.scope { try updater.update() }
                reported.append(reporter.observation["main/loss"]!)
            }
            #expect(iterator.iteration == 9 && updater.iteration == 3 && updater.optimizer.t == 3)
            #expect(model.inputs.count == 9 && model.inputs.allSatisfy { $0.shape == [2, 1] })
            #expect(model.resetPositions == [0, 6])                            // start and epoch 2 only
            #expect(model.incoming[3] === model.outputs[2] && model.incomingDetached[3])
            #expect(model.incoming[1] === model.outputs[0])                    // within a chunk: the live graph
            #expect(reported.allSatisfy { $0.isFinite && $0 > 0 })
        }

        @Test func reportsTheMeanStepLossOfTheChunk() throws {
            let (updater, model, iterator) = make(points: 13, bpttLength: 3)
            let twin = F.Accumulator(seed: 51)
            let reporter = Reporter()
            try reporter.scope { try updater.update() }
            let losses = (0..<3).map { k -> Double in
                let v = iterator.series.doubleValues
                let x = NDArray([v[k], v[6 + k]], shape: [2, 1], dtype: .float32)
                let t = NDArray([v[k + 1], v[7 + k]], shape: [2, 1], dtype: .float32)
                return meanSquaredError(twin(Variable(x)), Variable(t)).data.scalar
            }
            let mean = losses.reduce(0, +) / 3
            #expect(abs(reporter.observation["main/loss"]! - mean) <= 1e-6 * mean)
            #expect(model.inputs.map(\.data) == twin.inputs.map(\.data))
        }

        @Test func resetsAtEveryPassWithEveryOffset() throws {
            // Stride 2: each pass is 3 batches, 2 passes (offsets 0 and 1) per epoch.
            let (updater, model, iterator) = make(points: 13, bpttLength: 3, stride: 2, everyOffset: true)
            #expect(iterator.batchesPerPass == 3 && iterator.passesPerEpoch == 2)
            for _ in 0..<3 { try updater.update() }
            #expect(model.resetPositions == [0, 3, 6])
        }

        @Test func epochTriggersFireWhenAChunkCrossesTheBoundary() throws {
            // 3 batches per epoch, 2 per update: epochs end inside updates 2 and 5 and at the end of update 3.
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let (updater, _, _) = make(points: 8, bpttLength: 2)
            let trainer = Trainer(updater: updater, stopTrigger: (3, .epoch), out: out)
            let log = LogReport()
            trainer.extend(log)
            try trainer.run()
            #expect(updater.iteration == 5 && updater.epoch == 3)
            #expect(log.log.map { $0["iteration"] } == [2, 3, 5])
            #expect(log.log.map { $0["epoch"] } == [1, 2, 3])

            let (short, _, _) = make(points: 8, bpttLength: 2)
            try Trainer(updater: short, stopTrigger: (1, .epoch), out: out).run()
            #expect(short.iteration == 2)                                       // used to run to iteration 3
        }
    }
}
