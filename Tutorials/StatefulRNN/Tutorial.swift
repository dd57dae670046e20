// Stateful vs stateless RNN (experiment 3), after the Keras blog post
// "KerasのステートフルRNNで学習を高速化する" (Speeding up training with Keras' stateful RNN).
//
// A recurrent network keeps a hidden state h while it reads a sequence. A *stateless* RNN starts every
// batch from h = 0; a *stateful* one hands the state at the end of a batch to the next batch, so a long
// series can be read in short windows without forgetting what came before. This program trains the same
// small network both ways on hourly temperatures (Seattle 2010, and ten synthetic years) and compares the
// loss per epoch, the time per epoch and a week of predictions. Run it with `swift run -c release
// stateful-rnn` (options: --seed, --epochs, --out, --quiet); Docs/Tutorials/stateful-rnn.md tells the story
// with the figures.
import ArgumentParser
import Foundation
import Kusari
import TutorialSupport

/// The `stateful-rnn` command: parses the options, runs the tutorial, prints the summary.
@main
struct StatefulRNNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stateful-rnn",
        abstract: "Stateless vs stateful SimpleRNN on hourly temperatures (Kusari tutorial, experiment 3).")

    @OptionGroup var options: TutorialOptions

    func run() throws {
        var settings = Settings()
        settings.seed = options.seed
        if let epochs = options.epochs { settings.epochs = epochs }
        let out = try options.outputFolder(default: "stateful-rnn")
        let results = try runTutorial(settings, out: out, narrator: Narrator(quiet: options.quiet))
        print(summary(results, settings: settings, out: out))
    }
}

/// The tutorial from top to bottom: data, model, five training runs (three on Seattle, two on the synthetic
/// series), a week of predictions, figures and metrics.json in `out`. Returns the numbers for the summary.
func runTutorial(_ settings: Settings, out: URL, narrator: Narrator) throws -> TutorialResults {
    // 1. The data. Seattle's hourly temperatures, and a ten times longer synthetic series, each
    //    standardised, cut into 6-hour windows whose target is the next hour, truncated to whole batches.
    let seattle = prepare(try loadSeattleTemperatures(limit: settings.seattleHours), name: "Seattle", unit: "°F",
                          timesteps: settings.timesteps, batchSize: settings.batchSize)
    let synthetic = prepare(syntheticTemperatures(hours: settings.syntheticHours, seed: settings.seed),
                            name: "synthetic", unit: "°C", timesteps: settings.timesteps,
                            batchSize: settings.batchSize)
    for data in [seattle, synthetic] {
        narrator.say("\(data.name): \(data.raw.count) hourly values, mean \(format(data.scaler.mean[0], 2)) "
                     + "\(data.unit), std \(format(data.scaler.scale[0], 2)) \(data.unit); "
                     + "\(data.count) windows of \(data.timesteps) hours (\(data.count / settings.batchSize) batches)")
    }
    try drawData(seattle, synthetic, to: out)

    // 2. The model: SimpleRNN(10) → Dense(10, tanh) → Dense(1), Keras' initialisation.
    narrator.say("\nThe model:\n\(Model(generator: RandomGenerator(seed: settings.seed)))")

    // 3. Training: stateless and stateful on each series, from the same initial weights (plus, on Seattle,
    //    the blog's own stateful layout). Each final model then predicts every hour of its series.
    var results: [SeriesResult] = []
    let noiseFloor = syntheticNoiseFloor(synthetic)     // the best any model can do on the synthetic series
    let plan: [(PreparedSeries, [Variant], Double?)] = [(seattle, Variant.allCases, nil),
                                                         (synthetic, [.stateless, .stateful], noiseFloor)]
    for (data, variants, floor) in plan {
        var runs: [Run] = []
        for variant in variants {
            narrator.say("\n\(data.name), \(variant.label):")
            let (model, training) = try train(data, variant: variant, epochs: settings.epochs,
                                              batchSize: settings.batchSize, seed: settings.seed, out: out,
                                              narrator: narrator)
            runs.append(Run(training: training, model: model, wholeSeries: wholeSeries(model, variant, data)))
        }
        results.append(SeriesResult(data: data, runs: runs, noiseFloor: floor))
    }

    // 4. A week of Seattle in °F, predicted one hour ahead by the stateless and the stateful model.
    let weekHours = settings.weekStart ..< settings.weekStart + settings.weekHours
    let week = results[0].runs.filter { $0.variant != .statefulKerasLayout }.map {
        prediction($0.model, $0.variant, seattle, hours: weekHours, warmUp: settings.warmUpHours)
    }

    // 5. Figures and numbers.
    let tutorial = TutorialResults(seattle: results[0], synthetic: results[1], week: week)
    try drawLoss(results, to: out)
    try drawEpochTimes(results, to: out)
    try drawWeek(week, seattle, title: "Seattle, \(settings.weekName): each hour predicted from the 6 before",
                 to: out)
    try drawYear(results[0], to: out)
    try writeMetrics(tutorial.metrics(settings), to: out)
    return tutorial
}
