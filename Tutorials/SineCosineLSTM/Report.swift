import Foundation
import Kusari

// The text and the metrics.json entries the tutorial produces from its results.

/// The validation RMSE as a table: one row per recursion step, columns sin, cos and total.
func rmseTable(_ rmse: ValidationRMSE) -> String {
    var lines = ["   step        sin        cos      total"]
    for k in rmse.total.indices {
        lines.append(String(format: "   %4d   %8.4f   %8.4f   %8.4f", k + 1, rmse.columns[0][k], rmse.columns[1][k],
                            rmse.total[k]))
    }
    return lines.joined(separator: "\n")
}

/// One run's entries for metrics.json: `support_length`, `loss` (per epoch), `validation_rmse` (`total`,
/// `sin`, `cos`, by step), `validation_total_rmse_by_epoch`, `iterations`, `train_seconds` (the whole
/// `trainer.run()`), `update_seconds` and `ms_per_iteration` (the updater alone, wall clock),
/// `update_cpu_seconds` and `cpu_ms_per_iteration` (the same in CPU time of the thread).
func runMetrics(_ run: TrainingRun, _ rmse: ValidationRMSE) -> [String: Any] {
    var byEpoch: [String: Any] = [:]
    for (epoch, curve) in run.checkpoints { byEpoch[String(epoch)] = curve.total }
    return [
        "support_length": run.supportLength, "loss": run.lossPerEpoch, "validation_rmse": rmse.json,
        "validation_total_rmse_by_epoch": byEpoch, "iterations": run.iterations, "train_seconds": run.seconds,
        "update_seconds": run.updateSeconds, "ms_per_iteration": run.millisecondsPerIteration,
        "update_cpu_seconds": run.updateCPUSeconds, "cpu_ms_per_iteration": run.cpuMillisecondsPerIteration,
    ]
}

/// The closing summary (the only output with `--quiet`).
func summary(settings: Settings, runs: [(run: TrainingRun, rmse: ValidationRMSE)], totalSeconds: Double,
             out: URL) -> String {
    let epochs = "\(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s")"
    var lines = ["sine-cosine-lstm: seed \(settings.seed), \(epochs) per run"]
    for (run, rmse) in runs {
        let blog = run.supportLength == settings.supportLength ? " (the blog's)" : ""
        lines.append("  support length \(run.supportLength)\(blog):")
        lines.append(String(format: "    loss in the last epoch %.3e; validation total RMSE %.4f at step 1, "
                            + "%.4f at step %d", run.lossPerEpoch.last ?? .nan, rmse.total.first ?? .nan,
                            rmse.total.last ?? .nan, rmse.total.count))
        lines.append(String(format: "    %d iterations in %.2f s; per iteration in the updater %.2f ms "
                            + "(%.2f ms of CPU)", run.iterations, run.seconds, run.millisecondsPerIteration,
                            run.cpuMillisecondsPerIteration))
    }
    lines.append(String(format: "  total %.1f s; figures and metrics.json in %@", totalSeconds, out.relativePath))
    return lines.joined(separator: "\n")
}
