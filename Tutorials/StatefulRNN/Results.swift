// The numbers of a run: what goes into metrics.json and the summary printed at the end.
import Foundation

/// One trained variant on one series: how training went, and what the final model predicts.
struct Run {
    /// Loss and time per epoch.
    let training: RunResult
    /// The model after the last epoch.
    let model: Model
    /// The final model's predictions of every window's target, made the way it was trained.
    let wholeSeries: Prediction

    /// The variant trained.
    var variant: Variant { training.variant }
}

/// The runs on one series.
struct SeriesResult {
    /// The prepared series.
    let data: PreparedSeries
    /// One run per variant, stateless first.
    let runs: [Run]
    /// The lowest loss any model can reach, when known (the synthetic series' weather noise).
    let noiseFloor: Double?

    /// The mean squared error of `run`'s final model over the whole series, in standardised units (the
    /// unit of the training loss).
    func finalLoss(_ run: Run) -> Double {
        let standardised = run.wholeSeries.rmse / data.scaler.scale[0]
        return standardised * standardised
    }
}

/// Everything the tutorial measured.
struct TutorialResults {
    /// Seattle: stateless, stateful and stateful with the Keras layout.
    let seattle: SeriesResult
    /// The synthetic series: stateless and stateful.
    let synthetic: SeriesResult
    /// A week of Seattle predicted by the stateless and the stateful model.
    let week: [Prediction]

    /// metrics.json: the settings, then per series and variant the loss and seconds of every epoch.
    func metrics(_ settings: Settings) -> [String: Any] {
        func entry(_ series: SeriesResult) -> [String: Any] {
            let data = series.data
            var entry: [String: Any] = ["points": data.raw.count, "windows": data.count, "unit": data.unit,
                                        "mean": data.scaler.mean[0], "std": data.scaler.scale[0]]
            if let floor = series.noiseFloor { entry["noise_floor_loss"] = floor }
            for run in series.runs {
                let training = run.training
                entry[run.variant.rawValue] = [
                    "loss": training.loss, "epoch_seconds": training.epochSeconds,
                    "epoch_cpu_seconds": training.epochCPUSeconds,
                    "steps_per_epoch": training.stepsPerEpoch, "ms_per_step": training.millisecondsPerStep,
                    "final_model_loss": series.finalLoss(run), "final_model_rmse": run.wholeSeries.rmse,
                ] as [String: Any]
            }
            return entry
        }
        var seattleEntry = entry(seattle)
        seattleEntry["week_rmse"] = Dictionary(uniqueKeysWithValues: week.map { ($0.variant.rawValue, $0.rmse) })
        return ["settings": settings.json, "seattle": seattleEntry, "synthetic": entry(synthetic)]
    }
}

/// The closing summary: loss and time per epoch of every run, the final models' error over the whole
/// series, and the week's errors.
func summary(_ results: TutorialResults, settings: Settings, out: URL) -> String {
    var lines = ["stateful-rnn: SimpleRNN(10) on hourly temperatures, \(settings.epochs) epochs, batch "
                 + "\(settings.batchSize), windows of \(settings.timesteps) hours (seed \(settings.seed))",
                 "  series     variant                 training loss per epoch    final model  s/epoch  ms/step  "
                    + "CPU ms/step"]
    for series in [results.seattle, results.synthetic] {
        for run in series.runs {
            let training = run.training
            let wall = mean(training.epochSeconds), cpu = mean(training.epochCPUSeconds)
            let steps = Double(training.stepsPerEpoch)
            lines.append("  " + pad(series.data.name, 10) + " " + pad(run.variant.label, 23) + " "
                         + pad(training.loss.map { format($0, 4) }.joined(separator: " "), 26) + " "
                         + pad(format(series.finalLoss(run), 4), 12) + " " + pad(format(wall, 2), 8) + " "
                         + pad(format(1000 * wall / steps, 3), 8) + " " + format(1000 * cpu / steps, 3))
        }
    }
    lines.append("  (losses: mean squared error on the standardised series; final model: the trained model "
                 + "on every window of its series)")
    lines.append("  reference, Seattle (docs): Keras stateless 0.0178 0.0024 0.0019, stateful 0.0151 0.0021 0.0014; "
                 + "PyTorch stateless 0.0156 0.0025 0.0020, stateful 0.0156 0.0018 0.0016")
    lines.append("  Seattle, \(settings.weekName), one hour ahead: RMSE "
                 + results.week.map { "\($0.variant.label) \(format($0.rmse, 2)) °F" }.joined(separator: ", "))
    lines.append("  figures and metrics.json in \(out.path)")
    return lines.joined(separator: "\n")
}

/// The mean of `values` (0 for none).
private func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

/// `value` with `digits` decimals (decimals, not significant digits: losses and seconds line up).
func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}
