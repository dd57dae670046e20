// Lab 10 grading: the sine-cosine model with a GRU. Run: make lab N=10
import Foundation
import Kusari
import KusariTesting
import Testing
@testable import Lab10

/// The tutorial's series: row k = [0.8·sin 2t, 0.8·cos t], t = 8πk/199, k = 0 … 149 (its training part).
private let series: NDArray = {
    let rows = (0..<150).flatMap { k -> [Double] in
        let t = 8 * Double.pi * Double(k) / 199
        return [0.8 * Foundation.sin(2 * t), 0.8 * Foundation.cos(t)]
    }
    return NDArray(rows, shape: [150, 2], dtype: .float32)
}()

@Suite("Lab 10: a GRU in the sine-cosine model")
struct Lab10Tests {
    @Test("Step 10.1: l2 is a GRU (parameters /l2/W_r, /l2/U_r, /l2/W_z, /l2/U_z, /l2/W, /l2/U) with one state h")
    func model() throws {
        let model = SineCosineModel(hiddenSize: 20, generator: RandomGenerator(seed: 0))
        let paths = Set(model.namedParameters().map { "\($0.path) \($0.parameter.shape)" })
        let gru = Set(["W_r", "W_z", "W", "U_r", "U_z", "U"].flatMap { ["/l2/\($0)/W [20, 20]", "/l2/\($0)/b [20]"] })
        #expect(paths == gru.union(["/l1/W [20, 2]", "/l1/b [20]", "/l3/W [2, 20]", "/l3/b [2]"]))
        #expect(model.parameterCount == 2 * 20 + 20 + 6 * (20 * 20 + 20) + 20 * 2 + 2)   // 2,622
        let y = model(Variable(series[0..<3], requiresGrad: false))
        #expect(y.shape == [3, 2])
        #expect(model.l2.h?.shape == [3, 20], "after one step the GRU holds h (batch, H)")
        model.resetState()
        #expect(model.l2.h == nil, "resetState() on the model clears the GRU's h")
    }

    @Test("Step 10.2: rollOut resets the state, forces `support` steps, then feeds back its own predictions")
    func rollOutState() throws {
        let model = SineCosineModel(hiddenSize: 20, generator: RandomGenerator(seed: 0))
        let steps = (0..<6).map { i in [series[(3 * i)..<(3 * i + 3)], series[(3 * i + 1)..<(3 * i + 4)]] }
        _ = model(Variable(series[100..<103], requiresGrad: false))      // a stale state rollOut must clear
        let predictions = rollOut(steps, support: 3, model: model)
        try #require(predictions.count == 6, "rollOut gives one prediction per step")
        // The same by hand: fresh state, true inputs for steps 0–2, own predictions for 3–5.
        model.resetState()
        var expected: [Variable] = []
        for i in 0..<6 {
            expected.append(model(i < 3 ? Variable(steps[i][0], requiresGrad: false) : expected[i - 1]))
        }
        for (i, (got, want)) in zip(predictions, expected).enumerated() {
            try assertAllClose(got.data, want.data, "prediction of step \(i) with support 3")
        }
    }

    @Test("Step 10.3: sequenceLoss sums the steps' MSEs; 20 seeded epochs bring the loss below 0.01")
    func training() throws {
        let model = SineCosineModel(hiddenSize: 20, generator: RandomGenerator(seed: 0))
        let steps = (0..<4).map { i in [series[(2 * i)..<(2 * i + 2)], series[(2 * i + 1)..<(2 * i + 3)]] }
        let predictions = rollOut(steps, support: 4, model: model)
        let want = zip(predictions, steps).map { y, s in meanSquaredError(y, Variable(s[1])).data.scalar }.reduce(0, +)
        try #require(predictions.count == 4, "rollOut gives one prediction per step")
        #expect(abs(sequenceLoss(predictions, steps).data.scalar - want) < 1e-5, "Σ of the 4 steps' MSEs")

        let losses = try train(model, on: series, epochs: 20, generator: RandomGenerator(seed: 1))
        print("Lab 10: epoch losses \(losses.map { String(format: "%.5f", $0) })")
        #expect(losses.count == 20, "one mean loss per epoch")
        let last = try #require(losses.last)
        #expect(last < 0.01, "after 20 epochs the mean per-step loss should be below 0.01, got \(last)")
        #expect(last < losses[0] / 5, "the loss should fall at least fivefold, got \(losses)")
    }
}
