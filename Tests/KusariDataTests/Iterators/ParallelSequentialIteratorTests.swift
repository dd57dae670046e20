import Testing
import Kusari
@testable import KusariData

extension Iterators {
    @Suite struct ParallelSequentialIteratorTests {
        func positions(_ n: Int) -> NDArray { NDArray((0..<n).map { Double($0) }, shape: [n], dtype: .float64) }

        /// Stream j's window in each batch begins right after its window in the previous batch ended, for any
        /// batch size, and targets are the point after each window.
        @Test(arguments: [1, 3, 6, 7])
        func consecutiveWindowsOfAStreamAreContiguous(batchSize: Int) {
            let timesteps = 6
            let iterator = ParallelSequentialIterator(positions(1000), batchSize: batchSize, timesteps: timesteps)
            var previous: [[Double]]?
            for _ in 0..<iterator.batchesPerEpoch {
                guard let batch = iterator.next() else { Issue.record("ran out"); return }
                let x = batch[0], t = batch[1]
                #expect(x.shape == [batchSize, timesteps] && t.shape == [batchSize])
                let windows = (0..<batchSize).map { x[$0].doubleValues }
                for j in 0..<batchSize {
                    #expect(windows[j] == (0..<timesteps).map { windows[j][0] + Double($0) })
                    #expect(t.doubleValues[j] == windows[j][timesteps - 1] + 1)
                    if let previous { #expect(windows[j][0] == previous[j][timesteps - 1] + 1) }
                }
                previous = windows
            }
            #expect(iterator.isNewEpoch && iterator.epoch == 1)
        }

        /// With `everyOffset`, an epoch is `stride` shifted passes: within a pass windows still continue
        /// each other, and over the epoch every window start of every stream is used exactly once.
        @Test(arguments: [1, 4, 6, 7])
        func everyOffsetUsesEveryStartOncePerEpoch(batchSize: Int) {
            let timesteps = 6
            let iterator = ParallelSequentialIterator(positions(500), batchSize: batchSize, timesteps: timesteps,
                                                      everyOffset: true, repeat: false)
            #expect(iterator.batchesPerEpoch == timesteps * iterator.batchesPerPass)
            var previous: [Double]?
            var starts: [Double] = []
            while true {
                let newPass = iterator.startsNewPass
                guard let batch = iterator.next() else { break }
                let firsts = (0..<batchSize).map { batch[0][$0].doubleValues[0] }
                if let previous, !newPass {
                    for j in 0..<batchSize { #expect(firsts[j] == previous[j] + Double(timesteps)) }
                }
                previous = firsts
                starts += firsts
            }
            let used = iterator.batchesPerPass * timesteps
            let expected = (0..<batchSize).flatMap { j in (0..<used).map { Double(j * iterator.streamLength + $0) } }
            #expect(starts.sorted() == expected.sorted())
        }

        @Test func layoutMatchesTheDiagram() {
            let iterator = ParallelSequentialIterator(positions(40), batchSize: 3, timesteps: 4, repeat: false)
            #expect(iterator.streamLength == 12 && iterator.batchesPerEpoch == 3)
            let batches = Array(iterator)
            #expect(batches.count == 3 && iterator.next() == nil)
            #expect(batches[0][0].doubleValues == [0, 1, 2, 3, 12, 13, 14, 15, 24, 25, 26, 27])
            #expect(batches[0][1].doubleValues == [4, 16, 28])
            #expect(batches[1][1].doubleValues == [8, 20, 32])
            #expect(batches[2][0].doubleValues == [8, 9, 10, 11, 20, 21, 22, 23, 32, 33, 34, 35])
            // Streams never overlap: every input position appears at most once per epoch.
            let inputs = batches.flatMap { $0[0].doubleValues }
            #expect(Set(inputs).count == inputs.count)
        }

        @Test func strideOneVisitsEveryStartAndEpochsWrap() {
            let iterator = ParallelSequentialIterator(positions(21).reshaped([21, 1]), batchSize: 2, timesteps: 3,
                                                      stride: 1)
            #expect(iterator.streamLength == 9 && iterator.batchesPerEpoch == 9)   // M = 18 starts
            var starts: [Double] = []
            for _ in 0..<9 {
                guard let batch = iterator.next() else { return }
                #expect(batch[0].shape == [2, 3, 1] && batch[1].shape == [2, 1])
                starts += [batch[0].element(at: [0, 0, 0]), batch[0].element(at: [1, 0, 0])]
            }
            #expect(starts.sorted() == (0..<18).map(Double.init))
            #expect(iterator.isNewEpoch && iterator.epochDetail == 1)
            #expect(iterator.next()?[0].element(at: [0, 0, 0]) == 0 && iterator.epoch == 1)
        }

        @Test func restoreContinuesTheStreams() throws {
            let a = ParallelSequentialIterator(positions(500), batchSize: 7, timesteps: 6)
            for _ in 0..<5 { _ = a.next() }
            let b = ParallelSequentialIterator(positions(500), batchSize: 7, timesteps: 6)
            try b.restore(a.savedState())
            #expect(b.next() == a.next())
            var wrong = try a.savedState()
            wrong["timesteps"] = .integer(5)
            #expect(throws: DatasetError.self) { try b.restore(wrong) }
        }
    }
}
