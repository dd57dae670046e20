// Lab 10 (solution): the sine-cosine model with a GRU in place of the LSTM.
import Foundation
import Kusari

/// The sine-cosine tutorial's model with its recurrent layer swapped:
///
///     x (batch, 2) → l1: Linear(2 → H) → l2: GRU(H → H) → l3: Linear(H → 2) → y (batch, 2)
///
/// The GRU keeps one state, `h`, between calls (the LSTM kept two, `c` and `h`); `resetState()`, inherited
/// from `Chain`, clears it.
final class SineCosineModel: Chain, Layer {
    let l1: Linear
    let l2: GRU
    let l3: Linear

    init(hiddenSize: Int = 20, generator: RandomGenerator) {
        l1 = Linear(2, hiddenSize, generator: generator)
        l2 = GRU(hiddenSize, hiddenSize, generator: generator)
        l3 = Linear(hiddenSize, 2, generator: generator)
        super.init()
    }

    /// One time step: the next point from the current one, `(batch, 2) → (batch, 2)`.
    func callAsFunction(_ x: Variable) -> Variable {
        l3(l2(l1(x)))
    }
}

/// Step 10.2: runs `model` along one batch of sequences, `steps[i] = [x, t]` with x, t `(batch, 2)`, from a
/// fresh state: the true input x for the first `support` steps, the model's own previous prediction
/// afterwards (the first step always gets x). Returns the prediction of every step.
func rollOut(_ steps: [[NDArray]], support: Int, model: SineCosineModel) -> [Variable] {
    model.resetState()
    var predictions: [Variable] = []
    for (i, step) in steps.enumerated() {
        let input = i < support || predictions.isEmpty ? Variable(step[0], requiresGrad: false) : predictions[i - 1]
        predictions.append(model(input))
    }
    return predictions
}

/// Step 10.3: trains `model` on `series` `(n, 2)` with Adam (default settings) for `epochs` epochs of
/// `series.shape[0] / 10` iterations, each on 10 random sequences of 10 steps, all teacher-forced. The loss
/// of an iteration is the sum over the steps of each step's MSE; returns, per epoch, the mean over its
/// iterations of that sum divided by the number of steps (the tutorial's `main/loss`).
func train(_ model: SineCosineModel, on series: NDArray, epochs: Int, generator: RandomGenerator) throws -> [Double] {
    let iterator = SequenceIterator(series, batchSize: 10, sequenceLength: 10, supportLength: 10, generator: generator)
    let optimizer = Adam().setup(model)
    let iterationsPerEpoch = series.shape[0] / 10
    var epochLosses: [Double] = []
    for _ in 0..<epochs {
        var sum = 0.0
        for _ in 0..<iterationsPerEpoch {
            guard let steps = iterator.next() else { break }
            let loss = try optimizer.update {
                sequenceLoss(rollOut(steps, support: iterator.supportLength, model: model), steps)
            }
            sum += loss.data.scalar / Double(steps.count)
        }
        epochLosses.append(sum / Double(iterationsPerEpoch))
    }
    return epochLosses
}

/// Step 10.3: Σᵢ MSE(predictions[i], tᵢ), the summed per-step loss of one batch of sequences.
func sequenceLoss(_ predictions: [Variable], _ steps: [[NDArray]]) -> Variable {
    ShapeCheck.require(!predictions.isEmpty && predictions.count == steps.count,
                       "sequenceLoss: \(predictions.count) predictions for \(steps.count) steps")
    var total = meanSquaredError(predictions[0], Variable(steps[0][1], requiresGrad: false))
    for i in 1..<steps.count {
        total = total + meanSquaredError(predictions[i], Variable(steps[i][1], requiresGrad: false))
    }
    return total
}
