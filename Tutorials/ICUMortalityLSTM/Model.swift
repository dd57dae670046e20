// The model of both parts: a sequence-level LSTM and a one-unit sigmoid head (the lab's
// LSTM → TimeDistributed(Dense(1, sigmoid))), and the training and scoring loops around it.
import Foundation
import Kusari

/// LSTM(H) over each stay's steps, then a logit per step: `risk(t) = σ(head(h_t))`.
final class MortalityModel: Chain {
    let lstm: SequenceLSTM
    let head: Linear

    init(inputs: Int, units: Int, dropout: Double, recurrentDropout: Double, seed: UInt64) {
        let generator = RandomGenerator(seed: seed)
        lstm = SequenceLSTM(inputs, units, dropout: dropout, recurrentDropout: recurrentDropout,
                            generator: generator, dropoutGenerator: RandomGenerator(seed: seed &+ 1))
        head = Linear(units, 1, generator: generator)
        super.init()
    }

    /// The logits of every valid step, post-padded `(batch, time, 1)`, and of each stay's last valid step `(batch, 1)`.
    func callAsFunction(_ batch: PaddedSequences) -> (steps: Variable, last: Variable) {
        let out = lstm(Variable(batch.data, requiresGrad: false), lengths: batch.lengths)
        // One matrix product over the packed valid steps; padded steps stay out of it and out of the loss.
        let steps = unpack(head(out.packed), out.layout, time: batch.data.shape[1])
        return (steps, head(out.lastH))
    }
}

/// Which outputs the loss looks at.
enum LossTarget {
    /// Every valid step is labelled with the stay's outcome (the lab's per-step labels), masked mean.
    case everyStep
    /// Only each sequence's last valid output.
    case lastStep
}

/// The stays as one padded batch (post padding, as the lab).
func paddedBatch(_ stays: [EntitySequence]) -> PaddedSequences { padSequences(stays, padding: .post) }

/// The loss of one batch of stays with their 0/1 labels.
func batchLoss(_ model: MortalityModel, _ batch: PaddedSequences, labels: [Int], target: LossTarget) -> Variable {
    let (steps, last) = model(batch)
    switch target {
    case .everyStep:
        let time = batch.data.shape[1]
        let perStep = labels.flatMap { [Double](repeating: Double($0), count: time) }
        let t = Variable(NDArray(perStep, shape: [labels.count, time, 1], dtype: steps.dtype), requiresGrad: false)
        return sigmoidCrossEntropy(steps, t, mask: batch.mask)
    case .lastStep:
        let t = Variable(NDArray(labels.map(Double.init), shape: [labels.count, 1], dtype: last.dtype), requiresGrad: false)
        return sigmoidCrossEntropy(last, t)
    }
}

/// One epoch of minibatch training in a seeded random order; returns the mean batch loss.
func trainEpoch(_ model: MortalityModel, _ optimizer: Optimizer, stays: [EntitySequence], labels: [Int],
                batchSize: Int, target: LossTarget, generator: RandomGenerator) throws -> Double {
    let order = generator.permutation(stays.count)
    var total = 0.0, batches = 0
    for start in stride(from: 0, to: order.count, by: batchSize) {
        let picked = Array(order[start..<min(start + batchSize, order.count)])
        let batch = paddedBatch(picked.map { stays[$0] })
        let loss = try optimizer.update { batchLoss(model, batch, labels: picked.map { labels[$0] }, target: target) }
        total += loss.data.scalar
        batches += 1
    }
    return total / Double(max(batches, 1))
}

/// The predicted risk σ(logit) at each stay's last valid step, in test mode (no dropout, no graph).
func lastStepRisk(_ model: MortalityModel, _ stays: [EntitySequence], batchSize: Int = 512) -> [Double] {
    usingConfig(train: false, enableBackprop: false) {
        stride(from: 0, to: stays.count, by: batchSize).flatMap { start in
            let batch = paddedBatch(Array(stays[start..<min(start + batchSize, stays.count)]))
            return sigmoid(model(batch).last).data.doubleValues
        }
    }
}

/// The predicted risk after every hour of one stay.
func riskAlongStay(_ model: MortalityModel, _ stay: EntitySequence) -> [Double] {
    usingConfig(train: false, enableBackprop: false) {
        sigmoid(model(paddedBatch([stay])).steps).data.doubleValues
    }
}

/// Appends constant columns (static values, e.g. standardised age) to every row of a stay.
func appendingConstants(_ s: EntitySequence, _ constants: [Double]) -> EntitySequence {
    var values: [Double] = []
    values.reserveCapacity(s.length * (s.featureCount + constants.count))
    for r in 0..<s.length {
        values += s.values[(r * s.featureCount)..<((r + 1) * s.featureCount)]
        values += constants
    }
    return EntitySequence(id: s.id, times: s.times, values: values, featureCount: s.featureCount + constants.count,
                          statics: s.statics)
}

/// A logistic regression fitted by full-batch Adam on `x` `(n, d)` (standardised) against 0/1 labels:
/// the clinical-score baseline. Returns a scorer for new rows.
func fitLogisticRegression(_ x: [[Double]], _ labels: [Int], seed: UInt64) throws -> ([[Double]]) -> [Double] {
    let d = x.first?.count ?? 0
    let model = Linear(d, 1, initialW: Zero(), dtype: .float64, generator: RandomGenerator(seed: seed))
    let optimizer = Adam(alpha: 0.05).setup(model)
    let input = Variable(NDArray(x.flatMap { $0 }, shape: [x.count, d], dtype: .float64), requiresGrad: false)
    let target = Variable(NDArray(labels.map(Double.init), shape: [labels.count, 1], dtype: .float64), requiresGrad: false)
    for _ in 0..<400 { _ = try optimizer.update { sigmoidCrossEntropy(model(input), target) } }
    return { rows in
        noGrad { model(Variable(NDArray(rows.flatMap { $0 }, shape: [rows.count, d], dtype: .float64))).data.doubleValues }
    }
}
