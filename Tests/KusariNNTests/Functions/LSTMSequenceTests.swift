import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

/// The fused recurrence of `SequenceLSTM` (LSTMSequenceFunction) against the per-step composition it
/// replaces (`referenceCall`), and by finite differences.
@Suite("Functions: the fused LSTM recurrence over packed sequences")
struct LSTMSequenceTests {
    let lengths = [4, 7, 1, 7, 3, 2]
    let x = FnFixtures.normal([6, 8, 5], seed: 71)

    /// Two links with the same parameters and the same dropout generator state.
    func twins(dtype: DType, dropout: Double = 0, recurrentDropout: Double = 0) -> (SequenceLSTM, SequenceLSTM) {
        func make() -> SequenceLSTM {
            SequenceLSTM(5, 6, dropout: dropout, recurrentDropout: recurrentDropout, dtype: dtype,
                         generator: RandomGenerator(seed: 72), dropoutGenerator: RandomGenerator(seed: 73))
        }
        return (make(), make())
    }

    @Test("forward equals the per-step composition bit for bit (float32, with both dropouts)")
    func forwardIsBitIdentical() {
        for (dropout, recurrent) in [(0.0, 0.0), (0.3, 0.2)] {
            let (fused, reference) = twins(dtype: .float32, dropout: dropout, recurrentDropout: recurrent)
            let input = Variable(x.astype(.float32))
            let a = fused(input, lengths: lengths), b = reference.referenceCall(input, lengths: lengths)
            #expect(a.packed.data == b.packed.data)
            #expect(a.lastH.data == b.lastH.data)
            #expect(a.lastC?.data == b.lastC?.data)
        }
    }

    @Test("gradients equal the per-step composition's to rounding (float64, recurrent dropout)")
    func gradientsMatchTheReference() throws {
        let (fused, reference) = twins(dtype: .float64, dropout: 0.25, recurrentDropout: 0.4)
        let weights = FnFixtures.normal([6, 6], seed: 74)
        func run(_ lstm: SequenceLSTM, _ call: (Variable, [Int]) -> RecurrentSequenceOutput) -> (NDArray, [NDArray]) {
            let input = Variable(x)
            let out = call(input, lengths)
            let loss = sum(sin(out.packed)) + sum(out.lastH * Variable(weights)) + sum(out.lastC! * out.lastC!)
            lstm.clearGrads()
            loss.backward()
            return (input.grad!.data, lstm.namedParameters().map { $0.parameter.grad!.data })
        }
        let (gxFused, gpFused) = run(fused) { fused($0, lengths: $1) }
        let (gxReference, gpReference) = run(reference) { reference.referenceCall($0, lengths: $1) }
        try assertAllClose(gxFused, gxReference, atol: 1e-12, rtol: 1e-12, "∂L/∂x")
        for (a, b) in zip(gpFused, gpReference) { try assertAllClose(a, b, atol: 1e-12, rtol: 1e-12, "parameter gradient") }
    }

    @Test("numerical gradient check of lstmSequence, with a recurrent mask and unequal lengths")
    func numericalGradient() throws {
        let layout = PackedSequences(lengths: [3, 1, 4])
        let hidden = 2
        let projected = FnFixtures.normal([layout.totalSteps, 4 * hidden], seed: 75)
        let weight = FnFixtures.normal([4 * hidden, hidden], seed: 76)
        let mask = NDArray([2, 0, 2, 2, 0, 2], shape: [3, 2], dtype: .float64)
        try checkBackward("lstmSequence", function: { v in
            let y = lstmSequence(v[0], v[1], layout: layout, recurrentMask: mask)
            return [y.h, y.c]
        }, inputs: [projected, weight])
    }

    @Test("sequences of one step: no recurrent product, zero weight gradient")
    func singleSteps() {
        let layout = PackedSequences(lengths: [1, 1])
        let w = Variable(FnFixtures.normal([8, 2], seed: 77))
        let p = Variable(FnFixtures.normal([2, 8], seed: 78))
        let y = lstmSequence(p, w, layout: layout)
        sum(y.h).backward()
        #expect(w.grad?.data == NDArray.zeros([8, 2], dtype: .float64))
        #expect(p.grad?.data.shape == [2, 8])
    }
}
