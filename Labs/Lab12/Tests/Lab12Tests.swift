// Lab 12 grading: mortality from variable-length stays. Run: make lab N=12
import Foundation
import Kusari
import KusariTesting
import Testing
@testable import Lab12

/// Three made-up stays of 5, 2 and 4 steps with 7 features each (normal values from `seed`).
private func smallStays(seed: UInt64) -> [EntitySequence] {
    let g = RandomGenerator(seed: seed)
    return [5, 2, 4].enumerated().map { k, length in
        EntitySequence(id: "\(k)", times: (0..<length).map(Double.init),
                       values: (0..<(length * 7)).map { _ in g.nextNormal() }, featureCount: 7)
    }
}

@Suite("Lab 12: mortality from variable-length stays")
struct Lab12Tests {
    @Test("Step 12.1: maskedMean averages over the valid steps only (padding neither counts nor dilutes)")
    func maskedLoss() throws {
        // By hand (the lab page's exercise 2): stays of 3 and 1 valid steps, losses [0.2, 0.4, 0.6] and
        // [0.8, ×, ×] with 0.7 in the padded cells: (0.2 + 0.4 + 0.6 + 0.8) / 4 = 0.5, not 3.4 / 6 = 0.567.
        let losses = Variable(NDArray([0.2, 0.4, 0.6, 0.8, 0.7, 0.7], shape: [2, 3], dtype: .float64))
        let mask = NDArray([1, 1, 1, 1, 0, 0], shape: [2, 3], dtype: .float64)
        try assertAllClose(maskedMean(losses, mask: mask).data, NDArray(scalar: 0.5, dtype: .float64), "masked mean")
        try assertAllClose(maskedMean(losses, mask: NDArray.zeros([2, 3], dtype: .float64)).data,
                           NDArray(scalar: 0, dtype: .float64), "masked mean when no step is valid (must be 0, not NaN)")
        // Against Kusari's masked sigmoid cross-entropy on random logits, targets and lengths.
        let g = RandomGenerator(seed: 3)
        let x = NDArray.normal([4, 6], dtype: .float64, generator: g)
        let t = NDArray((0..<24).map { _ in g.nextUniform() < 0.3 ? 1.0 : 0.0 }, shape: [4, 6], dtype: .float64)
        let randomMask = NDArray([6, 2, 4, 1].flatMap { n in (0..<6).map { $0 < n ? 1.0 : 0.0 } }, shape: [4, 6], dtype: .float64)
        let perStep = softplus(Variable(x)) - Variable(t) * Variable(x)
        try assertAllClose(maskedMean(perStep, mask: randomMask).data,
                           sigmoidCrossEntropy(Variable(x), Variable(t), mask: randomMask).data,
                           "maskedMean of the per-step cross-entropies against Kusari's sigmoidCrossEntropy(_:_:mask:)")
        try checkBackward("maskedMean", function: { maskedMean($0[0], mask: randomMask) }, inputs: [x])
    }

    @Test("Step 12.2: lastValid picks each stay's output at its last valid step, not the last padded one")
    func lastValidStep() throws {
        // By hand: outputs [[1, 2, 3], [4, 5, 6]] (2 stays, 3 steps, 1 feature), lengths 3 and 1 → [3, 4].
        // (outputs[:, -1] would give [3, 6]: the second stay's 6 is padding.)
        let outputs = Variable(NDArray([1, 2, 3, 4, 5, 6], shape: [2, 3, 1], dtype: .float64))
        try assertAllClose(lastValid(outputs, lengths: [3, 1]).data, NDArray([3, 4], shape: [2, 1], dtype: .float64),
                           "last valid outputs")
        // Against Kusari's selectLastValid on random outputs.
        let y = NDArray.normal([3, 5, 2], dtype: .float64, generator: RandomGenerator(seed: 4))
        try assertAllClose(lastValid(Variable(y), lengths: [5, 2, 4]).data,
                           selectLastValid(Variable(y), lengths: [5, 2, 4]).data, "lastValid against selectLastValid")
        try checkBackward("lastValid", function: { lastValid($0[0], lengths: [5, 2, 4]) }, inputs: [y])
    }

    @Test("Step 12.3: rankAUC is the share of (death, survivor) pairs ranked right, ties counting ½")
    func auc() throws {
        // By hand (exercise 1): deaths score 0.9 and 0.4, survivors 0.8 and 0.3. Pairs: 0.9 > 0.8, 0.9 > 0.3,
        // 0.4 < 0.8, 0.4 > 0.3 → 3 of 4 = 0.75.
        #expect(rankAUC(scores: [0.9, 0.8, 0.4, 0.3], labels: [1, 0, 1, 0]) == 0.75)
        // A tie counts ½: death 0.5 against survivors 0.5 and 0.2 → (½ + 1) / 2 = 0.75.
        #expect(rankAUC(scores: [0.5, 0.5, 0.2], labels: [1, 0, 0]) == 0.75)
        #expect(rankAUC(scores: [0.1, 0.9, 0.2], labels: [1, 0, 0]) == 0, "every death below every survivor: 0")
        #expect(rankAUC(scores: [1, 1, 1, 1], labels: [1, 0, 1, 0]) == 0.5, "all tied: chance, 0.5")
        // Against Kusari's rocAUC on random scores with many ties (one decimal).
        for seed in 5..<9 as Range<UInt64> {
            let g = RandomGenerator(seed: seed)
            let labels = (0..<60).map { $0 % 4 == 0 ? 1 : 0 }
            let scores = labels.map { (Double($0) * 0.3 + g.nextUniform() * 10).rounded() / 10 }
            let got = rankAUC(scores: scores, labels: labels), want = rocAUC(scores: scores, labels: labels)
            #expect(abs(got - want) < 1e-12, "random scores (seed \(seed)): got \(got), rocAUC says \(want)")
        }
    }

    @Test("Step 12.4: logits per step and at the last valid step; batchLoss is the masked per-step cross-entropy")
    func model() throws {
        let model = MortalityModel(units: 4, generator: RandomGenerator(seed: 1))
        let stays = smallStays(seed: 2)
        let batch = padSequences(stays, padding: .post)                               // (3, 5, 7)
        let (steps, last) = logits(model, batch)
        try #require(steps.shape == [3, 5, 1] && last.shape == [3, 1],
                     "logits: steps \(steps.shape) should be (3, 5, 1) and last \(last.shape) (3, 1)")
        // Reference: each stay alone through the LSTM (a batch of one has no padding), then the head.
        var reference = [Double](repeating: 0, count: 15), expectedLast: [Double] = []
        for (b, stay) in stays.enumerated() {
            let alone = padSequences([stay], padding: .post)
            let h = model.lstm(Variable(alone.data), lengths: alone.lengths).packed  // (length, 4), in time order
            let y = model.head(h).data.doubleValues
            for t in 0..<stay.length { reference[b * 5 + t] = y[t] }
            expectedLast.append(y[stay.length - 1])
        }
        let validSteps = NDArray(reference, shape: [3, 5, 1], dtype: .float32) * batch.mask.reshaped([3, 5, 1])
        try assertAllClose(steps.data * batch.mask.reshaped([3, 5, 1]), validSteps, atol: 1e-5,
                           "the logits of the valid steps")
        try assertAllClose(last.data, NDArray(expectedLast, shape: [3, 1], dtype: .float32), atol: 1e-5, "the last valid logits")
        // The loss: every valid step labelled with its stay's outcome (died, survived, died).
        let labels = [1, 0, 1]
        let t = NDArray(labels.flatMap { [Double](repeating: Double($0), count: 5) }, shape: [3, 5, 1], dtype: .float32)
        let want = sigmoidCrossEntropy(Variable(NDArray(reference, shape: [3, 5, 1], dtype: .float32)), Variable(t), mask: batch.mask)
        try assertAllClose(batchLoss(model, batch, labels: labels).data, want.data, atol: 1e-5,
                           "batchLoss against Kusari's sigmoidCrossEntropy(_:_:mask:)")
    }

    @Test("Step 12.5: a small LSTM trained for 3 epochs beats the admission score on validation AUC")
    func training() throws {
        let start = Date()
        let data = try ICUData(seed: 0)
        let model = MortalityModel(generator: RandomGenerator(seed: 1))
        let untrained = rocAUC(scores: risk(model, data.validation), labels: data.validationLabels)
        let losses = try train(model, on: data, epochs: 3, generator: RandomGenerator(seed: 2))
        let lstm = rocAUC(scores: risk(model, data.validation), labels: data.validationLabels)
        let admission = rocAUC(scores: data.admissionScores, labels: data.validationLabels)
        print("Lab 12: epoch losses \(losses.map { String(format: "%.4f", $0) }); validation AUC: untrained "
              + "\(String(format: "%.3f", untrained)), trained \(String(format: "%.3f", lstm)), admission score "
              + "\(String(format: "%.3f", admission)) (\(String(format: "%.1f", Date().timeIntervalSince(start))) s)")
        #expect(losses.count == 3, "one mean loss per epoch, got \(losses)")
        #expect(losses.count == 3 && losses[2] < losses[0], "the loss should fall, got \(losses)")
        #expect(lstm > admission + 0.05, "the trained LSTM's AUC \(lstm) should beat the admission score's \(admission) by 0.05")
    }
}
