import Foundation
import Kusari
import TutorialSupport

/// Per-epoch means of what the loss function reported, by key (`main/loss`, `main/reconstruction`, …).
struct TrainingLog {
    let epochs: [String: [Double]]
    let seconds: Double
}

/// Trains with Kusari's standard pieces: a shuffling ``SerialIterator`` over `dataset`, a
/// ``StandardUpdater`` that calls `loss` on each batch (as Variables) and steps `optimizer` (set up here
/// on `model`), and a ``Trainer`` with a ``LogReport`` averaging every reported value over each epoch.
///
/// Data-parallel training is a swap of two pieces, made by `parallel` (see ``DataParallel``): this
/// rank's rows of each global batch of `batchSize`, and a gradient-averaging optimizer. In one process
/// both are the plain ones.
func train(model: Link, optimizer: Optimizer, dataset: any Dataset, epochs: Int, batchSize: Int, seed: UInt64,
           parallel: DataParallel = .singleProcess, reportedKeys: [String],
           loss: @escaping ([Variable]) throws -> Variable) throws -> TrainingLog {
    let iterator = parallel.iterator(dataset, batchSize: batchSize, seed: seed)
    let updater = StandardUpdater(iterator: iterator, optimizer: try parallel.setUp(optimizer, on: model),
                                  lossFunction: loss)
    let trainer = Trainer(updater: updater, stopTrigger: (epochs, .epoch),
                          out: FileManager.default.temporaryDirectory)
    let log = LogReport(fileName: nil)                   // on every rank: each one's losses are averaged below
    trainer.extend(log)
    let (_, seconds) = try timed { try trainer.run() }
    var series: [String: [Double]] = [:]
    for key in reportedKeys { series[key] = log.series(key).y }
    return TrainingLog(epochs: try parallel.averaged(series, keys: reportedKeys), seconds: seconds)
}

/// Scores in batches (the models' forward passes build no graph), so memory stays small.
func batchedScores(_ windows: NDArray, batchSize: Int = 256, _ score: (NDArray) -> NDArray) -> [Double] {
    var result: [Double] = []
    var start = 0
    while start < windows.shape[0] {
        let count = min(batchSize, windows.shape[0] - start)
        var slices = [AxisSlice(start: start, count: count, keepsAxis: true)]
        slices += windows.shape.dropFirst().map { AxisSlice(start: 0, count: $0, keepsAxis: true) }
        result += score(windows.slice(slices)).doubleValues
        start += count
    }
    return result
}
