// In-hospital mortality from variable-length records (experiment 4), after NVIDIA DLI's lab
// "time-series modelling with RNNs in Keras" on a paediatric ICU's electronic health records.
//
// The lab's data is restricted, so Part 1 runs its pipeline on a synthetic cohort with the same
// difficulties (irregular and informative measurement times, gaps, drifting physiology) and Part 2 asks
// the same kind of question of real patients, the Mayo Clinic PBC trial, against a clinical score. Run it
// with `swift run -c release icu-mortality-lstm` (options: --seed, --epochs, --out, --quiet, --full);
// Docs/Tutorials/icu-mortality-lstm.md tells the story with the figures.
import ArgumentParser
import Foundation
import Kusari
import TutorialSupport

/// The experiment's settings (the lab's where it has them).
struct Settings {
    var seed: UInt64 = 0
    /// Stays in the synthetic training and validation splits (the lab: 5,000 and 2,690; `--full`).
    var trainStays = 1500
    var validationStays = 1000
    /// LSTM units and epochs of Part 1 (the lab: 128, 5).
    var units = 128
    var syntheticEpochs = 5
    /// Full-batch epochs of the PBC LSTM in each fold.
    var pbcEpochs = 150
    /// Bootstrap replicates for the AUC intervals.
    var bootstrapReplicates = 1000
}

/// The `icu-mortality-lstm` command.
@main
struct ICUMortalityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "icu-mortality-lstm",
        abstract: "Mortality from variable-length clinical sequences: LSTM vs admission and clinical scores, ROC/AUC (Kusari tutorial, experiment 4).")

    @OptionGroup var options: TutorialOptions

    @Flag(help: "The lab's cohort size: 5,000 training and 2,690 validation stays (takes several minutes).")
    var full = false

    func run() throws {
        Memory.reuseLargeBuffers()     // the packed sequences' arrays are reused every batch (Docs/Performance.md)
        BLAS.threads = 1               // the same numbers on any machine: a split product can round its last bit differently
        var settings = Settings()
        settings.seed = options.seed
        if let epochs = options.epochs { settings.syntheticEpochs = epochs }
        if full { (settings.trainStays, settings.validationStays) = (5000, 2690) }
        let out = try options.outputFolder(default: "icu-mortality-lstm")
        let (results, seconds) = try timed { try runTutorial(settings, out: out, narrator: Narrator(quiet: options.quiet)) }
        print(summary(results, seconds: seconds, out: out))
    }
}

/// Both parts, the figures, metrics.json and the prediction files.
func runTutorial(_ settings: Settings, out: URL, narrator: Narrator) throws -> TutorialResults {
    let (synthetic, syntheticSeconds) = try timed { try runSyntheticPart(settings, narrator: narrator) }
    let (pbc, pbcSeconds) = try timed { try runPBCPart(settings, narrator: narrator) }
    let results = TutorialResults(settings: settings, synthetic: synthetic, pbc: pbc,
                                  seconds: ["synthetic": syntheticSeconds, "pbc": pbcSeconds])
    try drawTrajectories(synthetic, to: out)
    try drawLoss(synthetic, pbc, to: out)
    try drawROC(results, to: out)
    try drawRiskAlongStay(synthetic, to: out)
    try writeMetrics(results.metrics(), to: out)
    try results.writePredictions(to: out)
    return results
}
