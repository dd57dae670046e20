import Foundation
import Testing
import Kusari
import KusariDistributed

// The example of Sources/KusariDistributed/KusariDistributed.docc/KusariDistributed.md, as printed there,
// with `SingleProcessCommunicator` in place of `MPICommunicator` (no MPI inside the test process) and the
// variables the page leaves to the reader (`train`, `model`) made up here. If it stops compiling or
// passing, fix the page too.
@Suite("KusariDistributed catalog example")
struct DistributedCatalogExampleTests {
    @Test func overview() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kusari-catalog-distributed-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let x = NDArray.uniform([64, 1], generator: RandomGenerator(seed: 0))
        let train = TupleDataset(x, 2 * x + 1)
        let model = Linear(1, 1, generator: RandomGenerator(seed: 2))

        let comm = SingleProcessCommunicator()                            // rank 0 of size 1
        let shard = try scatterDataset(train, communicator: comm, shuffle: true, seed: 0)
        let iterator = SerialIterator(shard, batchSize: 32 / comm.size, generator: RandomGenerator(seed: 1))
        let optimizer = try MultiNodeOptimizer(wrapping: Adam(), communicator: comm).setup(model)
        let updater = StandardUpdater(iterator: iterator, optimizer: optimizer) { v in
            meanSquaredError(model(v[0]), v[1])                           // this rank's mean loss
        }
        let trainer = Trainer(updater: updater, stopTrigger: (20, .epoch), out: folder)
        let log = LogReport()
        trainer.extend(RootOnly(log, communicator: comm))                 // one log, written by rank 0
        comm.abortOnError { try trainer.run() }                           // a failing rank ends every rank

        #expect(shard.count == 64)
        #expect(log.log.count == 20)
        #expect(optimizer.t == 40)                                        // 2 batches of 32 per epoch
    }
}
