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
                let state = try iterator.savedState()
                _ = iterator.next()
                try iterator.restore(state)
                #expect(iterator.iteration == 1)
            }
        }
    }
}

extension DatasetIterator {
    /// The iterator's saved position, as a snapshot holds it (through a ``StateWriter``).
    func savedState() throws -> [String: SavedValue] {
        let writer = StateWriter()
        try serialize(writer)
        return writer.entries
    }

    /// Resumes from `state` (through a ``StateReader``).
    func restore(_ state: [String: SavedValue]) throws {
        try serialize(StateReader(state))
    }
}
