import Kusari
import KusariDistributed

/// How the tutorial's training is spread over processes: one process (the default), or the ranks that
/// `mpirun -np p bearing-anomaly-vae --distributed` started, training data-parallel (ChainerMN's model).
///
/// With p > 1 ranks every rank runs the same program; only the training loop changes:
/// - the iterator: every rank draws the *same* shuffled global batch and keeps its B/p rows
///   (``BatchShardIterator``), so p ranks see exactly the batches one process sees;
/// - the optimizer: ``MultiNodeOptimizer`` broadcasts rank 0's initial weights and averages the
///   gradients over the ranks before each update, so every rank makes the single-process step;
/// - the logged losses: each rank's per-epoch means are averaged over the ranks (equal shares, so the
///   mean of the means is the global mean).
///
/// One rank (no `mpirun`, or no `--distributed`) takes the single-process path unchanged.
struct DataParallel {
    /// The ranks of the run; a ``SingleProcessCommunicator`` by default.
    let communicator: any Communicator

    /// One process, no MPI.
    static var singleProcess: DataParallel { DataParallel(communicator: SingleProcessCommunicator()) }

    /// True when more than one rank trains.
    var isDistributed: Bool { communicator.size > 1 }

    /// The optimizer set up on `model`: as is in one process, wrapped to average gradients over the
    /// ranks otherwise (its hooks must be added after this call).
    func setUp(_ optimizer: Optimizer, on model: Link) throws -> Optimizer {
        guard isDistributed else { return optimizer.setup(model) }
        return try MultiNodeOptimizer(wrapping: optimizer, communicator: communicator).setup(model)
    }

    /// The shuffling iterator of the training loop: the single-process one, or this rank's rows of
    /// each of its batches. `batchSize` is the global batch.
    func iterator(_ dataset: any Dataset, batchSize: Int, seed: UInt64) -> any DatasetIterator<[NDArray]> {
        let global = SerialIterator(dataset, batchSize: batchSize, generator: RandomGenerator(seed: seed))
        return isDistributed ? BatchShardIterator(global, communicator: communicator) : global
    }

    /// The per-epoch series of every key, averaged over the ranks (unchanged in one process).
    func averaged(_ series: [String: [Double]], keys: [String]) throws -> [String: [Double]] {
        guard isDistributed else { return series }
        var result: [String: [Double]] = [:]
        for key in keys {                                    // the same order on every rank
            var values = NDArray(series[key] ?? [])
            try communicator.allreduceMean(&values)
            result[key] = values.doubleValues
        }
        return result
    }

    /// This rank's rows `(B/p, …)` of a `(B, …)` array every rank computed identically.
    func ownRows(of global: NDArray) -> NDArray {
        let share = global.shape[0] / communicator.size
        return global[(communicator.rank * share)..<((communicator.rank + 1) * share)]
    }

    /// Checks that every global batch splits evenly over the ranks (B/p rows each).
    func checkDivisible(batchSizes: [(name: String, size: Int)]) throws {
        for (name, size) in batchSizes where size % communicator.size != 0 {
            throw DataParallelError.batchNotDivisible(name: name, batchSize: size, ranks: communicator.size)
        }
    }
}

/// Why a data-parallel run cannot start.
enum DataParallelError: Error, CustomStringConvertible {
    case batchNotDivisible(name: String, batchSize: Int, ranks: Int)

    var description: String {
        switch self {
        case let .batchNotDivisible(name, batchSize, ranks):
            "the \(name) batch of \(batchSize) windows does not split evenly over \(ranks) ranks; "
                + "run with a number of ranks that divides it (e.g. mpirun -np 2)"
        }
    }
}
