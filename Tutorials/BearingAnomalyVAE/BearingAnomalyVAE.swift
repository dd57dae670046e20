// Anomaly detection on a simulated bearing with an LSTM-VAE (Kusari tutorial, experiment 5), after IBM's
// "Developing cognitive IoT solutions for anomaly detection by using deep learning" and the
// Deeplearning4J talk built on it. A model trained on healthy vibration only reconstructs healthy windows
// well and others badly; the reconstruction is the anomaly score.
//
// Part 1 redoes IBM's setup (FFT features → LSTM → DL4J's VAE layer, healthy vs IBM's broken bearing);
// Part 2 asks for faults nobody sees by eye and compares an LSTM-VAE and an LSTM autoencoder with PCA
// and a raw-amplitude score. Run it with `swift run -c release bearing-anomaly-vae` (options: --seed,
// --epochs, --out, --quiet, --quick, --distributed); Docs/Tutorials/bearing-anomaly-vae.md tells the story with the
// figures. Data-parallel over MPI (ChainerMN's model, see Docs/Distributed.md):
//     mpirun -np 2 .build/release/bearing-anomaly-vae --distributed
import ArgumentParser
import Foundation
import Kusari
import KusariDistributed
import TutorialSupport

/// The `bearing-anomaly-vae` command: parses the options, runs both parts, writes figures, metrics.json
/// and scores.csv, prints the summary.
@main
struct BearingAnomalyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bearing-anomaly-vae",
        abstract: "LSTM-VAE anomaly detection on a simulated bearing (Kusari tutorial, experiment 5).")

    @OptionGroup var options: TutorialOptions

    @Flag(help: "Train data-parallel over the ranks of mpirun (mpirun -np 2 bearing-anomaly-vae --distributed).")
    var distributed = false

    @Flag(help: "A miniature of the experiment (a few seconds) to check that it runs; not for results.")
    var quick = false

    func run() throws {
        BLAS.threads = 1                         // one thread is fastest for matrices this small (and per rank)
        guard distributed else { return try runTutorial(.singleProcess) }
        let comm = try MPICommunicator()         // started without mpirun: one rank, the one-process run
        comm.abortOnError { try runTutorial(DataParallel(communicator: comm)) }    // a failing rank ends the job
    }

    /// Both parts on `parallel`'s ranks; only rank 0 narrates and writes figures, metrics.json, scores.csv.
    func runTutorial(_ parallel: DataParallel) throws {
        var settings = quick ? Settings.quick : Settings()
        settings.seed = options.seed
        if let epochs = options.epochs { (settings.vaeEpochs, settings.aeEpochs) = (epochs, epochs) }
        settings.parallel = parallel
        try parallel.checkDivisible(batchSizes: [("Part 1", settings.part1BatchSize), ("Part 2", settings.batchSize)])
        let isRoot = parallel.communicator.isRoot
        let out = try options.outputFolder(default: "bearing-anomaly-vae")
        let narrator = Narrator(quiet: options.quiet || !isRoot)
        if parallel.isDistributed {
            narrator.say("Training data-parallel on \(parallel.communicator.size) ranks (each batch split over them)")
        }

        let (results, seconds) = try timed { () throws -> (Part1Result, BearingData, Part2Result) in
            // Part 1: IBM's healthy and broken bearing, DL4J's model.
            let part1 = try runPart1(settings)
            narrator.say(String(format: "Part 1: broken vs healthy AUC %.3f (training %.1f s)", part1.auc, part1.seconds))
            // Part 2: mild faults, four detectors on the same windows.
            let data = makeBearingData(settings)
            narrator.say("Part 2: \(data.train.shape[0]) training windows, \(data.validation.shape[0]) validation, "
                         + "\(data.healthyTest.shape[0]) healthy test, \(data.faults.map { "\($0.windows.shape[0]) \($0.name)" }.joined(separator: ", "))")
            let part2 = try runPart2(data, settings)
            narrator.say(String(format: "  LSTM-VAE %.1f s, LSTM-AE %.1f s of training", part2.vaeLog.seconds, part2.aeLog.seconds))
            return (part1, data, part2)
        }
        let (part1, data, part2) = results
        let table = evaluate(part2, data: data, settings: settings)
        guard isRoot else { return }
        try writeScores(part2, data: data, to: out)
        try writeMetrics(metricsJSON(part1: part1, part2: part2, table: table, settings: settings, seconds: seconds),
                         to: out)
        try saveFigures(part1: part1, data: data, part2: part2, table: table, settings: settings, to: out)
        print(summary(part1: part1, table: table, seconds: seconds, out: out))
    }
}
