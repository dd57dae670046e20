// Lab 12 (solution): the data and the model, given: the icu-mortality-lstm tutorial's Part 1,
// smaller. Docs/Tutorials/icu-mortality-lstm.md explains every step of the preparation.
import Kusari

/// A seeded synthetic ICU cohort prepared as the tutorial prepares it, on a coarser grid so a debug build
/// trains in seconds: measurements resampled to a grid of `gridHours` (the last value in each interval),
/// z-scored with the training split's statistics, forward-filled within each stay (then 0, the training
/// mean, for what was never measured), and the standardised age appended as a seventh column.
struct ICUData {
    /// The training stays, each `length × 7` values on the grid.
    let train: [EntitySequence]
    /// 1 = died, 0 = survived, per training stay.
    let trainLabels: [Int]
    /// The validation stays.
    let validation: [EntitySequence]
    /// The validation outcomes.
    let validationLabels: [Int]
    /// The admission score of each validation stay: a logistic regression on the first grid row, age
    /// and weight (what a score made at admission, like PIM2, can see). The LSTM should beat it.
    let admissionScores: [Double]

    /// `trainCount + validationCount` stays of `SyntheticICUCohort(seed:)`, the first `trainCount` for training.
    init(trainCount: Int = 400, validationCount: Int = 300, gridHours: Double = 4, seed: UInt64 = 0) throws {
        let total = trainCount + validationCount
        let cohort = SyntheticICUCohort(count: total, seed: seed)
        let trainIndices = Array(0..<trainCount), validationIndices = Array(trainCount..<total)
        let grid = try cohort.stays.map(ResampleToGrid(step: gridHours))
        let zscore = SequenceStandardizer(fittedOn: grid.subset(trainIndices))
        let filled = try grid.map(zscore).map(ForwardFill(then: 0))
        let ages = cohort.stays.entities.map { $0.statics[0] }, weights = cohort.stays.entities.map { $0.statics[1] }
        let age = Standardized(trainIndices.map { ages[$0] }), weight = Standardized(trainIndices.map { weights[$0] })
        let stays = filled.entities.enumerated().map { k, s in appendingColumn(s, age(ages[k])) }
        train = trainIndices.map { stays[$0] }
        validation = validationIndices.map { stays[$0] }
        trainLabels = trainIndices.map { cohort.labels[$0] }
        validationLabels = validationIndices.map { cohort.labels[$0] }

        func admissionRow(_ k: Int) -> [Double] {
            Array(filled.entities[k].values.prefix(6)) + [age(ages[k]), weight(weights[k])]
        }
        let score = try fitLogisticRegression(trainIndices.map(admissionRow), trainLabels)
        admissionScores = score(validationIndices.map(admissionRow))
    }
}

/// The model: `SequenceLSTM(inputs → units)` over each stay, then `Linear(units → 1)`, one logit per step:
/// risk(t) = σ(head(h_t)). No dropout, to keep the lab's numbers simple.
final class MortalityModel: Chain {
    /// Reads whole padded batches of stays (see `SequenceLSTM` in Docs/Links.md).
    let lstm: SequenceLSTM
    /// One logit from each step's h.
    let head: Linear

    init(inputs: Int = 7, units: Int = 16, generator: RandomGenerator) {
        lstm = SequenceLSTM(inputs, units, generator: generator)
        head = Linear(units, 1, generator: generator)
        super.init()
    }
}

/// x ↦ (x − mean) / sd with the mean and population standard deviation of `values` (sd 1 if there is no spread).
struct Standardized {
    let mean: Double, scale: Double

    init(_ values: [Double]) {
        let n = Double(max(values.count, 1))
        let mean = values.reduce(0, +) / n
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
        self.mean = mean
        scale = variance > 0 ? variance.squareRoot() : 1
    }

    func callAsFunction(_ x: Double) -> Double { (x - mean) / scale }
}

/// The stay with one more column holding `value` at every row.
func appendingColumn(_ s: EntitySequence, _ value: Double) -> EntitySequence {
    var values: [Double] = []
    values.reserveCapacity(s.length * (s.featureCount + 1))
    for r in 0..<s.length { values += s.values[(r * s.featureCount)..<((r + 1) * s.featureCount)] + [value] }
    return EntitySequence(id: s.id, times: s.times, values: values, featureCount: s.featureCount + 1, statics: s.statics)
}

/// A logistic regression on rows `x` against 0/1 labels, fitted by 300 full-batch Adam steps; returns a
/// scorer (the logit) for new rows.
func fitLogisticRegression(_ x: [[Double]], _ labels: [Int]) throws -> ([[Double]]) -> [Double] {
    let d = x.first?.count ?? 0
    let model = Linear(d, 1, initialW: Zero(), dtype: .float64, generator: RandomGenerator(seed: 0))
    let optimizer = Adam(alpha: 0.05).setup(model)
    let input = Variable(NDArray(x.flatMap { $0 }, shape: [x.count, d], dtype: .float64), requiresGrad: false)
    let target = Variable(NDArray(labels.map(Double.init), shape: [labels.count, 1], dtype: .float64), requiresGrad: false)
    for _ in 0..<300 { _ = try optimizer.update { sigmoidCrossEntropy(model(input), target) } }
    return { rows in
        noGrad { model(Variable(NDArray(rows.flatMap { $0 }, shape: [rows.count, d], dtype: .float64))).data.doubleValues }
    }
}
