// Lab 10: swap the LSTM for a GRU in the sine-cosine model. Fill in the TODOs (Steps 10.1-10.3), then run
// `make lab N=10`. Tutorials/SineCosineLSTM is the model and training this lab starts from.
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
    // TODO (Step 10.1): the tutorial's LSTM is still here: make l2 a GRU (here and in init).
    let l2: LSTM
    let l3: Linear

    init(hiddenSize: Int = 20, generator: RandomGenerator) {
        l1 = Linear(2, hiddenSize, generator: generator)
        l2 = LSTM(hiddenSize, hiddenSize, generator: generator)
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
    // TODO (Step 10.2): reset the model's state; then for each step i, the input is
    // Variable(steps[i][0], requiresGrad: false) when i < support or i == 0, else the prediction of step
    // i − 1 (keep it a Variable: the gradient flows through it). Collect model(input) for every step.
    return []
}

/// Step 10.3: trains `model` on `series` `(n, 2)` with Adam (default settings) for `epochs` epochs of
/// `series.shape[0] / 10` iterations, each on 10 random sequences of 10 steps, all teacher-forced. The loss
/// of an iteration is the sum over the steps of each step's MSE; returns, per epoch, the mean over its
/// iterations of that sum divided by the number of steps (the tutorial's `main/loss`).
func train(_ model: SineCosineModel, on series: NDArray, epochs: Int, generator: RandomGenerator) throws -> [Double] {
    // TODO (Step 10.3): the tutorial's iterator,
    //     SequenceIterator(series, batchSize: 10, sequenceLength: 10, supportLength: 10, generator: generator)
    // and Adam().setup(model); per iteration, `try optimizer.update { sequenceLoss(rollOut(…), steps) }` with
    // steps = iterator.next(). Return each epoch's mean of loss / steps.count.
    return []
}

/// Step 10.3: Σᵢ MSE(predictions[i], tᵢ), the summed per-step loss of one batch of sequences.
func sequenceLoss(_ predictions: [Variable], _ steps: [[NDArray]]) -> Variable {
    ShapeCheck.require(!predictions.isEmpty && predictions.count == steps.count,
                       "sequenceLoss: \(predictions.count) predictions for \(steps.count) steps")
    // TODO (Step 10.3): add up meanSquaredError(predictions[i], Variable(steps[i][1], requiresGrad: false)).
    return Variable(NDArray(scalar: 0))
}
