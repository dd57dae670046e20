import Foundation
import Kusari
import TutorialSupport

// Step 3 — training, the Keras way:
//
//     model.compile(loss='mean_squared_error', optimizer=Adam(lr=0.01, beta_1=0.9, beta_2=0.999))
//     model.fit(x, y, batch_size=10, epochs=10, validation_data=(val_x, val_y))
//
// `fit` shuffles the 144 training windows every epoch and walks them in batches of 10, the last batch
// holding the 4 left over (15 updates per epoch). After each epoch it prints `loss`, the mean squared
// error averaged over the epoch's *examples*, and `val_loss`, the error on the 36 validation windows.
// Kusari's `Trainer` does the same with an iterator, an updater and a few extensions.

/// The experiment's settings (the blog's values unless a command-line option changes them).
struct Settings {
    /// Seed of the one random stream: noise, then weights, then the shuffling.
    var seed: UInt64 = 0
    /// Passes over the training windows.
    var epochs = 10
    /// Windows per update.
    var batchSize = 10
    /// Adam's step size α (Keras `lr`).
    var learningRate = 0.01
    /// Adam's decay rates.
    var beta1 = 0.9, beta2 = 0.999
    /// Adam's ε: Keras' default `K.epsilon()`.
    var epsilon = 1e-7
    /// Recurrent units.
    var hidden = 20
}

/// What training produced: one entry per epoch, and the time it took.
struct TrainingHistory {
    /// Mean squared error over the epoch's training examples (Keras' `loss`).
    var trainLoss: [Double]
    /// Mean squared error over the validation windows after the epoch (Keras' `val_loss`).
    var validationLoss: [Double]
    /// Wall-clock seconds of `trainer.run()`, validation included.
    var seconds: Double
}

/// Trains `model` on `data.training`, validating on `data.validation` after every epoch. The table of
/// losses goes through `narrator` (one row per epoch); `out` is the trainer's folder (nothing is written
/// there: the log stays in memory).
func train(_ model: Model, on data: NoisySineData, settings: Settings, random: RandomGenerator,
           out: URL, narrator: Narrator) throws -> TrainingHistory {
    // Batches of 10 shuffled windows; Keras-style epochs: the 15th batch holds the last 4 windows and the
    // next epoch starts with a fresh shuffle (`wrapsAround: false`).
    let trainIterator = SerialIterator(data.training, batchSize: settings.batchSize,
                                       shuffle: true, wrapsAround: false, generator: random)
    // The 36 validation windows in one batch, so the mean over batches is the mean over windows.
    let validationIterator = SerialIterator(data.validation, batchSize: data.validation.count,
                                            repeat: false, shuffle: false)

    // Adam as Keras writes it (and Chainer): ε is added to √v, and both bias corrections are folded
    // into the step size, α·√(1 − β2ᵗ)/(1 − β1ᵗ). See the documentation of `Adam.EpsilonPlacement`.
    let optimizer = Adam(alpha: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2,
                         eps: settings.epsilon, epsilonPlacement: .chainer).setup(model)

    // One update: forget the state, read each window of the batch step by step, compare the last
    // output with the target. `runWindow` turns (batch, 20, 1) into 20 calls of `model`.
    let updater = StandardUpdater(iterator: trainIterator, optimizer: optimizer) { batch in
        model.resetState()                                  // stateless: every window starts from h = 0
        let prediction = runWindow(batch[0].data, through: model)   // (batch, 1)
        report(["main/examples": Double(prediction.shape[0])])
        return meanSquaredError(prediction, batch[1])
    }

    let trainer = Trainer(updater: updater, stopTrigger: (settings.epochs, .epoch),
                          out: out)
    trainer.extend(KerasEpochLoss())
    trainer.extend(Evaluator(iterator: validationIterator) { batch in
        model.resetState()
        let prediction = runWindow(batch[0], through: model)
        return ["main/loss": meanSquaredError(prediction, Variable(batch[1], requiresGrad: false)).data.scalar]
    })
    let log = LogReport(keys: ["main/loss", "main/epoch_loss", "validation/main/loss"], fileName: nil)
    trainer.extend(log)
    trainer.extend(PrintReport(["epoch", "main/epoch_loss", "validation/main/loss", "elapsed_time"],
                               logReport: log, write: narrator.say))

    let seconds = try timed { try trainer.run() }.seconds
    return TrainingHistory(trainLoss: log.series("main/epoch_loss").y,
                           validationLoss: log.series("validation/main/loss").y,
                           seconds: seconds)
}

/// Reports `main/epoch_loss` at the end of each epoch: the training loss averaged over the epoch's
/// *examples*, as Keras prints it.
///
/// `LogReport` averages `main/loss` over iterations, giving every batch the same weight (Chainer's
/// convention). With 144 windows in batches of 10, the 15th batch holds only 4 windows; Keras weights
/// each batch's loss by its size, so here the mean is Σ lossᵢ·nᵢ / Σ nᵢ, with nᵢ reported by the updater
/// as `main/examples`.
final class KerasEpochLoss: Extension {
    private var weightedSum = 0.0
    private var examples = 0.0

    /// Runs before `LogReport` reads the observation, so its value lands in the same log entry.
    var defaultPriority: Int { ExtensionPriority.writer }

    func callAsFunction(_ trainer: Trainer) throws {
        let observation = trainer.observation
        guard let loss = observation["main/loss"], let count = observation["main/examples"] else { return }
        weightedSum += loss * count
        examples += count
        if trainer.updater.isNewEpoch {
            report(["main/epoch_loss": weightedSum / examples])
            weightedSum = 0
            examples = 0
        }
    }
}
