import Foundation
import Kusari
import KusariDistributed

/// The set-up of a data-parallel Trainer run, built the same way for the original and the resumed run.
struct DistributedRun {
    let model = TinyRecurrent(seed: 3)
    let trainer: Trainer
    let log = LogReport()

    init(communicator comm: any Communicator, out: URL, epochs: Int) throws {
        let shard = try scatterDataset(sequenceData(count: 24), communicator: comm, shuffle: true, seed: 5)
        let iterator = SerialIterator(shard, batchSize: 6 / comm.size, generator: RandomGenerator(seed: 11))
        let optimizer = try MultiNodeOptimizer(wrapping: Adam(alpha: 0.01), communicator: comm).setup(model)
        let updater = StandardUpdater(iterator: iterator, optimizer: optimizer) { [model] batch in
            model.loss(batch.map(\.data))
        }
        trainer = Trainer(updater: updater, stopTrigger: (epochs, .epoch), out: out)
        let validation = try scatterDataset(sequenceData(count: 8), communicator: comm)
        let evaluator = Evaluator(iterator: SerialIterator(validation, batchSize: 4 / comm.size, repeat: false, shuffle: false)) {
            [model] batch in ["main/loss": model.loss(batch).data.scalar]
        }
        trainer.extend(MultiNodeEvaluator(evaluator, communicator: comm))
        trainer.extend(RootOnly(log, communicator: comm))
        // Every rank snapshots its own iterator position; rank 0's file alone would do for the model.
        trainer.extend(Snapshot(fileName: "snapshot_iter_{iteration}_rank\(comm.rank).npz"), trigger: (2, .epoch))
    }
}

/// A 2-rank run stopped after 2 epochs and resumed from its per-rank snapshots ends exactly where an
/// uninterrupted run does; only rank 0 writes the log.
func resumeChecks(_ checks: inout CheckList) throws {
    let comm = checks.communicator
    var token = NDArray([Double(ProcessInfo.processInfo.processIdentifier)], dtype: .float64)
    try comm.broadcast(&token, root: 0)   // one folder per job, the same on every rank
    let root = FileManager.default.temporaryDirectory.appending(path: "kusari-mpi-tests-\(Int(token.scalar))")
    defer { if comm.rank == 0 { try? FileManager.default.removeItem(at: root) } }

    let straight = try DistributedRun(communicator: comm, out: root.appending(path: "straight"), epochs: 4)
    try straight.trainer.run()

    let first = try DistributedRun(communicator: comm, out: root.appending(path: "resumed"), epochs: 2)
    try first.trainer.run()
    let snapshot = root.appending(path: "resumed/snapshot_iter_\(first.trainer.updater.iteration)_rank\(comm.rank).npz")
    let resumed = try DistributedRun(communicator: comm, out: root.appending(path: "resumed"), epochs: 4)
    try resumed.trainer.resume(from: snapshot)
    try resumed.trainer.run()

    checks.expect(flatParameters(resumed.model) == flatParameters(straight.model),
                  "resume from per-rank snapshots continues exactly",
                  "max |Δθ| = \(maxAbsDifference(flatParameters(resumed.model), flatParameters(straight.model)))")
    checks.expect(try identicalOnEveryRank(flatParameters(resumed.model), comm), "identical parameters after Trainer runs")
    let entries = try comm.allgather(Double(straight.log.log.count))
    checks.expect(entries[0] == 4 && entries.dropFirst().allSatisfy { $0 == 0 }, "only rank 0 runs the LogReport",
                  "log entries per rank: \(entries)")
    try comm.barrier()   // nobody deletes the folder while another rank still reads it
}

/// BatchShardIterator + Trainer on p ranks reproduces the single-process Trainer run with the same global
/// batches (the reference runs on every rank, in-process, from the same seeds).
func batchShardChecks(_ checks: inout CheckList) throws {
    let comm = checks.communicator
    let out = FileManager.default.temporaryDirectory.appending(path: "kusari-mpi-batch-shard-\(comm.rank)")
    defer { try? FileManager.default.removeItem(at: out) }
    func train(_ communicator: any Communicator) throws -> [Double] {
        let model = TinyRecurrent(seed: 21)
        let global = SerialIterator(sequenceData(count: 36), batchSize: 12, generator: RandomGenerator(seed: 22))
        let iterator = BatchShardIterator(global, communicator: communicator)
        let optimizer = try MultiNodeOptimizer(wrapping: Adam(alpha: 0.01), communicator: communicator).setup(model)
        let updater = StandardUpdater(iterator: iterator, optimizer: optimizer) { batch in model.loss(batch.map(\.data)) }
        try Trainer(updater: updater, stopTrigger: (3, .epoch), out: out).run()
        return flatParameters(model)
    }
    let distributed = try train(comm)
    let single = try train(SingleProcessCommunicator())
    let difference = maxAbsDifference(distributed, single)
    checks.expect(difference <= 1e-5, "BatchShardIterator: \(comm.size)-rank Trainer = 1-process Trainer, 3 epochs (≤ 1e-5)",
                  "max |Δθ| = \(difference)")
}
