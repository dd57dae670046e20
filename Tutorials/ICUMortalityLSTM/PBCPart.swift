// Part 2: real patients. Death within 5 years of entry in the Mayo Clinic PBC trial, predicted from the
// visits of the first year, LSTM against the Mayo risk score, 5-fold cross-validation.
import Foundation
import Kusari
import TutorialSupport

/// The lab and clinical columns fed to the LSTM, and those that get a logarithm (skewed, positive).
let pbcFeatures = ["ascites", "hepato", "spiders", "edema", "bili", "chol", "albumin", "alk.phos", "ast", "platelet", "protime"]
let pbcLogFeatures = ["bili", "chol", "alk.phos", "ast", "protime"]

/// What Part 2 produces: held-out scores per patient and fold.
struct PBCResults {
    let ids: [String]
    let labels: [Int]
    let folds: [Int]
    let lstm: [Double]
    let mayo: [Double]
    let meanTrainLoss: [Double]
    let visits: Int
}

/// The tutorial's copy of `pbcseq.csv` (a resource of the executable).
func pbcURL() throws -> URL {
    guard let url = Bundle.module.url(forResource: "pbcseq", withExtension: "csv") else {
        throw ValidationErrorMessage("pbcseq.csv is missing from the tutorial's resources (Tutorials/ICUMortalityLSTM/pbcseq.csv, listed in Package.swift)")
    }
    return url
}

/// An error with a message.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The Mayo risk score (Dickson et al. 1989) from a patient's last first-year values (forward-filled):
/// R = 0.871 ln(bili) − 2.53 ln(albumin) + 0.039 age + 2.38 ln(protime) + 0.859 edema.
func mayoScore(bili: Double, albumin: Double, protime: Double, edema: Double, age: Double) -> Double {
    0.871 * Foundation.log(bili) - 2.53 * Foundation.log(albumin) + 0.039 * age + 2.38 * Foundation.log(protime) + 0.859 * edema
}

func runPBCPart(_ settings: Settings, narrator: Narrator) throws -> PBCResults {
    // 1. The visits, the label (death within 5 years; censored or transplanted earlier: left out) and the
    //    first year's visits.
    let all = try loadLongFormatCSV(try pbcURL(), idColumn: "id", timeColumn: "day", features: pbcFeatures,
                                    staticColumns: ["age", "futime", "status"])
    let horizon = 5 * 365.25
    var patients: [EntitySequence] = [], labels: [Int] = []
    for p in all.entities {
        let (futime, status) = (p.statics[1], p.statics[2])
        let label: Int
        if futime > horizon { label = 0 } else if status == 2 { label = 1 } else { continue }
        let firstYear = p.rows { $0 <= 365 }
        guard firstYear.length > 0 else { throw SequenceDataError.emptyEntity(id: p.id, context: "pbcseq.csv, first year") }
        patients.append(firstYear)
        labels.append(label)
    }
    let visits = patients.map(\.length).reduce(0, +)
    narrator.say("\nPart 2: pbcseq.csv, \(all.count) patients, \(all.entities.map(\.length).reduce(0, +)) visits; "
                 + "\(patients.count) with a known 5-year outcome, \(labels.reduce(0, +)) deaths; \(visits) first-year visits")
    let data = SequenceDataset(featureNames: pbcFeatures, staticNames: all.staticNames, entities: patients)

    // 2. The Mayo risk score from each patient's last first-year values.
    let carried = try data.map(ForwardFill(then: nil))
    func last(_ s: EntitySequence, _ name: String) -> Double { s.value(row: s.length - 1, feature: pbcFeatures.firstIndex(of: name) ?? 0) }
    let mayo = carried.entities.map { s in
        mayoScore(bili: last(s, "bili"), albumin: last(s, "albumin"), protime: last(s, "protime"),
                  edema: last(s, "edema"), age: s.statics[0])
    }
    guard mayo.allSatisfy(\.isFinite) else { throw ValidationErrorMessage("pbcseq.csv: a Mayo score input is missing for some patient") }

    // 3. Inputs for the LSTM: logs of the skewed labs, z-scores (training folds only), forward fill then 0,
    //    plus the visit time in years and the standardised age at entry.
    let logged = try data.map(LogTransform(features: pbcLogFeatures.compactMap { pbcFeatures.firstIndex(of: $0) }))

    // 4. Five folds from a seeded permutation; each fold's patients are scored by a model trained on the others.
    let order = RandomGenerator(seed: settings.seed &+ 5).permutation(patients.count)
    var fold = [Int](repeating: 0, count: patients.count)
    for (position, k) in order.enumerated() { fold[k] = position % 5 }
    var lstm = [Double](repeating: .nan, count: patients.count)
    var lossCurves: [[Double]] = []
    for f in 0..<5 {
        let trainIdx = patients.indices.filter { fold[$0] != f }, testIdx = patients.indices.filter { fold[$0] == f }
        let zscore = SequenceStandardizer(fittedOn: logged.subset(trainIdx))
        let filled = try logged.map(zscore).map(ForwardFill(then: 0))
        let (ageMean, ageScale) = meanAndScale(trainIdx.map { patients[$0].statics[0] })
        let inputs = filled.entities.map { s in
            withVisitTimes(s, age: (s.statics[0] - ageMean) / ageScale)
        }
        let model = MortalityModel(inputs: inputs[0].featureCount, units: 16, dropout: 0, recurrentDropout: 0,
                                   seed: settings.seed &+ UInt64(10 + f))
        let optimizer = Adam(alpha: 0.01).setup(model)
        optimizer.add(hook: WeightDecay(rate: 1e-3))
        let trainStays = trainIdx.map { inputs[$0] }, trainLabels = trainIdx.map { labels[$0] }
        var curve: [Double] = []
        for _ in 0..<settings.pbcEpochs {
            curve.append(try trainEpoch(model, optimizer, stays: trainStays, labels: trainLabels,
                                        batchSize: trainStays.count, target: .lastStep, generator: RandomGenerator(seed: 0)))
        }
        lossCurves.append(curve)
        let scores = lastStepRisk(model, testIdx.map { inputs[$0] })
        for (k, s) in zip(testIdx, scores) { lstm[k] = s }
        let foldLabels = testIdx.map { labels[$0] }
        narrator.say("  fold \(f + 1): \(testIdx.count) patients, LSTM AUC \(format(rocAUC(scores: scores, labels: foldLabels), 3)), "
                     + "Mayo AUC \(format(rocAUC(scores: testIdx.map { mayo[$0] }, labels: foldLabels), 3))")
    }
    let meanLoss = (0..<settings.pbcEpochs).map { e in lossCurves.map { $0[e] }.reduce(0, +) / 5 }
    return PBCResults(ids: patients.map(\.id), labels: labels, folds: fold, lstm: lstm, mayo: mayo,
                      meanTrainLoss: meanLoss, visits: visits)
}

/// A patient's rows with two more columns: the visit time in years and the standardised age at entry.
func withVisitTimes(_ s: EntitySequence, age: Double) -> EntitySequence {
    var values: [Double] = []
    for r in 0..<s.length {
        values += s.values[(r * s.featureCount)..<((r + 1) * s.featureCount)]
        values += [s.times[r] / 365.25, age]
    }
    return EntitySequence(id: s.id, times: s.times, values: values, featureCount: s.featureCount + 2, statics: s.statics)
}
