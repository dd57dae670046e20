import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

/// `SequenceLSTM` through oneDNN's LSTM primitive (equal lengths, float32) against Kusari's own loops
/// (`Config.useOneDNN` false), which the other suites check against the per-step composition.
@Suite("Functions: the LSTM layer through oneDNN", .serialized)
struct LSTMSequenceOneDNNTests {
    /// Packed h, last h, last c, then ∂L/∂x and the parameters' gradients of one forward and backward pass.
    func run(inSize: Int, hidden: Int, batch: Int, steps: Int, oneDNN: Bool, seed: UInt64 = 91) -> [NDArray] {
        Config.$useOneDNN.withValue(oneDNN) {
            let lstm = SequenceLSTM(inSize, hidden, generator: RandomGenerator(seed: seed))
            let input = Variable(FnFixtures.normal([batch, steps, inSize], seed: seed + 1).astype(.float32))
            let out = lstm(input, lengths: [Int](repeating: steps, count: batch))
            #expect((out.packed.creator is LSTMSequenceOneDNNFunction) == oneDNN)
            let weights = Variable(FnFixtures.normal([batch, hidden], seed: seed + 2).astype(.float32), requiresGrad: false)
            let lastC = out.lastC ?? out.lastH
            (sum(sin(out.packed)) + sum(out.lastH * weights) + sum(lastC * lastC)).backward()
            let gradients = [input.grad?.data] + lstm.namedParameters().map { $0.parameter.grad?.data }
            return [out.packed.data, out.lastH.data, lastC.data] + gradients.compactMap { $0 }
        }
    }

    func expectClose(_ a: [NDArray], _ b: [NDArray]) throws {
        let names = ["packed h", "last h", "last c", "∂L/∂x", "∂L/∂W (upward)", "∂L/∂b (upward)", "∂L/∂W (lateral)"]
        #expect(a.count == names.count && b.count == names.count)
        for (i, (x, y)) in zip(a, b).enumerated() {
            try assertAllClose(x, y, atol: 2e-5, rtol: 2e-4, names[min(i, names.count - 1)])
        }
    }

    @Test("values and gradients match Kusari's loops (H = 6, not a multiple of 16)")
    func smallLayerMatchesTheLoops() throws {
        let shape = (inSize: 3, hidden: 6, batch: 4, steps: 5)
        try expectClose(run(inSize: shape.inSize, hidden: shape.hidden, batch: shape.batch, steps: shape.steps, oneDNN: true),
                        run(inSize: shape.inSize, hidden: shape.hidden, batch: shape.batch, steps: shape.steps, oneDNN: false))
    }

    @Test("values and gradients match Kusari's loops on two threads (benchmark-like shape)")
    func largerLayerOnTwoThreads() throws {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.threads = 2
        try expectClose(run(inSize: 32, hidden: 64, batch: 16, steps: 9, oneDNN: true),
                        run(inSize: 32, hidden: 64, batch: 16, steps: 9, oneDNN: false))
    }

    @Test("one step: the recurrent weight gets a zero gradient")
    func oneStep() throws {
        let result = run(inSize: 2, hidden: 3, batch: 2, steps: 1, oneDNN: true)
        #expect(result[6] == NDArray.zeros([12, 3], dtype: .float32))
        try expectClose(result, run(inSize: 2, hidden: 3, batch: 2, steps: 1, oneDNN: false))
    }

    @Test("the same inputs give the same numbers on every call (cached primitives, reused workspace)")
    func deterministic() {
        let a = run(inSize: 5, hidden: 8, batch: 3, steps: 4, oneDNN: true)
        let b = run(inSize: 5, hidden: 8, batch: 3, steps: 4, oneDNN: true)
        #expect(a == b)
    }

    @Test("unequal lengths, recurrent dropout and float64 stay on Kusari's loops")
    func otherBatchesUseTheLoops() {
        let x = Variable(FnFixtures.normal([3, 4, 2], seed: 95).astype(.float32))
        let lstm = SequenceLSTM(2, 4, generator: RandomGenerator(seed: 96))
        #expect(lstm(x, lengths: [4, 2, 3]).packed.creator is LSTMSequenceFunction)
        let dropping = SequenceLSTM(2, 4, recurrentDropout: 0.5, generator: RandomGenerator(seed: 96))
        #expect(dropping(x, lengths: [4, 4, 4]).packed.creator is LSTMSequenceFunction)
        let double = SequenceLSTM(2, 4, dtype: .float64, generator: RandomGenerator(seed: 96))
        #expect(double(Variable(x.data.astype(.float64)), lengths: [4, 4, 4]).packed.creator is LSTMSequenceFunction)
    }

    @Test("in test mode, without a graph, it gives the training forward's values")
    func inference() {
        let lstm = SequenceLSTM(3, 5, generator: RandomGenerator(seed: 97))
        let x = Variable(FnFixtures.normal([2, 6, 3], seed: 98).astype(.float32))
        let trained = lstm(x, lengths: [6, 6]).lastH.data
        let tested = usingConfig(train: false) { noGrad { lstm(x, lengths: [6, 6]).lastH.data } }
        #expect(trained == tested)
    }

    @Test("gradients by finite differences in float32 (central differences, ε = 10⁻²)")
    func finiteDifferences() throws {
        let (steps, batch, inSize, hidden) = (3, 2, 3, 2)
        let inputs = [FnFixtures.normal([steps * batch, inSize], seed: 101), FnFixtures.normal([4 * hidden, inSize], seed: 102),
                      FnFixtures.normal([4 * hidden], seed: 103), FnFixtures.normal([4 * hidden, hidden], seed: 104)]
            .map { $0.astype(.float32) }
        let gh = FnFixtures.normal([steps * batch, hidden], seed: 105).doubleValues
        let gc = FnFixtures.normal([batch, hidden], seed: 106).doubleValues
        // L = Σ gh ⊙ h + Σ gc ⊙ cLast, summed in double.
        func loss(_ arrays: [NDArray]) -> Double {
            let y = noGrad { lstmSequenceOneDNN(Variable(arrays[0]), Variable(arrays[1]), Variable(arrays[2]), Variable(arrays[3]), steps: steps) }
            return zip(y.h.data.doubleValues, gh).reduce(0) { $0 + $1.0 * $1.1 } + zip(y.cLast.data.doubleValues, gc).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let variables = inputs.map { Variable($0) }
        let y = lstmSequenceOneDNN(variables[0], variables[1], variables[2], variables[3], steps: steps)
        (sum(y.h * Variable(NDArray(gh, shape: [steps * batch, hidden], dtype: .float32), requiresGrad: false))
            + sum(y.cLast * Variable(NDArray(gc, shape: [batch, hidden], dtype: .float32), requiresGrad: false))).backward()
        let eps = 1e-2
        for (i, input) in inputs.enumerated() {
            var numerical: [Double] = []
            for k in 0..<input.count {
                func shifted(_ delta: Double) -> Double {
                    var values = input.doubleValues
                    values[k] += delta
                    var arrays = inputs
                    arrays[i] = NDArray(values, shape: input.shape, dtype: .float32)
                    return loss(arrays)
                }
                numerical.append((shifted(eps) - shifted(-eps)) / (2 * eps))
            }
            let analytic = try #require(variables[i].grad).data
            try assertAllClose(analytic, NDArray(numerical, shape: input.shape, dtype: .float32), atol: 2e-3, rtol: 2e-2,
                               "input \(i) (x, W, b, V)")
        }
    }
}
