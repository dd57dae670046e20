import Kusari
import Testing

/// Groups the tests of `Sources/Kusari/Iterators` so `swift test --filter Iterators` selects them.
@Suite enum Iterators {}

extension Iterators {
    @Suite struct ProtocolTests {
        /// Updaters hold iterators as `any DatasetIterator<[NDArray]>`; both batch-of-arrays iterators fit.
        @Test func iteratorsWorkThroughTheExistential() throws {
            let series = NDArray((0..<100).map { Double($0) }, shape: [100, 1])
            let (x, t) = windows(series, length: 5)
            let iterators: [any DatasetIterator<[NDArray]>] = [
                SerialIterator(TupleDataset(x, t), batchSize: 4, generator: RandomGenerator(seed: 0)),
                ParallelSequentialIterator(series, batchSize: 4, timesteps: 5),
            ]
            for iterator in iterators {
                let batch = try #require(iterator.next())
                #expect(batch[0].shape == [4, 5, 1] && batch[1].shape == [4, 1])
                #expect(iterator.iteration == 1 && iterator.previousEpochDetail == 0)
                let state = iterator.state
                _ = iterator.next()
                try iterator.restore(state)
                #expect(iterator.iteration == 1)
            }
        }
    }
}
