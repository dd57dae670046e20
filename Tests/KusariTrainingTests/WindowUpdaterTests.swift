import Foundation
import Kusari
import Testing

extension Training {
    @Suite struct WindowUpdaterTests {
        typealias F = TrainingFixtures

        func make(_ iterator: any DatasetIterator<[NDArray]>, carryState: Bool) -> (WindowUpdater, F.Accumulator) {
            let model = F.Accumulator(seed: 41)
            let updater = WindowUpdater(iterator: iterator, optimizer: Adam(alpha: 0.01).setup(model), predictor: model,
                                        carryState: carryState)
            return (updater, model)
        }

        /// 40 points, 3 streams, windows of 4: 3 batches per epoch, each batch 4 model calls.
        func parallel(everyOffset: Bool = false) -> ParallelSequentialIterator {
            ParallelSequentialIterator(F.sineSeries(40).reshaped([40]), batchSize: 3, timesteps: 4,
                                       everyOffset: everyOffset)
        }

        @Test func statelessResetsBeforeEveryBatch() throws {
            let (updater, model) = make(parallel(), carryState: false)
            for _ in 0..<4 { try updater.update() }
            #expect(model.resetPositions == [0, 4, 8, 12])
            #expect((0..<4).allSatisfy { model.incoming[4 * $0] == nil })
            #expect(model.inputs.allSatisfy { $0.shape == [3, 1] })
        }

        @Test func statefulCarriesTheDetachedStateAcrossBatchesAndResetsEachEpoch() throws {
            let (updater, model) = make(parallel(), carryState: true)
            let reporter = Reporter()
            for _ in 0..<4 { try reporter.scope { try updater.update() } }
            #expect(model.resetPositions == [0, 12])                   // start, and epoch 2 (batch 4)
            for k in [1, 2] {
                let start = 4 * k
                let carried = try #require(model.incoming[start], "batch \(k) starts from the carried state")
                #expect(carried === model.outputs[start - 1], "h at the start of batch \(k) is h at the end of batch \(k - 1)")
                #expect(model.incomingDetached[start], "the carried state has no creator")
                #expect(carried.creator == nil)
            }
            #expect(model.incoming[12] == nil)
            #expect(updater.epoch == 1 && reporter.observation["main/loss"]!.isFinite)
        }

        @Test func statefulResetsAtEachPassWithEveryOffset() throws {
            let iterator = parallel(everyOffset: true)                // 4 passes of 3 batches per epoch
            #expect(iterator.passesPerEpoch == 4 && iterator.batchesPerPass == 3)
            let (updater, model) = make(iterator, carryState: true)
            for _ in 0..<7 { try updater.update() }
            #expect(model.resetPositions == [0, 12, 24])
            #expect(model.incoming[4] === model.outputs[3] && model.incoming[16] === model.outputs[15])
        }

        @Test func statefulOverASerialIteratorResetsAtEpochStarts() throws {
            let series = F.sineSeries(12).reshaped([12])
            let (x, t) = windows(series, length: 3)                    // 9 windows: 3 batches of 3
            let iterator = SerialIterator(TupleDataset(x, t), batchSize: 3, shuffle: false)
            let (updater, model) = make(iterator, carryState: true)
            for _ in 0..<5 { try updater.update() }
            #expect(model.resetPositions == [0, 9])
            #expect(model.incoming[3] === model.outputs[2] && model.incoming[12] === model.outputs[11])
        }

        @Test func runWindowFeedsTheStepsInOrder() {
            let model = F.Accumulator(seed: 42)
            let window = NDArray((0..<6).map(Double.init), shape: [2, 3], dtype: .float32)
            let y = runWindow(window, through: model)
            #expect(model.inputs.map { $0.data.doubleValues } == [[0, 3], [1, 4], [2, 5]])
            #expect(y === model.outputs.last)
        }
    }
}
