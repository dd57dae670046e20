// Step 3 of the tutorial: training, stateless and stateful. Both runs start from the same weights, use
// the same loss (MSE), optimizer (RMSprop as in Keras), batch size (6) and number of updates per epoch;
// they differ only in which windows share a batch and in whether the RNN state survives between batches.
import Foundation
import Kusari
import TutorialSupport

/// How the RNN's state is treated between batches, and which windows share a batch.
enum Variant: String, CaseIterable, Sendable {
    /// Keras `stateful=False`: every batch starts from a zero state. Batches are 6 consecutive windows
    /// (window i, i+1, …, i+5), in order, as `fit(shuffle=False)` hands them out.
    case stateless
    /// Keras `stateful=True`, for any batch size: the series is laid out as 6 parallel streams, so sample j
    /// of the next batch continues where sample j of this batch ended and its final state (detached from
    /// the graph) is the next initial state; reset at the start of each pass.
    case stateful
    /// The blog's own stateful set-up: the stateless batches (6 consecutive windows) with the state
    /// carried. Window 6k + j + 6 continues window 6k + j only because the batch size equals the window
    /// length (6); run on Seattle only, to compare with the Keras numbers.
    case statefulKerasLayout = "stateful_keras_layout"

    /// Whether the state is carried from batch to batch.
    var carriesState: Bool { self != .stateless }

    /// The name in figures and printouts.
    var label: String { self == .statefulKerasLayout ? "stateful, Keras layout" : rawValue }
}

/// What one training run measured.
struct RunResult {
    /// The variant trained.
    let variant: Variant
    /// Mean training loss (MSE on the standardised series) over each epoch's batches.
    let loss: [Double]
    /// Wall-clock seconds of each epoch.
    let epochSeconds: [Double]
    /// Processor seconds of each epoch: the time this program computed, not counting the time it waited
    /// for a core shared with other programs (on an idle machine close to ``epochSeconds``).
    let epochCPUSeconds: [Double]
    /// Updates (batches) per epoch.
    let stepsPerEpoch: Int

    /// Milliseconds per update, epoch by epoch (wall clock).
    var millisecondsPerStep: [Double] { epochSeconds.map { 1000 * $0 / Double(stepsPerEpoch) } }
}

/// Records the process' CPU time at the end of every epoch (a `Trainer` extension).
final class CPUTimeReport: Extension {
    /// CPU seconds used by the process at each epoch's end.
    private(set) var marks: [Double] = []
    private var start = 0.0

    var defaultTrigger: IntervalTrigger { IntervalTrigger(1, .epoch) }

    /// CPU seconds this process has used so far (all threads).
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func initialize(_ trainer: Trainer) throws { start = Self.now() }
    func callAsFunction(_ trainer: Trainer) throws { marks.append(Self.now()) }

    /// The CPU seconds of each epoch.
    var epochSeconds: [Double] { zip(marks, [start] + marks).map { $0 - $1 } }
}

/// RMSprop as Keras 3 (and `tf.keras` since TensorFlow 2.11) runs it: lr 1e-3, ρ 0.9, ε 1e-7 inside the
/// square root. (`model.compile(optimizer='RMSprop')` in the blog means these defaults.)
func kerasRMSprop() -> RMSprop {
    RMSprop(lr: 1e-3, rho: 0.9, eps: 1e-7, epsilonPlacement: .insideSquareRoot)
}

/// The iterator that decides which windows share a batch.
///
/// - stateless: the windows in order, 6 at a time (`SerialIterator`, no shuffling, no wrap-around), so
///   batch k holds the windows starting at hours 6k … 6k+5.
/// - stateful, Keras layout: the same batches as stateless (continuation holds because batch == 6 == timesteps).
/// - stateful: the series laid out as 6 parallel streams (`ParallelSequentialIterator`): sample j of
///   batch k+1 is the 6 hours right after sample j of batch k. With `everyOffset` an epoch is 6 passes,
///   each shifted by one hour, so every window start is used once per epoch, as in the stateless run.
func makeIterator(_ data: PreparedSeries, variant: Variant, batchSize: Int) -> any DatasetIterator<[NDArray]> {
    switch variant {
    case .stateless, .statefulKerasLayout:
        require(variant == .stateless || batchSize == data.timesteps,
                     "the Keras layout carries state correctly only when the batch size equals the window length")
        return SerialIterator(TupleDataset(data.x, data.t), batchSize: batchSize, shuffle: false, wrapsAround: false)
    case .stateful:
        return ParallelSequentialIterator(data.scaled, batchSize: batchSize, timesteps: data.timesteps,
                                          everyOffset: true)
    }
}

/// Trains a fresh model (weights drawn from `seed`) on `data` for `epochs` epochs with a `Trainer`, and
/// returns it with the loss and time of every epoch. `narrator` prints the per-epoch table.
func train(_ data: PreparedSeries, variant: Variant, epochs: Int, batchSize: Int, seed: UInt64,
           out: URL, narrator: Narrator) throws -> (model: Model, result: RunResult) {
    let model = Model(generator: RandomGenerator(seed: seed))
    let optimizer = kerasRMSprop().setup(model)
    let iterator = makeIterator(data, variant: variant, batchSize: batchSize)
    let updater = WindowUpdater(iterator: iterator, optimizer: optimizer, predictor: model,
                                carryState: variant.carriesState)

    let trainer = Trainer(updater: updater, stopTrigger: (epochs, .epoch), out: out)
    let log = LogReport(trigger: (1, .epoch), fileName: nil)
    trainer.extend(log)
    trainer.extend(PrintReport(["epoch", "main/loss", "elapsed_time"], logReport: log, write: narrator.say))
    let cpu = CPUTimeReport()
    trainer.extend(cpu)
    try trainer.run()

    // elapsed_time is logged at the end of each epoch; its differences are the epoch times.
    let elapsed = log.series("elapsed_time").y
    let seconds = zip(elapsed, [0] + elapsed).map { $0 - $1 }
    let steps = (iterator as? ParallelSequentialIterator)?.batchesPerEpoch ?? data.count / batchSize
    return (model, RunResult(variant: variant, loss: log.series("main/loss").y, epochSeconds: seconds,
                             epochCPUSeconds: cpu.epochSeconds, stepsPerEpoch: steps))
}
