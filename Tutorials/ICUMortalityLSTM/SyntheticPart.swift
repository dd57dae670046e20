// Part 1: the lab's pipeline on a synthetic paediatric-ICU cohort.
import Foundation
import Kusari
import TutorialSupport

/// What Part 1 produces: scores per validation stay, the training history and the stays to draw.
struct SyntheticResults {
    let ids: [String]
    let labels: [Int]
    let lstm: [Double]
    let admission: [Double]
    let oracle: [Double]
    let trainLoss: [Double]
    let validationAUC: [Double]
    let trainStays: Int
    let mortality: Double
    /// Validation stays as measured (raw units), hourly and forward-filled (raw units), and the model's
    /// hourly risk for the stays drawn in the figures.
    let examples: [(raw: EntitySequence, filled: EntitySequence, label: Int, risk: [Double])]
    let parameterCount: Int
}

/// Generates the cohort, prepares it as the lab does, trains the LSTM and the admission score, and scores
/// the validation stays.
func runSyntheticPart(_ settings: Settings, narrator: Narrator) throws -> SyntheticResults {
    // 1. The cohort: irregular measurements in hours, two statics (age, weight), an outcome per stay.
    let total = settings.trainStays + settings.validationStays
    let cohort = SyntheticICUCohort(count: total, seed: settings.seed)
    let trainIndices = Array(0..<settings.trainStays), validationIndices = Array(settings.trainStays..<total)
    let deaths = cohort.labels.reduce(0, +)
    let measurements = cohort.stays.entities.map { $0.values.filter { !$0.isNaN }.count }.reduce(0, +)
    narrator.say("Part 1: \(total) synthetic stays (\(settings.trainStays) training, \(settings.validationStays) validation), "
                 + "\(deaths) deaths (\(percent(Double(deaths) / Double(total)))), \(measurements) measurements")

    // 2. The lab's preprocessing: an hourly grid (last value in each hour), z-scores with training-split
    //    statistics, forward fill within each stay, then 0 (= the training mean) for what is still missing.
    let hourly = try cohort.stays.map(ResampleToGrid(step: 1))
    let missing = hourly.entities.flatMap(\.values).filter(\.isNaN).count
    narrator.say("  hourly grid: \(percent(Double(missing) / Double(hourly.entities.map(\.values.count).reduce(0, +)))) of the cells are missing")
    let zscore = SequenceStandardizer(fittedOn: hourly.subset(trainIndices))
    let filled = try hourly.map(zscore).map(ForwardFill(then: 0))
    let ages = cohort.stays.entities.map { $0.statics[0] }, weights = cohort.stays.entities.map { $0.statics[1] }
    let (ageMean, ageScale) = meanAndScale(trainIndices.map { ages[$0] })
    let (weightMean, weightScale) = meanAndScale(trainIndices.map { weights[$0] })
    let inputs = filled.entities.enumerated().map { appendingConstants($0.element, [(ages[$0.offset] - ageMean) / ageScale]) }
    let trainStays = trainIndices.map { inputs[$0] }, validationStays = validationIndices.map { inputs[$0] }
    let trainLabels = trainIndices.map { cohort.labels[$0] }, validationLabels = validationIndices.map { cohort.labels[$0] }

    // 3. The model: LSTM(128, dropout 0.25, recurrent dropout 0.1) → per-step sigmoid, RMSprop(0.005),
    //    batch 128, binary cross-entropy over every valid step (padding masked out).
    let model = MortalityModel(inputs: inputs[0].featureCount, units: settings.units, dropout: 0.25,
                               recurrentDropout: 0.1, seed: settings.seed)
    let optimizer = RMSprop(lr: 0.005, rho: 0.9, eps: 1e-7).setup(model)
    let shuffle = RandomGenerator(seed: settings.seed &+ 2)
    var trainLoss: [Double] = [], validationAUC: [Double] = []
    for epoch in 1...settings.syntheticEpochs {
        let (loss, seconds) = try timed {
            try trainEpoch(model, optimizer, stays: trainStays, labels: trainLabels, batchSize: 128,
                           target: .everyStep, generator: shuffle)
        }
        trainLoss.append(loss)
        validationAUC.append(rocAUC(scores: lastStepRisk(model, validationStays), labels: validationLabels))
        narrator.say("  epoch \(epoch): loss \(format(loss, 4)), validation AUC \(format(validationAUC.last ?? 0, 3)) (\(format(seconds, 1)) s)")
    }
    let lstm = lastStepRisk(model, validationStays)

    // 4. The admission score: a logistic regression on the first hour's values, age and weight (the lab's
    //    PIM2 / PRISM3, which see only the admission).
    func admissionRow(_ k: Int) -> [Double] {
        Array(filled.entities[k].values.prefix(6)) + [(ages[k] - ageMean) / ageScale, (weights[k] - weightMean) / weightScale]
    }
    let admissionModel = try fitLogisticRegression(trainIndices.map(admissionRow), trainLabels, seed: settings.seed)
    let admission = admissionModel(validationIndices.map(admissionRow))

    // 5. Stays to draw: the first two validation deaths and the first survivor.
    let rawFilled = try hourly.map(ForwardFill(then: nil))
    let deathsShown = validationIndices.filter { cohort.labels[$0] == 1 }.prefix(2)
    let survivorShown = validationIndices.filter { cohort.labels[$0] == 0 }.prefix(1)
    let examples = (Array(deathsShown) + Array(survivorShown)).map { k in
        (raw: cohort.stays.entities[k], filled: rawFilled.entities[k], label: cohort.labels[k], risk: riskAlongStay(model, inputs[k]))
    }
    return SyntheticResults(
        ids: validationIndices.map { cohort.stays.entities[$0].id }, labels: validationLabels, lstm: lstm,
        admission: admission, oracle: validationIndices.map { cohort.trueLogits[$0] }, trainLoss: trainLoss,
        validationAUC: validationAUC, trainStays: settings.trainStays, mortality: Double(deaths) / Double(total),
        examples: examples, parameterCount: model.parameterCount)
}

/// The mean and population standard deviation (1 if there is no spread).
func meanAndScale(_ values: [Double]) -> (Double, Double) {
    let mean = values.reduce(0, +) / Double(max(values.count, 1))
    let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(values.count, 1))
    return (mean, variance > 0 ? variance.squareRoot() : 1)
}

/// "12.3 %".
func percent(_ x: Double) -> String { format(100 * x, 1) + " %" }

/// x with `digits` decimals.
func format(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
