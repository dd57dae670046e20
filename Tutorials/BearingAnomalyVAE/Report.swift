import Foundation
import Kusari
import TutorialSupport

/// One detector on one fault: how well its scores separate the fault's windows from the healthy test
/// windows, and the F1 of the threshold set on healthy validation scores.
struct FaultMetrics {
    let auc: Double
    let averagePrecision: Double
    let f1: Double
    let threshold: Double
}

/// metrics by fault name, then model name.
typealias MetricsTable = [String: [String: FaultMetrics]]

/// Step 6: AUC, average precision and F1 for every fault and detector. Healthy test windows are the
/// negatives, the fault's windows the positives; the threshold is a quantile of healthy validation scores
/// (no test window is used to choose it).
func evaluate(_ part2: Part2Result, data: BearingData, settings: Settings) -> MetricsTable {
    var table: MetricsTable = [:]
    for (f, fault) in data.faults.enumerated() {
        for name in modelNames {
            guard let s = part2.scores[name] else { continue }
            let scores = s.healthyTest + s.faults[f]
            let labels = s.healthyTest.map { _ in false } + s.faults[f].map { _ in true }
            let threshold = quantileThreshold(s.validation, quantile: settings.thresholdQuantile)
            table[fault.name, default: [:]][name] = FaultMetrics(
                auc: binaryROCAUC(scores: scores, labels: labels),
                averagePrecision: binaryAveragePrecision(scores: scores, labels: labels),
                f1: detectionQuality(scores: scores, labels: labels, threshold: threshold).f1,
                threshold: threshold)
        }
    }
    return table
}

/// `scores.csv`: one line per window and detector, `window,label,fault,model,score`. `window` numbers the
/// windows of each set from 0, `label` is 1 for a faulty window, `fault` is `healthy` for the healthy
/// test windows. Any AUC of metrics.json is healthy rows against one fault's rows of one model.
func writeScores(_ part2: Part2Result, data: BearingData, to folder: URL) throws {
    var lines = ["window,label,fault,model,score"]
    for name in modelNames {
        guard let s = part2.scores[name] else { continue }
        for (i, v) in s.healthyTest.enumerated() { lines.append("\(i),0,healthy,\(name),\(v)") }
        for (f, fault) in data.faults.enumerated() {
            for (i, v) in s.faults[f].enumerated() { lines.append("\(i),1,\(fault.name),\(name),\(v)") }
        }
    }
    try (lines.joined(separator: "\n") + "\n").write(to: folder.appending(path: "scores.csv"), atomically: true,
                                                       encoding: .utf8)
}

/// Everything metrics.json records.
func metricsJSON(part1: Part1Result, part2: Part2Result, table: MetricsTable, settings: Settings,
                 seconds: Double) -> [String: Any] {
    var mild: [String: Any] = [:]
    for (fault, models) in table {
        var entry: [String: Any] = [:]
        for (name, m) in models {
            entry["\(name)_auc"] = m.auc
            entry["\(name)_average_precision"] = m.averagePrecision
            entry["\(name)_f1"] = m.f1
            entry["\(name)_threshold"] = m.threshold
        }
        mild[fault] = entry
    }
    var metrics: [String: Any] = [
        "settings": settings.json,
        "broken": ["auc": part1.auc, "threshold": part1.threshold, "loss_per_epoch": part1.losses,
                   "training_seconds": part1.seconds],
        "mild": mild,
        "lstm_vae_loss_per_epoch": ["total": part2.vaeLog.epochs["main/loss"] ?? [],
                                    "reconstruction": part2.vaeLog.epochs["main/reconstruction"] ?? [],
                                    "kl": part2.vaeLog.epochs["main/kl"] ?? []],
        "lstm_ae_loss_per_epoch": part2.aeLog.epochs["main/loss"] ?? [],
        "training_seconds": ["lstm_vae": part2.vaeLog.seconds, "lstm_ae": part2.aeLog.seconds],
        "seconds": seconds,
    ]
    if settings.parallel.isDistributed {                  // absent from a one-process run's metrics.json
        metrics["data_parallel"] = ["ranks": settings.parallel.communicator.size, "mode": "batch_shard"]
    }
    return metrics
}

/// The closing summary: Part 1's AUC and the AUC table of Part 2.
func summary(part1: Part1Result, table: MetricsTable, seconds: Double, out: URL) -> String {
    var lines = [String(format: "Part 1 (IBM broken bearing): AUC %.3f", part1.auc),
                 "Part 2 AUC (F1 at the 0.99-quantile threshold):",
                 "  fault     " + modelNames.map { $0.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined()]
    for fault in Settings.faults.map(\.name) {
        let cells = modelNames.map { name -> String in
            guard let m = table[fault]?[name] else { return "-".padding(toLength: 18, withPad: " ", startingAt: 0) }
            return String(format: "%.3f (%.2f)", m.auc, m.f1).padding(toLength: 18, withPad: " ", startingAt: 0)
        }
        lines.append("  " + fault.padding(toLength: 10, withPad: " ", startingAt: 0) + cells.joined())
    }
    lines.append(String(format: "%.1f s in all; figures, metrics.json and scores.csv in %@", seconds, out.path))
    return lines.joined(separator: "\n")
}
