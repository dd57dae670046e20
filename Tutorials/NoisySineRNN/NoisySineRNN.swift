import ArgumentParser
import Foundation
import Kusari
import TutorialSupport

/// `noisy-sine-rnn`: a recurrent network learns a noisy sine wave and then forecasts it on its own —
/// Kusari's version of the Keras blog post "入門 Keras (7): リカレントニューラルネットワークを体験する".
///
///     swift build -c release
///     .build/release/noisy-sine-rnn                 # figures and metrics.json → Plots/noisy-sine-rnn
///     .build/release/noisy-sine-rnn --seed 3 --epochs 20 --out /tmp/sine
///
/// `run()` below is the whole experiment, top to bottom; each step lives in its own file:
/// Data.swift, Model.swift, Training.swift, Forecast.swift, Figures.swift.
@main
struct NoisySineRNNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noisy-sine-rnn",
        abstract: "Train a SimpleRNN on a noisy sine wave and forecast it closed-loop (experiment 1).")

    @OptionGroup var options: TutorialOptions

    func run() throws {
        let narrator = Narrator(quiet: options.quiet)
        let settings = Settings(seed: options.seed, epochs: options.epochs ?? 10)
        let out = try options.outputFolder(default: "noisy-sine-rnn")

        // One random stream for everything, like the blog's np.random.seed(0): it draws the noise of the
        // data first, then the model's initial weights, then the seed of the training shuffles.
        let random = RandomGenerator(seed: settings.seed)

        // 1. Data: y = sin(2πx/100) + noise for x = 0 … 199, cut into 180 windows of 20 points; each
        //    window's target is the point that follows it. First 144 windows train, last 36 validate.
        let data = NoisySineData(generator: random)
        narrator.say("""
            Data: \(data.noisy.count) noisy points of sin(2πx/100), noise in ±\(NoisySineData.noiseAmplitude)
                  \(data.windows.shape[0]) windows of \(NoisySineData.windowLength) → \
            \(data.training.count) for training, \(data.validation.count) for validation
            """)

        // 2. Model: SimpleRNN(1 → 20, tanh) → Linear(20 → 1), initialized as Keras does.
        let model = Model(hidden: settings.hidden, generator: random)
        narrator.say("\nModel (\(model.parameterCount) parameters):\n\(model)")

        // 3. Training: MSE, Adam(lr 0.01), batches of 10 shuffled windows, validation after every epoch.
        narrator.say("\nTraining for \(settings.epochs) epochs (batch \(settings.batchSize), Adam lr \(settings.learningRate)):")
        let history = try train(model, on: data, settings: settings, random: random, out: out, narrator: narrator)

        // 4. Forecast: start from the first training window and feed every prediction back in.
        let steps = data.noisy.count - NoisySineData.windowLength
        let predictions = closedLoopForecast(model, from: data.firstWindow, steps: steps)
        let rmse = forecastRMSE(predictions, data: data)
        narrator.say("\nClosed-loop forecast: \(steps) steps, RMSE against the clean sine \(format(rmse, 3))")

        // 5. Figures and numbers.
        let figures = try saveFigures(data: data, history: history, predictions: predictions, rmse: rmse, into: out)
        try writeMetrics(metrics(settings: settings, history: history, rmse: rmse, steps: steps), to: out)
        narrator.say("Wrote \((figures + ["metrics.json"]).joined(separator: ", ")) to \(out.path)\n")

        print(summary(settings: settings, history: history, rmse: rmse))
    }
}

/// Everything `metrics.json` records: the settings used and the numbers obtained.
func metrics(settings: Settings, history: TrainingHistory, rmse: Double, steps: Int) -> [String: Any] {
    [
        "tutorial": "noisy-sine-rnn",
        "seed": settings.seed,
        "epochs": settings.epochs,
        "batch_size": settings.batchSize,
        "learning_rate": settings.learningRate,
        "adam_beta1": settings.beta1,
        "adam_beta2": settings.beta2,
        "adam_epsilon": settings.epsilon,
        "hidden": settings.hidden,
        "window": NoisySineData.windowLength,
        "train_samples": NoisySineData.trainingCount,
        "validation_samples": NoisySineData.length - NoisySineData.windowLength - NoisySineData.trainingCount,
        "train_loss": history.trainLoss,
        "val_loss": history.validationLoss,
        "forecast_steps": steps,
        "forecast_rmse": rmse,
        "train_seconds": history.seconds,
    ]
}

/// The closing lines: final losses, forecast error and time.
func summary(settings: Settings, history: TrainingHistory, rmse: Double) -> String {
    let train = history.trainLoss.last.map { format($0, 4) } ?? "–"
    let validation = history.validationLoss.last.map { format($0, 4) } ?? "–"
    return """
        noisy-sine-rnn (seed \(settings.seed), \(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s")): \
        train loss \(train), validation loss \(validation), \
        forecast RMSE \(format(rmse, 3)), training \(format(history.seconds, 2)) s
        """
}

/// `value` with `digits` digits after the point.
func format(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}
