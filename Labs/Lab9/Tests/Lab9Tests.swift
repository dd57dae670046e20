// Lab 9 grading: train the noisy sine with your own layer. Run: make lab N=9
import Foundation
import Kusari
import KusariTesting
import Testing
@testable import Lab9

@Suite("Lab 9: train the noisy sine with your own layer")
struct Lab9Tests {
    let data = NoisySine(generator: RandomGenerator(seed: 0))

    @Test("Step 9.1: SineModel is your ElmanRNN then Linear: y = (tanh(x·Wxᵀ + b))·Wᵀ + b' at the first step")
    func model() throws {
        let model = SineModel(hidden: 10, generator: RandomGenerator(seed: 1))
        try #require(model.rnn.Wx.shape == [10, 1] && model.rnn.Wh.shape == [10, 10],
                     "Step 9.0 first: paste your finished ElmanRNN of Lab 8 over Lab9/Sources/ElmanRNN.swift")
        let found = Set(model.namedParameters().map { "\($0.path) \($0.parameter.shape)" })
        try #require(found == ["/rnn/Wx [10, 1]", "/rnn/Wh [10, 10]", "/rnn/b [10]", "/out/W [1, 10]", "/out/b [1]"])
        let x = data.windows[0..<4, 0]                                              // (4, 1): the first steps
        model.resetState()
        let y = model(Variable(x, requiresGrad: false))
        // The same first step from the parameters, with Kusari's functions.
        let h = tanh(linear(Variable(x), model.rnn.Wx, model.rnn.b))
        try assertAllClose(y.data, linear(h, model.out.W, model.out.b).data, "first step of SineModel")
    }

    @Test("Step 9.2: predict(_:with:) starts from a fresh state and returns the output after the last step")
    func prediction() throws {
        let model = SineModel(hidden: 10, generator: RandomGenerator(seed: 1))
        try #require(model.rnn.Wx.shape == [10, 1] && model.rnn.Wh.shape == [10, 10],
                     "Step 9.0 first: paste your finished ElmanRNN of Lab 8 over Lab9/Sources/ElmanRNN.swift")
        let windows = data.windows[0..<5]                                           // (5, 10, 1)
        model.resetState()
        var expected = model(Variable(windows[0..., 0], requiresGrad: false))
        for step in 1..<windows.shape[1] { expected = model(Variable(windows[0..., step], requiresGrad: false)) }
        let first = predict(windows, with: model)
        try assertAllClose(first.data, expected.data, "prediction after 10 steps")
        try assertAllClose(predict(windows, with: model).data, first.data,
                           "a second call must give the same prediction (reset the state first)")
    }

    @Test("Step 9.3: five seeded epochs bring the training loss below 0.01")
    func training() throws {
        let model = SineModel(hidden: 10, generator: RandomGenerator(seed: 1))
        try #require(model.rnn.Wx.shape == [10, 1] && model.rnn.Wh.shape == [10, 10],
                     "Step 9.0 first: paste your finished ElmanRNN of Lab 8 over Lab9/Sources/ElmanRNN.swift")
        let losses = try train(model, on: data, epochs: 5, generator: RandomGenerator(seed: 2))
        print("Lab 9: epoch losses \(losses.map { String(format: "%.5f", $0) })")
        #expect(losses.count == 5, "one mean loss per epoch")
        let last = try #require(losses.last)
        #expect(last < 0.01, "after 5 epochs the loss should be below 0.01, got \(last)")
        #expect(last < losses[0] / 5, "the loss should fall at least fivefold, got \(losses)")
        let validation = meanSquaredError(predict(data.windows, with: model), Variable(data.targets)).data.scalar
        #expect(validation < 0.01, "the trained model's MSE over all windows should be below 0.01, got \(validation)")
    }
}
