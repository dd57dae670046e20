import Foundation
import Kusari

/// The two training set-ups whose snapshots, written by Kusari before counters were stored as integers,
/// are kept in `Fixtures/old-snapshots/` (see the README there). The same code made them: do not change it.
enum OldSnapshotSetUps {
    /// An extension that does nothing: it carries a `BestValueTrigger` into the snapshot.
    final class Marker: Extension {
        func callAsFunction(_ trainer: Trainer) throws {}
    }

    /// Linear(2→4) then Linear(4→1) on 18 examples of t = 2·x₀ − 3·x₁ + 0.5 with a shuffling
    /// SerialIterator (batch 4) and Adam; a log every 3 iterations, a printed report, a learning-rate
    /// schedule, a best-value trigger and early stopping (at most `iterations`).
    static func regression(until iterations: Int, out: URL) -> (trainer: Trainer, model: Link, optimizer: Optimizer, log: LogReport) {
        let g = RandomGenerator(seed: 41)
        let model = Sequential(Linear(2, 4, generator: g), Linear(4, 1, generator: g))
        let x = NDArray.uniform([18, 2], low: -1, high: 1, generator: RandomGenerator(seed: 7))
        let v = x.doubleValues
        let targets: [Double] = (0..<18).map { (i: Int) -> Double in 2 * v[2 * i] - 3 * v[2 * i + 1] + 0.5 }
        let t = NDArray(targets, shape: [18, 1], dtype: .float32)
        let iterator = SerialIterator(TupleDataset(x, t), batchSize: 4, generator: RandomGenerator(seed: 42))
        let optimizer = Adam(alpha: 0.02).setup(model)
        let updater = StandardUpdater(iterator: iterator, optimizer: optimizer,
                                      lossFunction: { meanSquaredError(model($0[0]), $0[1]) })
        let stop = EarlyStoppingTrigger(monitor: "main/loss", patience: 100, checkTrigger: (2, .iteration),
                                        maxTrigger: (iterations, .iteration))
        let trainer = Trainer(updater: updater, stopTrigger: stop, out: out)
        let log = LogReport(trigger: (3, .iteration), fileName: nil)
        trainer.extend(log)
        trainer.extend(PrintReport(["iteration", "main/loss"], logReport: log, write: { _ in }))
        trainer.extend(ExponentialShift(rate: 0.8, optimizer: optimizer), trigger: (2, .iteration))
        let best: any Trigger = BestValueTrigger.min(key: "main/loss", trigger: (2, .iteration))
        trainer.extend(Marker(), name: "best", trigger: best)
        return (trainer, model, optimizer, log)
    }

    /// LSTM(1→3) then Linear(3→1) on windows of a sine (24 points, 2 streams of 3 steps) carrying the
    /// recurrent state across batches, with Adam and a log every iteration; stops after `iterations`.
    static func stateful(until iterations: Int, out: URL) -> (trainer: Trainer, model: Link, optimizer: Optimizer, log: LogReport) {
        let g = RandomGenerator(seed: 5)
        let model = Sequential(LSTM(1, 3, generator: g), Linear(3, 1, generator: g))
        let optimizer = Adam(alpha: 0.01).setup(model)
        let series = NDArray((0..<24).map { sin(Double($0) * 0.4) }, shape: [24], dtype: .float32)
        let iterator = ParallelSequentialIterator(series, batchSize: 2, timesteps: 3)
        let updater = WindowUpdater(iterator: iterator, optimizer: optimizer, predictor: model, carryState: true)
        let trainer = Trainer(updater: updater, stopTrigger: (iterations, .iteration), out: out)
        let log = LogReport(trigger: (1, .iteration), fileName: nil)
        trainer.extend(log)
        return (trainer, model, optimizer, log)
    }
}
