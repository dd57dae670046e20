import Testing
import Kusari
import KusariDistributed

@Suite struct SingleProcessCommunicatorTests {
    let comm = SingleProcessCommunicator()

    @Test func collectivesAreTheIdentity() throws {
        #expect(comm.rank == 0 && comm.size == 1 && comm.isRoot)
        var a = NDArray([1, 2, 3] as [Float])
        try comm.allreduceSum(&a)
        try comm.allreduceMean(&a)
        try comm.broadcast(&a)
        #expect(a.floatValues == [1, 2, 3])
        #expect(try comm.gather(4.5) == [4.5])
        #expect(try comm.allreduceMean(2.5) == 2.5)
        #expect(throws: CommunicatorError.badRoot(root: 1, size: 1)) { try comm.broadcast(&a, root: 1) }
    }

    @Test func multiNodeOptimizerOnOneRankTrainsLikeThePlainOptimizer() throws {
        let x = NDArray.normal([8, 3], generator: RandomGenerator(seed: 1))
        let t = NDArray.normal([8, 2], generator: RandomGenerator(seed: 2))
        func model() -> Linear { Linear(3, 2, generator: RandomGenerator(seed: 3)) }
        let (a, b) = (model(), model())
        let multi = try MultiNodeOptimizer(wrapping: Adam(), communicator: comm)
        let wrapped = try multi.setup(a)
        let plain = Adam().setup(b)
        for _ in 0..<3 {
            try wrapped.update { meanSquaredError(a(Variable(x)), Variable(t)) }
            try plain.update { meanSquaredError(b(Variable(x)), Variable(t)) }
        }
        #expect(a.parameters().map(\.data) == b.parameters().map(\.data))
        #expect(multi.gradientAveraging?.calls == 3)
        #expect(wrapped.t == 3)
    }

    @Test func refusesAnOptimizerThatAlreadyHasHooks() {
        let adam = Adam()
        adam.add(hook: GradientClipping(threshold: 1))
        #expect(throws: DistributedTrainingError.self) {
            try MultiNodeOptimizer(wrapping: adam, communicator: comm)
        }
    }

    @Test func refusesToBroadcastParametersWithoutValues() throws {
        let multi = try MultiNodeOptimizer(wrapping: SGD(), communicator: comm)
        #expect(throws: DistributedTrainingError.self) { try multi.setup(Linear(nil, 2)) }
    }

    @Test func rootOnlyRunsTheWrappedExtensionOnRankZero() throws {
        final class Counter: Extension {
            var calls = 0
            func callAsFunction(_ trainer: Trainer) throws { calls += 1 }
        }
        let counter = Counter()
        let wrapper = RootOnly(counter, communicator: comm)
        #expect(wrapper.isActive)
        #expect(wrapper.defaultName == "Counter")
    }
}

@Suite struct ScatterDatasetTests {
    @Test func shardsAreEqualConsecutiveAndCoverTheOrder() {
        let order = Array(0..<10)
        let shards = (0..<3).map { shardIndices(order: order, rank: $0, size: 3) }
        #expect(shards == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 0, 1]])   // ⌈10/3⌉ = 4, wrapping at the end
        #expect(Set(shards.flatMap { $0 }) == Set(order))
        #expect(shardIndices(order: order, rank: 1, size: 2) == [5, 6, 7, 8, 9])
    }

    @Test func shuffledOrderIsASeededPermutation() {
        let a = shardOrder(count: 20, shuffle: true, seed: 4)
        #expect(a == shardOrder(count: 20, shuffle: true, seed: 4))
        #expect(a != shardOrder(count: 20, shuffle: true, seed: 5))
        #expect(a.sorted() == Array(0..<20))
        #expect(shardOrder(count: 5, shuffle: false, seed: 4) == [0, 1, 2, 3, 4])
    }

    @Test func oneRankGetsTheWholeDatasetInOrder() throws {
        let data = TupleDataset(NDArray((0..<5).map { Float($0) }, shape: [5, 1]))
        let shard = try scatterDataset(data, communicator: SingleProcessCommunicator())
        #expect(shard.count == 5)
        #expect(shard.batch(at: [4, 0])[0].floatValues == [4, 0])
        #expect(shard[2][0].floatValues == [2])
    }
}
