// The numbers: AUCs with bootstrap intervals, metrics.json and the prediction files.
import Foundation
import Kusari
import TutorialSupport

/// Everything the summary, metrics.json and the prediction files report.
struct TutorialResults {
    let settings: Settings
    let synthetic: SyntheticResults
    let pbc: PBCResults
    let seconds: [String: Double]

    var lstmCI: ConfidenceInterval { interval(synthetic.lstm, synthetic.labels, 1) }
    var admissionCI: ConfidenceInterval { interval(synthetic.admission, synthetic.labels, 2) }
    var oracleCI: ConfidenceInterval { interval(synthetic.oracle, synthetic.labels, 3) }
    var pbcLSTMCI: ConfidenceInterval { interval(pbc.lstm, pbc.labels, 4) }
    var pbcMayoCI: ConfidenceInterval { interval(pbc.mayo, pbc.labels, 5) }

    func interval(_ scores: [Double], _ labels: [Int], _ stream: UInt64) -> ConfidenceInterval {
        bootstrapAUC(scores: scores, labels: labels, replicates: settings.bootstrapReplicates, seed: settings.seed &+ stream)
    }

    /// AUC per fold for `scores`.
    func foldAUCs(_ scores: [Double]) -> [Double] {
        (0..<5).map { f in
            let idx = pbc.labels.indices.filter { pbc.folds[$0] == f }
            return rocAUC(scores: idx.map { scores[$0] }, labels: idx.map { pbc.labels[$0] })
        }
    }

    func metrics() -> [String: Any] {
        func ci(_ c: ConfidenceInterval) -> [Double] { [c.lower, c.upper] }
        let (l, a, o, pl, pm) = (lstmCI, admissionCI, oracleCI, pbcLSTMCI, pbcMayoCI)
        return [
            "synthetic": [
                "lstm_auc": l.estimate, "lstm_auc_ci95": ci(l),
                "admission_auc": a.estimate, "admission_auc_ci95": ci(a),
                "oracle_auc": o.estimate, "oracle_auc_ci95": ci(o),
                "lstm_average_precision": averagePrecision(scores: synthetic.lstm, labels: synthetic.labels),
                "train_loss_per_epoch": synthetic.trainLoss,
                "validation_auc_per_epoch": synthetic.validationAUC,
                "train_stays": synthetic.trainStays, "validation_stays": synthetic.labels.count,
                "mortality": synthetic.mortality, "parameters": synthetic.parameterCount,
            ] as [String: Any],
            "pbc": [
                "lstm_auc": pl.estimate, "lstm_auc_ci95": ci(pl),
                "mayo_auc": pm.estimate, "mayo_auc_ci95": ci(pm),
                "lstm_fold_auc": foldAUCs(pbc.lstm), "mayo_fold_auc": foldAUCs(pbc.mayo),
                "patients": pbc.labels.count, "deaths": pbc.labels.reduce(0, +), "first_year_visits": pbc.visits,
                "train_loss_per_epoch_mean_over_folds": pbc.meanTrainLoss,
            ] as [String: Any],
            "settings": [
                "seed": Int(settings.seed), "synthetic_epochs": settings.syntheticEpochs, "units": settings.units,
                "batch_size": 128, "optimizer": "RMSprop(lr 0.005, rho 0.9)", "dropout": 0.25, "recurrent_dropout": 0.1,
                "pbc_units": 16, "pbc_epochs": settings.pbcEpochs, "pbc_optimizer": "Adam(0.01) + WeightDecay(1e-3)",
                "bootstrap_replicates": settings.bootstrapReplicates,
            ] as [String: Any],
            "seconds": seconds,
        ]
    }

    /// `predictions-synthetic.csv` (id,label,lstm_score,baseline_score,oracle_score) and
    /// `predictions-pbc.csv` (id,label,lstm_score,baseline_score,fold): every AUC can be recomputed from them.
    func writePredictions(to folder: URL) throws {
        var text = "id,label,lstm_score,baseline_score,oracle_score\n"
        for k in synthetic.labels.indices {
            text += "\(synthetic.ids[k]),\(synthetic.labels[k]),\(synthetic.lstm[k]),\(synthetic.admission[k]),\(synthetic.oracle[k])\n"
        }
        try text.write(to: folder.appending(path: "predictions-synthetic.csv"), atomically: true, encoding: .utf8)
        text = "id,label,lstm_score,baseline_score,fold\n"
        for k in pbc.labels.indices {
            text += "\(pbc.ids[k]),\(pbc.labels[k]),\(pbc.lstm[k]),\(pbc.mayo[k]),\(pbc.folds[k] + 1)\n"
        }
        try text.write(to: folder.appending(path: "predictions-pbc.csv"), atomically: true, encoding: .utf8)
    }
}

/// The closing summary.
func summary(_ r: TutorialResults, seconds: Double, out: URL) -> String {
    func line(_ name: String, _ c: ConfidenceInterval) -> String {
        "  \(name) AUC \(format(c.estimate, 3)) (95 % CI \(format(c.lower, 3))–\(format(c.upper, 3)))"
    }
    return """

        Part 1, synthetic ICU (\(r.synthetic.labels.count) validation stays):
        \(line("LSTM, last valid hour", r.lstmCI))
        \(line("admission score      ", r.admissionCI))
        \(line("true risk (ceiling)  ", r.oracleCI))
        Part 2, PBC (\(r.pbc.labels.count) patients, 5-fold cross-validation):
        \(line("LSTM, first year     ", r.pbcLSTMCI))
        \(line("Mayo risk score      ", r.pbcMayoCI))
        \(format(seconds, 1)) s; figures, metrics.json and predictions in \(out.path)
        """
}
