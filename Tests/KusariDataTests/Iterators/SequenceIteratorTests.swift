import Testing
import Kusari
@testable import KusariData

extension Iterators {
    @Suite struct SequenceIteratorTests {
        /// Row i of the series is [i, 1000 + i], so values reveal positions.
        func series(_ n: Int) -> NDArray {
            NDArray((0..<n).flatMap { [Double($0), 1000 + Double($0)] }, shape: [n, 2], dtype: .float64)
        }

        @Test func trainingStepsAndOffsetRange() {
            let iterator = SequenceIterator(series(150), batchSize: 10, sequenceLength: 10, supportLength: 5,
                                            generator: RandomGenerator(seed: 3))
            #expect(iterator.offsetCount == 138 && iterator.supportLength == 5)
            var drawn = Set<Int>()
            for _ in 0..<300 {
                guard let steps = iterator.next() else { Issue.record("a training iterator ran out"); return }
                #expect(steps.count == 10)
                let offsets = iterator.offsets
                #expect(offsets.count == 10 && offsets.allSatisfy { (0..<138).contains($0) })
                drawn.formUnion(offsets)
                for (i, step) in steps.enumerated() {
                    #expect(step[0].shape == [10, 2] && step[1].shape == [10, 2])
                    #expect(step[0].doubleValues.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
                            == offsets.map { Double($0 + i) })
                    #expect(step[1].element(at: [0, 1]) == 1000 + Double(offsets[0] + i + 1))
                }
            }
            #expect(drawn.contains(0) && drawn.contains(137) && drawn.count > 130)
        }

        @Test func hundredEpochsAreFifteenHundredIterations() {
            let iterator = SequenceIterator(series(150), batchSize: 10, sequenceLength: 10,
                                            generator: RandomGenerator(seed: 0))
            var newEpochs = 0
            for i in 1...1500 {
                _ = iterator.next()
                if iterator.isNewEpoch { newEpochs += 1 }
                if i == 15 { #expect(iterator.isNewEpoch && iterator.epoch == 1) }
                if i == 16 { #expect(!iterator.isNewEpoch && iterator.epochDetail == 16.0 / 15) }
            }
            #expect(iterator.epoch == 100 && newEpochs == 100 && iterator.epochDetail == 100)
        }

        @Test func evaluationCoversEveryOffsetOnce() {
            let iterator = SequenceIterator(series(50), batchSize: 1, sequenceLength: 20, supportLength: 1,
                                            repeat: false)
            guard let steps = iterator.next() else { Issue.record("no evaluation batch"); return }
            #expect(iterator.offsets == Array(0..<28))
            #expect(steps.count == 20 && steps[19][0].shape == [28, 2])
            #expect(steps[19][1].element(at: [27, 0]) == 27 + 19 + 1)
            #expect(iterator.isNewEpoch && iterator.epoch == 1 && iterator.next() == nil)
            iterator.reset()
            #expect(iterator.next() != nil)
        }

        @Test func seedAndRestoreReproduceOffsets() throws {
            func offsets(_ it: SequenceIterator, _ count: Int) -> [[Int]] {
                (0..<count).map { _ in _ = it.next(); return it.offsets }
            }
            let a = SequenceIterator(series(150), batchSize: 10, sequenceLength: 10, generator: RandomGenerator(seed: 8))
            let b = SequenceIterator(series(150), batchSize: 10, sequenceLength: 10, generator: RandomGenerator(seed: 8))
            #expect(offsets(a, 5) == offsets(b, 5))
            let saved = try a.savedState()
            let expected = offsets(a, 5)
            let c = SequenceIterator(series(150), batchSize: 10, sequenceLength: 10, generator: RandomGenerator(seed: 1))
            try c.restore(saved)
            #expect(c.iteration == 5 && offsets(c, 5) == expected)
            var wrong = saved
            wrong["sequence_length"] = .integer(20)
            #expect(throws: DatasetError.self) { try c.restore(wrong) }
        }
    }
}
