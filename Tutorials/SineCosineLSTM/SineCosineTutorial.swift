import ArgumentParser
import Foundation
import Kusari
import TutorialSupport

/// `sine-cosine-lstm`: an LSTM learns two waves and predicts them step after step, feeding on its own
/// predictions (a reproduction of a Chainer blog post; see Docs/Tutorials/sine-cosine-lstm.md).
///
///     .build/release/sine-cosine-lstm                     # 100 epochs, figures in Plots/sine-cosine-lstm
///     .build/release/sine-cosine-lstm --epochs 10 --out /tmp/lstm --quiet
///
/// `run()` below is the whole story, step by step; each step lives in its own file.
@main
struct SineCosineTutorial: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sine-cosine-lstm",
        abstract: "Train an LSTM on a sine and a cosine with teacher forcing, validate it, and let it predict.")

    @OptionGroup var options: TutorialOptions

    @Option(help: "Support length of the second run: training steps fed the true input (1–10).")
    var shortSupport = Settings().shortSupportLength

    @Option(help: "Threads (BLAS.threads); this tutorial's matrices are too small to split, so one is enough.")
    var threads = 1

    func validate() throws {
        let longest = Settings().sequenceLength
        guard (1...longest).contains(shortSupport) else {
            throw ValidationError("--short-support must lie in 1...\(longest), got \(shortSupport)")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        var settings = Settings()
        settings.seed = options.seed
        settings.epochs = options.epochs ?? settings.epochs
        settings.shortSupportLength = shortSupport
        let out = try options.outputFolder(default: "sine-cosine-lstm")
        settings.blasThreads = threads
        BLAS.threads = threads
        let story = Narrator(quiet: options.quiet)
        let start = DispatchTime.now().uptimeNanoseconds

        // 1. The data: 200 points of two waves; the first 150 train, the last 50 test.
        let data = SineCosineData()
        story.say("1. Data: \(data.series.shape[0]) points of [0.8·sin 2t, 0.8·cos t], t = 0 … 8π; "
            + "train \(data.train.shape), test \(data.test.shape)")
        try Figures.data(data).save(to: out.appending(path: "data.png"))

        // 2. The model: Linear(2 → 100) → LSTM(100 → 100) → Linear(100 → 2), weights drawn from the seed.
        let model = Model(hiddenSize: settings.hiddenSize, generator: RandomGenerator(seed: settings.seed))
        story.say("2. Model, \(model.parameterCount) parameters:\n\(model)")

        // 3. Training as in the blog: every step of each 10-step sequence gets the true input.
        let iterations = settings.epochs * SineCosineData.trainCount / settings.batchSize
        story.say("3. Training \(settings.epochs) epochs (\(iterations) iterations of \(settings.batchSize) sequences "
            + "× \(settings.sequenceLength) steps), support length \(settings.supportLength), Adam")
        let blogRun = try trainModel(model, on: data.train, test: data.test, settings: settings,
                                  supportLength: settings.supportLength, out: out, tag: "",
                                  printTable: !options.quiet, showProgress: !options.quiet)
        story.say(String(format: "   %.2f s in all; per iteration in the updater %.2f ms (%.2f ms of CPU)",
                         blogRun.seconds, blogRun.millisecondsPerIteration, blogRun.cpuMillisecondsPerIteration))

        // 4. Validation: on every test sequence, only step 1 gets the true input; the error per step.
        let blogRMSE = validationRMSE(of: blogRun.model, on: data.test, settings: settings)
        story.say("4. Validation RMSE per recursion step (\(settings.validationLength) steps, "
            + "true input at step 1 only):")
        story.say(rmseTable(blogRMSE))
        try Figures.validation(blogRun, final: blogRMSE)
            .save(to: out.appending(path: "validation-rmse.png"))

        // 5. Prediction beyond the data: a few true inputs, then the model feeds on its own output.
        let prediction = forecast(blogRun.model, series: data.series, start: settings.forecastStart,
                                  warmUp: settings.forecastWarmUp, steps: settings.forecastSteps)
        let predictionError = forecastRMSE(prediction)
        story.say(String(format: "5. Forecast from sample %d (%d true inputs, %d steps): "
            + "RMSE %.4f within the data, %.4f past it", prediction.start, prediction.warmUp, settings.forecastSteps,
            predictionError.within, predictionError.beyond))
        try Figures.prediction(prediction, data: data).save(to: out.appending(path: "prediction.png"))

        // 6. The same training from the same initial weights, but only the first steps are teacher-forced.
        story.say("6. Training again with support length \(settings.shortSupportLength): steps "
            + "\(settings.shortSupportLength + 1)…\(settings.sequenceLength) get the model's own predictions")
        let twin = Model(hiddenSize: settings.hiddenSize, generator: RandomGenerator(seed: settings.seed))
        let shortRun = try trainModel(twin, on: data.train, test: data.test, settings: settings,
                                   supportLength: settings.shortSupportLength, out: out,
                                   tag: "-support\(settings.shortSupportLength)",
                                   printTable: false, showProgress: !options.quiet)
        let shortRMSE = validationRMSE(of: shortRun.model, on: data.test, settings: settings)
        story.say(rmseTable(shortRMSE))
        try Figures.supportComparison([(blogRun, blogRMSE), (shortRun, shortRMSE)])
            .save(to: out.appending(path: "support-comparison.png"))

        // 7. The numbers, for the record.
        let totalSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        try writeMetrics([
            "tutorial": "sine-cosine-lstm", "settings": settings.json,
            "loss_definition": "per epoch: mean over the epoch's iterations of main/loss, which is the mean "
                + "over the sequence's steps of each step's MSE (the gradient is that of the sum)",
            "forecast": ["start": prediction.start, "warm_up": prediction.warmUp, "steps": settings.forecastSteps,
                         "rmse_within_data": predictionError.within, "rmse_past_data": predictionError.beyond],
            "short_support": runMetrics(shortRun, shortRMSE), "total_seconds": totalSeconds,
        ].merging(runMetrics(blogRun, blogRMSE)) { first, _ in first }, to: out)
        print(summary(settings: settings, runs: [(blogRun, blogRMSE), (shortRun, shortRMSE)],
                      totalSeconds: totalSeconds, out: out))
    }
}
