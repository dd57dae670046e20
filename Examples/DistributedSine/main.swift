/// `distributed-sine`: a recurrent model trained data-parallel with the ChainerMN recipe —
/// `MPICommunicator`, `scatterDataset`, `MultiNodeOptimizer`, `MultiNodeEvaluator`, and the writing
/// extensions on rank 0 only. An LSTM(1 → 16) → Linear(16 → 1) learns to predict the next value of a
/// noisy sine wave from the previous 20.
///
///     swift build -c release --product distributed-sine
///     mpirun --allow-run-as-root --oversubscribe -np 2 .build/release/distributed-sine   # 2 ranks
///     .build/release/distributed-sine                                                    # 1 rank, same code
///     .build/release/distributed-sine --resume result/distributed-sine/snapshot_iter_150_rank{rank}.npz
///
/// The global batch is 30 windows, split evenly over the ranks (30 / p each), so any number of ranks
/// dividing 30 trains the same model up to float rounding. Output (rank 0): result/distributed-sine/
/// log, loss.png, and per-rank snapshots every 10 epochs.
import Foundation
import Kusari
import KusariDistributed

/// LSTM(1 → 16) over a window (batch, 20, 1), Linear(16 → 1) on the last output.
final class NextValueModel: Chain {
    let lstm: LSTM
    let out: Linear

    init(generator: RandomGenerator) {
        lstm = LSTM(1, 16, generator: generator)
        out = Linear(16, 1, generator: generator)
    }

    /// The mean squared error of the predicted next value: x (batch, 20, 1), t (batch, 1).
    func loss(_ x: NDArray, _ t: NDArray) -> Variable {
        lstm.resetState()
        let batch = x.shape[0]
        var h = lstm(Variable(x[0..<batch, 0], requiresGrad: false))
        for s in 1..<x.shape[1] { h = lstm(Variable(x[0..<batch, s], requiresGrad: false)) }
        return meanSquaredError(out(h), Variable(t, requiresGrad: false))
    }
}

/// 400 points of sin(2πk/50) plus Gaussian noise (σ = 0.05), cut into 380 windows of 20 → next value.
func noisySineWindows() -> TupleDataset {
    let generator = RandomGenerator(seed: 0)
    let values = (0..<400).map { k in sin(2 * Double.pi * Double(k) / 50) + 0.05 * generator.nextNormal() }
    let (x, t) = windows(NDArray(values, shape: [400, 1], dtype: .float32), length: 20)
    return TupleDataset(x, t)
}

/// `--epochs N`, `--out DIR`, `--resume FILE` (`{rank}` is replaced by the rank).
struct Options {
    var epochs = 30
    var out = URL(filePath: "result/distributed-sine")
    var resume: String?

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw OptionError("\(flag) needs a value") }
            switch flag {
            case "--epochs":
                guard let n = Int(value), n >= 1 else { throw OptionError("--epochs must be a positive integer, got \(value)") }
                epochs = n
            case "--out": out = URL(filePath: value)
            case "--resume": resume = value
            default: throw OptionError("unknown option \(flag) (use --epochs, --out, --resume)")
            }
        }
    }
}

struct OptionError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = "distributed-sine: " + message }
}

BLAS.threads = 1   // one BLAS thread per rank: the ranks already use the cores
let comm: MPICommunicator
do { comm = try MPICommunicator() } catch { print("distributed-sine: cannot start MPI: \(error)"); exit(2) }

comm.abortOnError {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let globalBatch = 30
    guard globalBatch % comm.size == 0 else {
        throw OptionError("the global batch \(globalBatch) must be divisible by the number of ranks \(comm.size)")
    }
    let (train, validation) = splitDataset(noisySineWindows(), firstCount: 300)

    // 1. Every rank trains on its own shard of the data.
    let trainShard = try scatterDataset(train, communicator: comm, shuffle: true, seed: 1)
    let validationShard = try scatterDataset(validation, communicator: comm)
    let iterator = SerialIterator(trainShard, batchSize: globalBatch / comm.size, generator: RandomGenerator(seed: 2))

    // 2. Rank 0's initial weights go to every rank; gradients are averaged before each update.
    let model = NextValueModel(generator: RandomGenerator(seed: 3))
    let optimizer = try MultiNodeOptimizer(wrapping: Adam(alpha: 0.005), communicator: comm).setup(model)
    optimizer.add(hook: GradientClipping(threshold: 5))
    let updater = StandardUpdater(iterator: iterator, optimizer: optimizer) { v in model.loss(v[0].data, v[1].data) }

    let trainer = Trainer(updater: updater, stopTrigger: (options.epochs, .epoch), out: options.out)
    // 3. Validation loss averaged over the ranks' shards (runs on every rank: it is collective).
    let evaluator = Evaluator(iterator: SerialIterator(validationShard, batchSize: 40, repeat: false, shuffle: false)) { b in
        ["main/loss": model.loss(b[0], b[1]).data.scalar]
    }
    trainer.extend(MultiNodeEvaluator(evaluator, communicator: comm))
    // 4. What writes files or prints runs on rank 0 only.
    let log = LogReport()
    trainer.extend(RootOnly(log, communicator: comm))
    trainer.extend(RootOnly(PrintReport(["epoch", "main/loss", "validation/main/loss", "elapsed_time"], logReport: log),
                            communicator: comm))
    trainer.extend(RootOnly(PlotReport(["main/loss", "validation/main/loss"], logReport: log, fileName: "loss.png",
                                       yLogScale: true), communicator: comm))
    // Snapshots: one file per rank (each rank's iterator position), so a resume continues exactly.
    trainer.extend(Snapshot(fileName: "snapshot_iter_{iteration}_rank\(comm.rank).npz"), trigger: (10, .epoch))
    if let resume = options.resume {
        try trainer.resume(from: URL(filePath: resume.replacingOccurrences(of: "{rank}", with: String(comm.rank))))
    }
    try trainer.run()
    if comm.isRoot {
        let final = log.log.last?["validation/main/loss"] ?? .nan
        print("distributed-sine: \(comm.size) rank(s), \(updater.iteration) iterations, validation MSE \(final)")
    }
}
