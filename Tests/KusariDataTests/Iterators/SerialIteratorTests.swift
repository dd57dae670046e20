import Testing
import Kusari
@testable import KusariData

extension Iterators {
    @Suite struct SerialIteratorTests {
        /// A dataset whose example i is [i]: batches show which examples they hold.
        func numbered(_ n: Int) -> TupleDataset {
            TupleDataset(NDArray((0..<n).map { Double($0) }, shape: [n], dtype: .float64))
        }

        func ids(_ batch: [NDArray]?) -> [Int] { batch?[0].doubleValues.map { Int($0) } ?? [] }

        @Test func repeatingEpochWrapsLikeChainer() {
            let iterator = SerialIterator(numbered(144), batchSize: 10, generator: RandomGenerator(seed: 1))
            var seen: [Int] = []
            for i in 1...14 {
                seen += ids(iterator.next())
                #expect(!iterator.isNewEpoch && iterator.epoch == 0 && iterator.iteration == i)
            }
            #expect(iterator.epochDetail == 140.0 / 144)
            let wrapping = ids(iterator.next())                 // 4 from epoch 0, 6 from epoch 1
            #expect(wrapping.count == 10)
            seen += wrapping.prefix(4)
            #expect(seen.sorted() == Array(0..<144))            // epoch 0 visits every example once
            #expect(seen != Array(0..<144))                     // … shuffled
            #expect(iterator.isNewEpoch && iterator.epoch == 1 && iterator.currentPosition == 6)
            #expect(iterator.previousEpochDetail == 140.0 / 144)
            #expect(abs(iterator.epochDetail - (1 + 6.0 / 144)) < 1e-15)
            #expect(!ids(iterator.next()).contains { wrapping.suffix(6).contains($0) })   // same epoch-1 order
        }

        @Test func evenEpochsAndBatchLargerThanDataset() {
            let iterator = SerialIterator(numbered(180), batchSize: 10, shuffle: false)
            for _ in 0..<17 { _ = iterator.next() }
            #expect(ids(iterator.next()) == Array(170..<180) && iterator.isNewEpoch && iterator.epoch == 1)
            #expect(ids(iterator.next()) == Array(0..<10) && !iterator.isNewEpoch)
            let big = SerialIterator(numbered(3), batchSize: 7, shuffle: false)
            #expect(ids(big.next()) == [0, 1, 2, 0, 1, 2, 0] && big.epoch == 2 && big.currentPosition == 1)
        }

        @Test func withoutWrappingEachEpochEndsWithAShortBatch() {
            let iterator = SerialIterator(numbered(144), batchSize: 10, wrapsAround: false,
                                          generator: RandomGenerator(seed: 2))
            for epoch in 0..<3 {
                var seen: [Int] = []
                for i in 1...15 {
                    let batch = ids(iterator.next())
                    #expect(batch.count == (i == 15 ? 4 : 10))
                    #expect(iterator.isNewEpoch == (i == 15) && iterator.epoch == (i == 15 ? epoch + 1 : epoch))
                    seen += batch
                }
                #expect(seen.sorted() == Array(0..<144))
            }
            #expect(iterator.iteration == 45 && iterator.epochDetail == 3)
        }

        @Test func nonRepeatingStopsAfterAShortLastBatch() {
            let iterator = SerialIterator(numbered(25), batchSize: 10, repeat: false, shuffle: false)
            let batches = Array(iterator)
            #expect(batches.map { ids($0) } == [Array(0..<10), Array(10..<20), Array(20..<25)])
            #expect(iterator.next() == nil && iterator.epoch == 1 && iterator.iteration == 3)
            iterator.reset()
            #expect(ids(iterator.next()) == Array(0..<10) && iterator.epoch == 0)
        }

        @Test func sameSeedSameBatchesAndResetReplays() {
            let a = SerialIterator(numbered(50), batchSize: 8, generator: RandomGenerator(seed: 42))
            let b = SerialIterator(numbered(50), batchSize: 8, generator: RandomGenerator(seed: 42))
            let c = SerialIterator(numbered(50), batchSize: 8, generator: RandomGenerator(seed: 43))
            let fromA = (0..<20).map { _ in ids(a.next()) }
            #expect(fromA == (0..<20).map { _ in ids(b.next()) })
            #expect(fromA != (0..<20).map { _ in ids(c.next()) })
            #expect(Set(fromA[0...5].joined()).count == 48)    // no repeats within an epoch
            a.reset()
            #expect((0..<20).map { _ in ids(a.next()) } == fromA)
        }

        @Test func restoreReproducesTheFutureBatches() throws {
            let original = SerialIterator(numbered(30), batchSize: 7, generator: RandomGenerator(seed: 5))
            for _ in 0..<9 { _ = original.next() }
            let saved = try original.savedState()
            let expected = (0..<15).map { _ in ids(original.next()) }
            // Built from a different generator: the saved seed wins.
            let resumed = SerialIterator(numbered(30), batchSize: 7, generator: RandomGenerator(seed: 99))
            try resumed.restore(saved)
            #expect(resumed.iteration == 9 && saved["epoch"] == .integer(resumed.epoch))
            #expect((0..<15).map { _ in ids(resumed.next()) } == expected)
            // Every counter, flag and configuration value is saved as an integer; only the fraction is not.
            for (key, value) in saved where key != "previous_epoch_detail" {
                #expect(value.dtypeName == "int64" && value.shape == [], "\(key)")
            }
            #expect(saved["previous_epoch_detail"]?.dtypeName == "float64")
        }

        @Test func restoreRejectsAStateThatDoesNotFit() throws {
            let iterator = SerialIterator(numbered(30), batchSize: 7, generator: RandomGenerator(seed: 5))
            var state = try iterator.savedState()
            state["dataset_count"] = .integer(31)
            #expect(throws: DatasetError.invalidIteratorState(
                "SerialIterator: saved with dataset_count = 31, but this iterator has 30")) { try iterator.restore(state) }
            state = try iterator.savedState()
            state["epoch"] = nil
            #expect(throws: StateError("the saved state has no 'epoch'")) { try iterator.restore(state) }
            state = try iterator.savedState()
            state["current_position"] = .integer(30)
            #expect(throws: StateError("'current_position' = 30 is out of range (0...29)")) { try iterator.restore(state) }
        }

        @Test("a position saved before counters were integers (float64 whole numbers) still resumes")
        func restoresFloat64Counters() throws {
            let original = SerialIterator(numbered(30), batchSize: 7, generator: RandomGenerator(seed: 5))
            for _ in 0..<9 { _ = original.next() }
            let old = try original.savedState().mapValues { SavedValue.array($0.ndarray) }   // all float64
            #expect(old.values.allSatisfy { $0.dtypeName == "float64" })
            let expected = (0..<15).map { _ in ids(original.next()) }
            let resumed = SerialIterator(numbered(30), batchSize: 7, generator: RandomGenerator(seed: 99))
            try resumed.restore(old)
            #expect((0..<15).map { _ in ids(resumed.next()) } == expected)
        }
    }
}
