import Kusari
import TutorialSupport

/// Validation errors per recursion step: entry k (from 0) is the root-mean-square error of the
/// prediction made at step k + 1 of every validation sequence, which is a (k + 1)-step-ahead forecast
/// when only the first step gets the true input.
struct ValidationRMSE {
    /// `columns[j][k]`: RMSE of column j (0: sin, 1: cos) at step k + 1, over all sequences.
    let columns: [[Double]]
    /// `total[k]`: RMSE over all sequences and both columns at step k + 1 (the root of the mean of all
    /// squared errors, not the mean of the column RMSEs).
    let total: [Double]

    /// As metrics.json records it: `total`, `sin` and `cos`, each an array indexed by step.
    var json: [String: Any] {
        var result: [String: Any] = ["total": total]
        for (name, values) in zip(SineCosineData.columnNames, columns) { result[name] = values }
        return result
    }
}

/// Step 4 of the tutorial: validation (the blog's `valid`). Runs `model` over every sequence of the test
/// series at once, feeding the true input for the first `supportLength` steps and its own previous
/// prediction afterwards, and measures the error at each step.
///
/// With the blog's settings (50 test points, 20 steps, horizon 1) the ``SequenceIterator`` in evaluation
/// mode yields one batch holding all 50 − 20 − 1 − 1 = 28 start positions; step i of sequence o has input
/// `test[o + i]` and target `test[o + i + 1]`. Runs without recording a graph, in test mode.
func validationRMSE(of model: any Layer, on test: NDArray, sequenceLength: Int, supportLength: Int,
                    horizon: Int) -> ValidationRMSE {
    let iterator = SequenceIterator(test, batchSize: 1, sequenceLength: sequenceLength, supportLength: supportLength,
                                    horizon: horizon, repeat: false)
    let steps = iterator.next() ?? []           // the single evaluation batch
    let features = test.ndim > 1 ? test.shape[1] : 1
    var columns = [[Double]](repeating: [], count: features)
    var total: [Double] = []
    usingConfig(train: false, enableBackprop: false) {
        model.resetState()
        var previous: Variable?
        for (i, step) in steps.enumerated() {
            let input = (i < supportLength ? nil : previous) ?? Variable(step[0], requiresGrad: false)
            let y = model(input)
            let errors = zip(y.data.doubleValues, step[1].doubleValues).map { $0 - $1 }
            for j in 0..<features {
                columns[j].append(rootMeanSquare(stride(from: j, to: errors.count, by: features).map { errors[$0] }))
            }
            total.append(rootMeanSquare(errors))
            previous = y
        }
    }
    return ValidationRMSE(columns: columns, total: total)
}

/// ``validationRMSE(of:on:sequenceLength:supportLength:horizon:)`` with the validation settings of
/// `settings` (the blog's: 20 steps, true input at step 1 only).
func validationRMSE(of model: any Layer, on test: NDArray, settings: Settings) -> ValidationRMSE {
    validationRMSE(of: model, on: test, sequenceLength: settings.validationLength,
                   supportLength: settings.validationSupport, horizon: settings.horizon)
}

/// A trainer extension that validates the model at its trigger (every 10 epochs here) and keeps the
/// curves, to show how the error per recursion step falls as training goes on (the blog's second figure).
final class ValidationCurves: Extension {
    /// The curves so far, with the epoch each was measured after.
    private(set) var curves: [(epoch: Int, rmse: ValidationRMSE)] = []
    private let evaluate: () -> ValidationRMSE

    /// An extension that calls `evaluate` at each trigger.
    init(_ evaluate: @escaping () -> ValidationRMSE) { self.evaluate = evaluate }

    var defaultPriority: Int { ExtensionPriority.writer }

    func callAsFunction(_ trainer: Trainer) throws {
        curves.append((trainer.updater.epoch, evaluate()))
    }
}
