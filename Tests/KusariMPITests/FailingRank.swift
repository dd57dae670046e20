import Foundation
import Kusari
import KusariDistributed

/// How rank 1 breaks in a failure scenario.
enum Failure {
    /// Its input turns to NaN at iteration 3, so its loss is NaN (the Trainer throws).
    case nanLoss
    /// Its loss function throws at iteration 3 (a bad file, a shape error reported as an error).
    case thrownError
    /// It stops on a failed precondition (`require`) at iteration 3: the process dies by a signal.
    case crash
}

struct InjectedFailure: Error, CustomStringConvertible {
    var description: String { "injected failure in the loss function" }
}

/// Trains with 2+ ranks while rank 1 fails; the job must end with a message naming rank 1 and a
/// non-zero status, without hanging (scripts/test-mpi.sh gives it a bounded time). Never returns.
func failingRankScenario(_ comm: any Communicator, _ failure: Failure) -> Never {
    comm.abortOnError {
        let data = sequenceData()
        let model = TinyRecurrent(seed: 1)
        let shard = try scatterDataset(data, communicator: comm)
        let iterator = SerialIterator(shard, batchSize: 4, shuffle: false)
        let optimizer = try MultiNodeOptimizer(wrapping: Adam(), communicator: comm).setup(model)
        var iteration = 0
        let updater = StandardUpdater(iterator: iterator, optimizer: optimizer) { batch in
            iteration += 1
            var arrays = batch.map(\.data)
            if comm.rank == 1 && iteration >= 3 {
                switch failure {
                case .nanLoss: arrays[0] = NDArray.full(arrays[0].shape, value: .nan)
                case .thrownError: throw InjectedFailure()
                case .crash: require(false, "injected crash on rank 1")
                }
            }
            return model.loss(arrays)
        }
        let trainer = Trainer(updater: updater, stopTrigger: (1000, .epoch), out: FileManager.default.temporaryDirectory)
        try trainer.run()
    }
    print("kusari-mpi-tests: rank \(comm.rank) finished training although rank 1 should have failed")
    exit(3)
}
