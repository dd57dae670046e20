// Lab 12: mortality from variable-length stays. Fill in the TODOs (Steps 12.1-12.5), then run
// `make lab N=12`. Docs/Tutorials/icu-mortality-lstm.md (section 2) explains padding, the mask and the
// last valid output; section 3 the ROC curve and the AUC.
import Kusari

/// Step 12.1: the mean of per-step `losses` `(batch, time)` over the valid steps only,
///
///     L = Σ_bt m_bt·ℓ_bt / Σ_bt m_bt,
///
/// with `mask` `(batch, time)` 1 at valid steps and 0 at padding, so padded steps neither count nor dilute
/// the mean. L = 0 when no step is valid. Differentiable in `losses`.
func maskedMean(_ losses: Variable, mask: NDArray) -> Variable {
    // TODO (Step 12.1): multiply by the mask (a constant: Variable(mask.astype(losses.dtype), requiresGrad: false)),
    // sum(…), divide by the number of valid steps (mask.doubleValues), or by 1 if there is none.
    return Variable(NDArray.zeros([], dtype: losses.dtype))
}

/// Step 12.2: each sequence's output at its last *valid* step. From per-step outputs `(batch, time, features)`
/// of a post-padded batch and the lengths (each in 1…time), returns `(batch, features)` with row b =
/// outputs[b, lengths[b] − 1]. Differentiable in `outputs`.
func lastValid(_ outputs: Variable, lengths: [Int]) -> Variable {
    // TODO (Step 12.2): reshape to (batch·time, features): step t of sequence b is row b·time + t. Then take
    // the rows you need with takeRows(_:_:). (Not outputs[0..., time − 1]: that is padding for short stays.)
    return Variable(NDArray.zeros([outputs.shape[0], outputs.shape[2]], dtype: outputs.dtype))
}

/// Step 12.3: the area under the ROC curve in its rank form: the share of (positive, negative) pairs in
/// which the positive scores higher, a tie counting ½:
///
///     AUC = (1 / (P·N)) Σ_{i: yᵢ = 1} Σ_{j: yⱼ = 0} ( [sᵢ > sⱼ] + ½ [sᵢ = sⱼ] )
func rankAUC(scores: [Double], labels: [Int]) -> Double {
    // TODO (Step 12.3): the scores of the positives and of the negatives, then the double loop. (Kusari's
    // rocAUC does the same in O(n log n) with mid-ranks; the grader compares the two.)
    return 0
}

/// Step 12.4 (a): the model's logits for a padded batch: one per step `(batch, time, 1)` (padded steps hold
/// the head's bias; the loss masks them) and each stay's last valid one `(batch, 1)`.
func logits(_ model: MortalityModel, _ batch: PaddedSequences) -> (steps: Variable, last: Variable) {
    // TODO (Step 12.4): model.lstm(Variable(batch.data, requiresGrad: false), lengths: batch.lengths) returns
    // the outputs; .padded(time: …) gives h as (batch, time, units). Apply model.head to every step at once
    // (reshape to (batch·time, units) and back to (batch, time, 1)), then your lastValid.
    let (size, time) = (batch.data.shape[0], batch.data.shape[1])
    return (Variable(NDArray.zeros([size, time, 1])), Variable(NDArray.zeros([size, 1])))
}

/// Step 12.4 (b): the training loss of a batch: every valid step is labelled with its stay's outcome (the
/// tutorial's per-step labels), and the binary cross-entropy ℓ = softplus(x) − t·x of each step's logit x is
/// averaged over the valid steps with `maskedMean`.
func batchLoss(_ model: MortalityModel, _ batch: PaddedSequences, labels: [Int]) -> Variable {
    // TODO (Step 12.4): the step logits as (batch, time); the targets t (batch, time), labels[b] at every
    // step of stay b; then maskedMean(softplus(x) − t * x, mask: batch.mask).
    return Variable(NDArray.zeros([]))
}

/// Step 12.5 (a): trains `model` on the training stays for `epochs` passes with Adam (α = `learningRate`),
/// in batches of `batchSize` stays in a random order drawn from `generator` each epoch. Returns each epoch's
/// mean batch loss.
func train(_ model: MortalityModel, on data: ICUData, epochs: Int, batchSize: Int = 32, learningRate: Double = 0.01,
           generator: RandomGenerator) throws -> [Double] {
    // TODO (Step 12.5): an Adam(alpha: learningRate) set up with the model; every epoch, the order
    // generator.permutation(data.train.count) cut into batches; each batch padded with
    // padSequences(stays, padding: .post), then `try optimizer.update { batchLoss(…) }`. Collect the means.
    return []
}

/// Step 12.5 (b): the predicted risk σ(logit) of each stay at its last valid step, without building a graph.
func risk(_ model: MortalityModel, _ stays: [EntitySequence]) -> [Double] {
    // TODO (Step 12.5): noGrad { … } around: pad all the stays, your logits(…).last, sigmoid, .data.doubleValues.
    return [Double](repeating: 0, count: stays.count)
}
