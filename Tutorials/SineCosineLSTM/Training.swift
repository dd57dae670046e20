import Foundation
import Kusari
import TutorialSupport

/// The experiment's settings: the blog's values unless stated.
struct Settings {
    /// Units of the LSTM (and of the first linear layer).
    var hiddenSize = 100
    /// Sequences per training batch.
    var batchSize = 10
    /// Steps per training sequence.
    var sequenceLength = 10
    /// Leading steps of a training sequence that get the true input (teacher forcing).
    var supportLength = 10
    /// Support length of the second run, whose later steps are fed the model's own predictions.
    var shortSupportLength = 5
    /// How far ahead each target lies (the blog's `pred`).
    var horizon = 1
    /// Training epochs; 15 iterations each (150 points / batch 10).
    var epochs = 100
    /// Snapshots, loss plots and validation curves every this many epochs (and after the last one).
    var checkpointEvery = 10
    /// Steps of a validation sequence (the blog: 20).
    var validationLength = 20
    /// Validation steps fed the true input (the blog: only the first).
    var validationSupport = 1
    /// First point of the free-running forecast (the first test point).
    var forecastStart = SineCosineData.trainCount
    /// Forecast steps fed the true input before the model runs on its own.
    var forecastWarmUp = 10
    /// Forecast steps in all (the data end after 49 of them).
    var forecastSteps = 100
    /// Seed of the weights and of the iterator's offsets.
    var seed: UInt64 = 0
    /// Kusari's threads (``BLAS/threads``).
    var blasThreads = 1

    /// The settings as metrics.json records them.
    var json: [String: Any] {
        ["hidden_size": hiddenSize, "batch_size": batchSize, "sequence_length": sequenceLength,
         "support_length": supportLength, "short_support_length": shortSupportLength, "horizon": horizon,
         "epochs": epochs, "checkpoint_every": checkpointEvery, "validation_length": validationLength,
         "validation_support": validationSupport, "forecast_start": forecastStart,
         "forecast_warm_up": forecastWarmUp, "forecast_steps": forecastSteps, "seed": NSNumber(value: seed),
         "blas_threads": blasThreads,
         "optimizer": "Adam(alpha 0.001, beta1 0.9, beta2 0.999, eps 1e-8)"]
    }
}

/// What one training run leaves behind: the trained model and its numbers.
struct TrainingRun {
    /// The support length it was trained with.
    let supportLength: Int
    /// The trained model.
    let model: Model
    /// `main/loss` averaged over each epoch's iterations (each one the mean of the per-step MSEs).
    let lossPerEpoch: [Double]
    /// Validation RMSE per recursion step at every checkpoint epoch.
    let checkpoints: [(epoch: Int, rmse: ValidationRMSE)]
    /// Iterations run.
    let iterations: Int
    /// Wall-clock seconds of `trainer.run()`, extensions (logs, snapshots, plots, validation) included.
    let seconds: Double
    /// Seconds spent inside the updater alone: forward, backward and Adam.
    let updateSeconds: Double
    /// CPU seconds of the training thread inside the updater.
    let updateCPUSeconds: Double

    /// Milliseconds per iteration of the updater alone (wall clock).
    var millisecondsPerIteration: Double { iterations > 0 ? 1000 * updateSeconds / Double(iterations) : 0 }
    /// CPU milliseconds per iteration of the updater alone.
    var cpuMillisecondsPerIteration: Double { iterations > 0 ? 1000 * updateCPUSeconds / Double(iterations) : 0 }
}

/// Step 3 of the tutorial: trains `model` on `train` with teacher forcing for the first
/// `supportLength` steps of every sequence, Chainer style: an iterator hands out batches of sequences, the
/// updater runs them through the model and updates the weights, and the trainer repeats that with
/// extensions for logging, progress, snapshots and plots.
///
/// The batches' start positions are drawn from the seed `settings.seed + 1` (the weights use `settings.seed`),
/// so two runs with the same settings see the same batches.
/// Files go to `out`, named with `tag` so two runs can share a folder: `log<tag>` (one JSON line per
/// epoch), `loss<tag>.png` and `snapshot_iter_N<tag>.npz` (the last two are kept).
func trainModel(_ model: Model, on train: NDArray, test: NDArray, settings: Settings, supportLength: Int, out: URL,
                tag: String, printTable: Bool, showProgress: Bool) throws -> TrainingRun {
    let generator = RandomGenerator(seed: settings.seed &+ 1)     // the offsets' own random stream
    let iterator = SequenceIterator(train, batchSize: settings.batchSize, sequenceLength: settings.sequenceLength,
                                    supportLength: supportLength, horizon: settings.horizon, generator: generator)
    let optimizer = Adam().setup(model)
    let updater = TimedUpdater(TeacherForcingUpdater(iterator: iterator, optimizer: optimizer, predictor: model))
    let trainer = Trainer(updater: updater, stopTrigger: (settings.epochs, .epoch), out: out)

    let checkpoint = CheckpointTrigger(every: settings.checkpointEvery, lastEpoch: settings.epochs)
    let log = LogReport(fileName: "log" + tag)                    // means over each epoch
    trainer.extend(log)
    if printTable {
        trainer.extend(PrintReport(["epoch", "iteration", "main/loss", "elapsed_time"], logReport: log))
    }
    if showProgress { trainer.extend(ProgressBar(trainingLength: (settings.epochs, .epoch))) }
    let validation = ValidationCurves { validationRMSE(of: model, on: test, settings: settings) }
    trainer.extend(validation, trigger: checkpoint)
    // Both runs' loss figures share one y range, so they can be compared side by side.
    trainer.extend(PlotReport(["main/loss"], logReport: log, fileName: "loss\(tag).png", yLogScale: true,
                              title: "Training loss, support length \(supportLength) of \(settings.sequenceLength)",
                              yLabel: "MSE per step (mean over the epoch)", labels: ["main/loss": "training loss"],
                              yRange: 1e-5...1),
                   trigger: checkpoint)
    trainer.extend(Snapshot(fileName: "snapshot_iter_{iteration}\(tag).npz", keepLast: 2), trigger: checkpoint)

    let (_, seconds) = try timed { try trainer.run() }
    return TrainingRun(supportLength: supportLength, model: model, lossPerEpoch: log.series("main/loss").y,
                       checkpoints: validation.curves, iterations: updater.iteration, seconds: seconds,
                       updateSeconds: updater.seconds, updateCPUSeconds: updater.cpuSeconds)
}

/// Fires at the end of every `every`-th epoch and at the end of the last epoch, so a run whose length is
/// not a multiple of `every` still gets its final plot, snapshot and validation.
struct CheckpointTrigger: Trigger {
    /// The period in epochs.
    let every: Int
    /// The epoch training stops after.
    let lastEpoch: Int

    mutating func shouldFire(_ trainer: Trainer) -> Bool {
        let updater = trainer.updater
        return updater.isNewEpoch && (updater.epoch % every == 0 || updater.epoch == lastEpoch)
    }
}

/// Wraps an updater and adds up the time spent in its `update()`, so the tutorial can report the cost of
/// the math (forward, backward, Adam) apart from logging, plotting and snapshots. It counts wall-clock
/// seconds and the CPU seconds of the calling thread; on a machine shared with other work the second is
/// the steadier measure (it does not count time spent waiting for a core, nor other BLAS threads).
final class TimedUpdater: Updater {
    /// The updater doing the work.
    let base: any Updater
    /// Wall-clock seconds spent in `base.update()` so far.
    private(set) var seconds = 0.0
    /// CPU seconds of this thread spent in `base.update()` so far.
    private(set) var cpuSeconds = 0.0

    init(_ base: any Updater) { self.base = base }

    var iteration: Int { base.iteration }
    var epoch: Int { base.epoch }
    var epochDetail: Double { base.epochDetail }
    var isNewEpoch: Bool { base.isNewEpoch }
    var previousEpochDetail: Double? { base.previousEpochDetail }

    func update() throws {
        let cpuStart = threadCPUSeconds()
        seconds += try timed { try base.update() }.seconds
        cpuSeconds += threadCPUSeconds() - cpuStart
    }

    func serialize(_ serializer: any StateSerializer) throws { try base.serialize(serializer) }
}

/// CPU seconds the calling thread has used so far.
func threadCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
