import Foundation
import Kusari
import TutorialSupport

/// Per-epoch means of what the loss function reported, by key (`main/loss`, `main/reconstruction`, …).
struct TrainingLog {
    let epochs: [String: [Double]]
    let seconds: Double
}

/// Trains with Kusari's standard pieces: a shuffling ``SerialIterator`` over `dataset`, a
/// ``StandardUpdater`` that calls `loss` on each batch (as Variables) and steps `optimizer`, and a
/// ``Trainer`` with a ``LogReport`` averaging every reported value over each epoch.
///
/// The optimizer and the dataset come in as parameters so that data-parallel training is a swap here:
/// a communicator-wrapped optimizer and this process's shard of the dataset.
func train(dataset: any Dataset, optimizer: Optimizer, epochs: Int, batchSize: Int, seed: UInt64,
           reportedKeys: [String], loss: @escaping ([Variable]) throws -> Variable) throws -> TrainingLog {
    let iterator = SerialIterator(dataset, batchSize: batchSize, generator: RandomGenerator(seed: seed))
    let updater = StandardUpdater(iterator: iterator, optimizer: optimizer, lossFunction: loss)
    let trainer = Trainer(updater: updater, stopTrigger: (epochs, .epoch),
                          out: FileManager.default.temporaryDirectory)
    let log = LogReport(fileName: nil)
    trainer.extend(log)
    let (_, seconds) = try timed { try trainer.run() }
    var series: [String: [Double]] = [:]
    for key in reportedKeys { series[key] = log.series(key).y }
    return TrainingLog(epochs: series, seconds: seconds)
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
