// Lab 12 (solution): mortality from variable-length stays.
import Kusari

/// Step 12.1: the mean of per-step `losses` `(batch, time)` over the valid steps only,
///
///     L = Σ_bt m_bt·ℓ_bt / Σ_bt m_bt,
///
/// with `mask` `(batch, time)` 1 at valid steps and 0 at padding, so padded steps neither count nor dilute
/// the mean. L = 0 when no step is valid. Differentiable in `losses`.
func maskedMean(_ losses: Variable, mask: NDArray) -> Variable {
    ShapeCheck.require(losses.shape == mask.shape, "maskedMean: losses \(losses.shape) and mask \(mask.shape) differ")
    let validSteps = mask.doubleValues.reduce(0, +)
    return sum(losses * Variable(mask.astype(losses.dtype), requiresGrad: false)) / Swift.max(validSteps, 1)
}

/// Step 12.2: each sequence's output at its last *valid* step. From per-step outputs `(batch, time, features)`
/// of a post-padded batch and the lengths (each in 1…time), returns `(batch, features)` with row b =
/// outputs[b, lengths[b] − 1]. Differentiable in `outputs`.
func lastValid(_ outputs: Variable, lengths: [Int]) -> Variable {
    ShapeCheck.require(outputs.ndim == 3 && outputs.shape[0] == lengths.count,
                       "lastValid: outputs \(outputs.shape) need shape (batch, time, features) with batch \(lengths.count)")
    let (batch, time, features) = (outputs.shape[0], outputs.shape[1], outputs.shape[2])
    ShapeCheck.require(lengths.allSatisfy { $0 >= 1 && $0 <= time }, "lastValid: lengths \(lengths) must be in 1...\(time)")
    // Row b·time + t of the flattened outputs is step t of sequence b.
    let rows = reshape(outputs, [batch * time, features])
    return takeRows(rows, lengths.enumerated().map { b, length in b * time + length - 1 })
}

/// Step 12.3: the area under the ROC curve in its rank form: the share of (positive, negative) pairs in
/// which the positive scores higher, a tie counting ½:
///
///     AUC = (1 / (P·N)) Σ_{i: yᵢ = 1} Σ_{j: yⱼ = 0} ( [sᵢ > sⱼ] + ½ [sᵢ = sⱼ] )
func rankAUC(scores: [Double], labels: [Int]) -> Double {
    ShapeCheck.require(scores.count == labels.count, "rankAUC: \(scores.count) scores but \(labels.count) labels")
    let positives = scores.indices.filter { labels[$0] == 1 }.map { scores[$0] }
    let negatives = scores.indices.filter { labels[$0] == 0 }.map { scores[$0] }
    ShapeCheck.require(!positives.isEmpty && !negatives.isEmpty, "rankAUC: needs both classes")
    var wins = 0.0
    for p in positives {
        for n in negatives {
            if p > n { wins += 1 } else if p == n { wins += 0.5 }
        }
    }
    return wins / (Double(positives.count) * Double(negatives.count))
}

/// Step 12.4 (a): the model's logits for a padded batch: one per step `(batch, time, 1)` (padded steps hold
/// the head's bias; the loss masks them) and each stay's last valid one `(batch, 1)`.
func logits(_ model: MortalityModel, _ batch: PaddedSequences) -> (steps: Variable, last: Variable) {
    let (size, time) = (batch.data.shape[0], batch.data.shape[1])
    let h = model.lstm(Variable(batch.data, requiresGrad: false), lengths: batch.lengths).padded(time: time)
    let steps = reshape(model.head(reshape(h, [size * time, h.shape[2]])), [size, time, 1])
    return (steps, lastValid(steps, lengths: batch.lengths))
}

/// Step 12.4 (b): the training loss of a batch: every valid step is labelled with its stay's outcome (the
/// tutorial's per-step labels), and the binary cross-entropy ℓ = softplus(x) − t·x of each step's logit x is
/// averaged over the valid steps with `maskedMean`.
func batchLoss(_ model: MortalityModel, _ batch: PaddedSequences, labels: [Int]) -> Variable {
    let (size, time) = (batch.data.shape[0], batch.data.shape[1])
    let x = reshape(logits(model, batch).steps, [size, time])
    let perStep = labels.flatMap { [Double](repeating: Double($0), count: time) }
    let t = Variable(NDArray(perStep, shape: [size, time], dtype: x.dtype), requiresGrad: false)
    return maskedMean(softplus(x) - t * x, mask: batch.mask)
}

/// Step 12.5 (a): trains `model` on the training stays for `epochs` passes with Adam (α = `learningRate`),
/// in batches of `batchSize` stays in a random order drawn from `generator` each epoch. Returns each epoch's
/// mean batch loss.
func train(_ model: MortalityModel, on data: ICUData, epochs: Int, batchSize: Int = 32, learningRate: Double = 0.01,
           generator: RandomGenerator) throws -> [Double] {
    let optimizer = Adam(alpha: learningRate).setup(model)
    var epochLosses: [Double] = []
    for _ in 0..<epochs {
        let order = generator.permutation(data.train.count)
        var total = 0.0, batches = 0
        for start in stride(from: 0, to: order.count, by: batchSize) {
            let picked = Array(order[start..<Swift.min(start + batchSize, order.count)])
            let batch = padSequences(picked.map { data.train[$0] }, padding: .post)
            let loss = try optimizer.update { batchLoss(model, batch, labels: picked.map { data.trainLabels[$0] }) }
            total += loss.data.scalar
            batches += 1
        }
        epochLosses.append(total / Double(Swift.max(batches, 1)))
    }
    return epochLosses
}

/// Step 12.5 (b): the predicted risk σ(logit) of each stay at its last valid step, without building a graph.
func risk(_ model: MortalityModel, _ stays: [EntitySequence]) -> [Double] {
    noGrad { sigmoid(logits(model, padSequences(stays, padding: .post)).last).data.doubleValues }
}
