// Lab 11 grading: stateful vs stateless, parallel-streams layout. Run: make lab N=11
import Foundation
import Kusari
import KusariTesting
import Testing
@testable import Lab11

/// A daily cycle, 120 hours: sin(2πk/24), shape (120, 1).
private let series = NDArray((0..<120).map { Foundation.sin(2 * Double.pi * Double($0) / 24) }, shape: [120, 1],
                             dtype: .float32)
/// The layout of 120 positions in 4 streams of 30, windows of 6: written out here, independently of Step 11.1.
private let layout = (0..<4).map { k in (0..<4).map { j in 30 * j + 6 * k } }

/// The epoch's mean loss computed here: Kusari's runWindow over the same batches, with the state reset
/// once (stateful) or before every batch (stateless). Uses a learning rate of 0, so the weights stay.
private func referenceLoss(_ model: TemperatureModel, stateful: Bool) -> Double {
    let values = series.doubleValues
    model.resetState()
    var total = 0.0
    for starts in layout {
        if !stateful { model.resetState() }
        let x = NDArray(starts.flatMap { values[$0 ..< $0 + 6] }, shape: [4, 6, 1], dtype: .float32)
        let t = NDArray(starts.map { values[$0 + 6] }, shape: [4, 1], dtype: .float32)
        total += meanSquaredError(runWindow(x, through: model), Variable(t)).data.scalar
    }
    return total / Double(layout.count)
}

@Suite("Lab 11: stateful vs stateless, parallel streams")
struct Lab11Tests {
    @Test("Step 11.1: streamLayout gives start[k][j] = j·L + k·timesteps, batches continuing each other")
    func streams() throws {
        #expect(streamLayout(count: 20, batchSize: 2, timesteps: 3) == [[0, 10], [3, 13], [6, 16]])
        #expect(streamLayout(count: 50, batchSize: 4, timesteps: 5) == [[0, 12, 24, 36], [5, 17, 29, 41]])
        #expect(streamLayout(count: 120, batchSize: 4, timesteps: 6) == layout)
    }

    @Test("Step 11.2: makeBatch gathers the windows (B, T, 1) and their targets (B, 1)")
    func batch() throws {
        let counting = NDArray((0..<20).map(Double.init), shape: [20, 1], dtype: .float32)
        let (x, t) = makeBatch(counting, starts: [0, 10], timesteps: 3)
        try assertAllClose(x, NDArray([0, 1, 2, 10, 11, 12], shape: [2, 3, 1], dtype: .float32), "x")
        try assertAllClose(t, NDArray([3, 13], shape: [2, 1], dtype: .float32), "t")
    }

    @Test("Step 11.3: stateful carries the state across batches (reset per epoch), stateless resets per batch")
    func state() throws {
        for stateful in [true, false] {
            let model = TemperatureModel(generator: RandomGenerator(seed: 0))
            let want = referenceLoss(model, stateful: stateful)
            _ = model(Variable(NDArray.ones([4, 1])))                     // a stale state the epoch must clear
            let got = try trainEpoch(model, on: series, layout: layout, timesteps: 6,
                                     optimizer: SGD(lr: 0).setup(model), stateful: stateful)
            print("Lab 11: \(stateful ? "stateful" : "stateless") epoch loss with lr 0: \(String(format: "%.5f", got))")
            #expect(abs(got - want) < 1e-6, "\(stateful ? "stateful" : "stateless") epoch loss: got \(got), want \(want)")
        }
        let model = TemperatureModel(generator: RandomGenerator(seed: 0))
        #expect(abs(referenceLoss(model, stateful: true) - referenceLoss(model, stateful: false)) > 1e-4,
                "(the two ways differ for this model and data)")
        _ = try trainEpoch(model, on: series, layout: layout, timesteps: 6,
                           optimizer: SGD(lr: 0.01).setup(model), stateful: true)
        let h = try #require(model.rnn.h, "after a stateful epoch the RNN holds the state of the last batch")
        #expect(h.shape == [4, 8])
        #expect(h.creator == nil, "the carried state must be cut from the graph (loss.unchainBackward())")
    }
}
