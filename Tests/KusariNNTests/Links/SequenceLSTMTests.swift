import Foundation
import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Links: sequence-level recurrent layers")
struct SequenceLSTMTests {
    let lengths = [3, 5, 1, 5, 2]
    let x = FnFixtures.normal([5, 6, 3], seed: 61)        // time 6 > longest length: one padded column

    /// Row b, step t of `x` as a (1, in) variable.
    func step(_ b: Int, _ t: Int) -> Variable {
        Variable(x.slice([AxisSlice(start: b, count: 1, keepsAxis: true), AxisSlice(start: t, count: 1, keepsAxis: false),
                          AxisSlice(start: 0, count: 3, keepsAxis: true)]))
    }

    @Test func layoutOfPackedSequences() {
        let p = PackedSequences(lengths: [2, 3, 1])
        #expect(p.sortedOrder == [1, 0, 2] && p.batchSizes == [3, 2, 1] && p.offsets == [0, 3, 5])
        #expect(p.paddedRows(time: 3) == [3, 0, 6, 4, 1, 5])
    }

    @Test func equalsTheStepLSTMSequenceBySequence() {
        let sequenceLSTM = SequenceLSTM(3, 4, dtype: .float64, generator: RandomGenerator(seed: 62))
        let stepLSTM = LSTM(3, 4, dtype: .float64, generator: RandomGenerator(seed: 99))
        for (a, b) in zip(stepLSTM.namedParameters(), sequenceLSTM.namedParameters()) {
            #expect(a.path == b.path)      // same names: one model file serves both
            a.parameter.data = b.parameter.data
        }
        let out = sequenceLSTM(Variable(x), lengths: lengths)
        let padded = out.padded(time: 6).data
        #expect(padded.shape == [5, 6, 4])
        for (b, n) in lengths.enumerated() {
            stepLSTM.resetState()
            var h = Variable(NDArray.zeros([1, 4], dtype: .float64))
            for t in 0..<n {
                h = stepLSTM(step(b, t))
                for j in 0..<4 { #expect(abs(padded.element(at: [b, t, j]) - h.data.element(at: [0, j])) < 1e-12) }
            }
            for t in n..<6 { #expect((0..<4).allSatisfy { padded.element(at: [b, t, $0]) == 0 }) }
            for j in 0..<4 {
                #expect(abs(out.lastH.data.element(at: [b, j]) - h.data.element(at: [0, j])) < 1e-12)
                #expect(abs((out.lastC?.data.element(at: [b, j]) ?? .nan) - (stepLSTM.c?.data.element(at: [0, j]) ?? 0)) < 1e-12)
            }
        }
    }

    @Test func gradientsOfInputsAndParameters() throws {
        let lstm = SequenceLSTM(3, 4, dtype: .float64, generator: RandomGenerator(seed: 63))
        let weights = FnFixtures.normal([5, 4], seed: 64)
        try checkParameterGradients(lstm, atol: 1e-7, rtol: 1e-5) {
            let out = lstm(Variable(x), lengths: lengths)
            return sum(sin(out.packed)) + sum(out.lastH * Variable(weights)) + sum(out.lastC! * out.lastC!)
        }
        try checkBackward("SequenceLSTM input", function: { v in
            let out = lstm(v[0], lengths: lengths)
            return sum(out.padded(time: 6) * out.padded(time: 6)) + sum(out.lastH)
        }, inputs: [x])
    }

    @Test func dropoutOnlyInTrainingAndSeeded() {
        func make(_ seed: UInt64) -> SequenceLSTM {
            SequenceLSTM(3, 4, dropout: 0.25, recurrentDropout: 0.1, dtype: .float64,
                         generator: RandomGenerator(seed: 65), dropoutGenerator: RandomGenerator(seed: seed))
        }
        let plain = SequenceLSTM(3, 4, dtype: .float64, generator: RandomGenerator(seed: 65))
        let reference = noGrad { plain(Variable(x), lengths: lengths).lastH.data }
        let test = usingConfig(train: false) { make(1)(Variable(x), lengths: lengths).lastH.data }
        #expect(test == reference)
        let a = make(1)(Variable(x), lengths: lengths).lastH.data, b = make(1)(Variable(x), lengths: lengths).lastH.data
        #expect(a == b && a != reference)
    }

    @Test func stepLinksTakeTheSameBatches() {
        let gru = GRU(3, 4, dtype: .float64, generator: RandomGenerator(seed: 66))
        gru.resetState()
        let out = runSequences(Variable(x), lengths: lengths) { gru($0) }
        let padded = out.padded().data
        for (b, n) in lengths.enumerated() {
            gru.resetState()
            var h = Variable(NDArray.zeros([1, 4], dtype: .float64))
            for t in 0..<n { h = gru(step(b, t)) }
            for j in 0..<4 {
                #expect(abs(out.lastH.data.element(at: [b, j]) - h.data.element(at: [0, j])) < 1e-12)
                #expect(abs(padded.element(at: [b, n - 1, j]) - h.data.element(at: [0, j])) < 1e-12)
            }
        }
    }

    @Test func resetAfterGRUFollowsPyTorchsFormula() throws {
        let gru = ResetAfterGRU(2, 3, dtype: .float64, generator: RandomGenerator(seed: 67))
        let xs = FnFixtures.normal([2, 2, 2], seed: 68)         // (time, batch, in)
        let W = gru.upward.W.data, U = gru.lateral.W.data
        let bi = gru.upward.b!.data.doubleValues, bh = gru.lateral.b!.data.doubleValues
        func sig(_ v: Double) -> Double { 1 / (1 + Foundation.exp(-v)) }
        // Scalar loops over PyTorch's documented equations (nn.GRU), rows in blocks r, z, n.
        var h = [[Double]](repeating: [0, 0, 0], count: 2)
        gru.resetState()
        for t in 0..<2 {
            let xt = (0..<2).map { b in (0..<2).map { xs.element(at: [t, b, $0]) } }
            let y = gru(Variable(NDArray(xt.flatMap { $0 }, shape: [2, 2], dtype: .float64))).data
            for b in 0..<2 {
                func gi(_ row: Int) -> Double { bi[row] + (0..<2).reduce(0) { $0 + W.element(at: [row, $1]) * xt[b][$1] } }
                func gh(_ row: Int) -> Double { bh[row] + (0..<3).reduce(0) { $0 + U.element(at: [row, $1]) * h[b][$1] } }
                h[b] = (0..<3).map { j in
                    let r = sig(gi(j) + gh(j)), z = sig(gi(3 + j) + gh(3 + j))
                    let n = Foundation.tanh(gi(6 + j) + r * gh(6 + j))
                    return (1 - z) * n + z * h[b][j]
                }
                for j in 0..<3 { #expect(abs(y.element(at: [b, j]) - h[b][j]) < 1e-12) }
            }
        }
        #expect(gru.namedParameters().map(\.path) == ["/upward/W", "/upward/b", "/lateral/W", "/lateral/b"])
        try checkParameterGradients(gru) {
            gru.resetState()
            _ = gru(Variable(xs[0]))
            return sum(sin(gru(Variable(xs[1]))))
        }
    }
}
