import Testing
import Kusari
import KusariTesting

@Suite("LSTM and StatelessLSTM links")
struct LSTMTests {
    /// An LSTM(3, 2) with the weights of the NumPy script below.
    static func goldenLSTM(dtype: DType) -> LSTM {
        let link = LSTM(3, 2, dtype: dtype)
        setParameter(link.upward.W, [0.1, 0.43, 0.21, 0.09, -0.15, 0.29, -0.12, 0.78, 0.93, -0.23, 0.58, 0.06,
                                     0.14, 0.85, -0.86, -0.83, -0.96, 0.67, 0.56, 0.74, 0.96, 0.6, -0.08, 0.56],
                     [8, 3], dtype: dtype)
        setParameter(link.upward.b, [-0.76, 0.28, -0.71, 0.89, 0.04, -0.17, -0.47, 0.55], [8], dtype: dtype)
        setParameter(link.lateral.W, [-0.09, 0.14, -0.96, 0.24, 0.22, 0.23, 0.89, 0.36,
                                      -0.28, -0.13, 0.4, -0.88, 0.33, 0.34, -0.58, -0.74], [8, 2], dtype: dtype)
        return link
    }

    @Test(arguments: [DType.float64, .float32])
    func goldenValuesOverThreeSteps(dtype: DType) throws {
        // Made independently with NumPy (Chainer's interleaved gate layout):
        //   import numpy as np
        //   Wx = np.array([0.1, 0.43, 0.21, 0.09, -0.15, 0.29, -0.12, 0.78, 0.93, -0.23, 0.58, 0.06, 0.14, 0.85,
        //                  -0.86, -0.83, -0.96, 0.67, 0.56, 0.74, 0.96, 0.6, -0.08, 0.56]).reshape(8, 3)
        //   b = np.array([-0.76, 0.28, -0.71, 0.89, 0.04, -0.17, -0.47, 0.55])
        //   Wh = np.array([-0.09, 0.14, -0.96, 0.24, 0.22, 0.23, 0.89, 0.36, -0.28, -0.13, 0.4, -0.88, 0.33, 0.34,
        //                  -0.58, -0.74]).reshape(8, 2)
        //   xs = np.array(goldenInputs).reshape(3, 2, 3)
        //   sig = lambda v: 1 / (1 + np.exp(-v))
        //   c, h = np.zeros((2, 2)), None
        //   for x in xs:
        //       z = x @ Wx.T + b + (h @ Wh.T if h is not None else 0)
        //       z = z.reshape(2, 2, 4)  # (batch, H, 4): a, i, f, o interleaved
        //       a, i, f, o = np.tanh(z[..., 0]), sig(z[..., 1]), sig(z[..., 2]), sig(z[..., 3])
        //       c = a * i + f * c
        //       h = o * np.tanh(c)
        //       print(c.ravel().tolist(), h.ravel().tolist())
        let expectedC: [[Double]] = [
            [-0.411662394454342, -0.21500561642789984, -0.22523932632059313, 0.16019233500660407],
            [-0.6236819404662075, -0.5569343626392744, -0.4668886715647469, 0.20326094202239073],
            [-0.6871928414266844, -0.68101672734075, -0.6018276708450979, -0.147825059848401]]
        let expectedH: [[Double]] = [
            [-0.2712414345431347, -0.12819423547053743, -0.17900896226947546, 0.07749645590186097],
            [-0.3261497386934182, -0.33589859148147144, -0.30061698408212234, 0.10138029318147092],
            [-0.32800466827220043, -0.41057588937365036, -0.32939543760362294, -0.07779587298812661]]
        let link = Self.goldenLSTM(dtype: dtype)
        let atol = dtype == .float64 ? 1e-14 : 1e-6
        for (t, x) in sequence(goldenInputs, steps: 3, batch: 2, size: 3, dtype: dtype).enumerated() {
            let y = link(x)
            try assertAllClose(y.data.astype(.float64), NDArray(expectedH[t], shape: [2, 2]), atol: atol, "h at step \(t + 1)")
            try assertAllClose(link.h!.data.astype(.float64), NDArray(expectedH[t], shape: [2, 2]), atol: atol, "state h")
            try assertAllClose(link.c!.data.astype(.float64), NDArray(expectedC[t], shape: [2, 2]), atol: atol, "c at step \(t + 1)")
        }
    }

    @Test func statelessLSTMMatchesTheStatefulOne() throws {
        let stateful = Self.goldenLSTM(dtype: .float64)
        let stateless = StatelessLSTM(3, 2, dtype: .float64)
        for (a, b) in zip(stateless.parameters(), stateful.parameters()) { a.data = b.data }
        var state: (c: Variable, h: Variable)?
        for x in sequence(goldenInputs, steps: 3, batch: 2, size: 3) {
            let h = stateful(x)
            state = stateless(c: state?.c, h: state?.h, x: x)
            try assertAllClose(state!.h.data, h.data, atol: 0)
            try assertAllClose(state!.c.data, stateful.c!.data, atol: 0)
        }
    }

    @Test func parametersAndInitialization() throws {
        let link = LSTM(3, 4, lateralInit: Orthogonal(), generator: RandomGenerator(seed: 1))
        #expect(link.namedParameters().map(\.path) == ["/upward/W", "/upward/b", "/lateral/W"])
        #expect(link.upward.W.shape == [16, 3] && link.lateral.W.shape == [16, 4] && link.upward.b?.shape == [16])
        // Forget-gate biases (elements 4j + 2) start at 1, the others at 0.
        #expect(link.upward.b!.data.doubleValues == (0..<16).map { $0 % 4 == 2 ? 1 : 0 })
        // Each block of H rows of an orthogonally initialized weight is orthogonal on its own (Chainer).
        for k in 0..<4 {
            let block = link.lateral.W.data[(4 * k)..<(4 * k + 4)].astype(.float64)
            try assertAllClose(NDArray.matmul(block, block, transB: true), eyeMatrix(4), atol: 1e-6)
        }
        let custom = LSTM(3, 2, forgetBiasInit: Constant(0.5))
        #expect(custom.upward.b!.data.doubleValues == [0, 0, 0.5, 0, 0, 0, 0.5, 0])
        // Lazy input size: fixed by the first input.
        let lazy = LSTM(nil, 2)
        #expect(!lazy.upward.W.isInitialized)
        #expect(lazy(Variable(NDArray.zeros([5, 7]))).shape == [5, 2])
        #expect(lazy.upward.W.shape == [8, 7])
    }

    @Test func firstStepHasNoLateralTerm() throws {
        // c₁ = tanh(a)σ(i) (c₀ = 0) and h₁ = σ(o)tanh(c₁), with z = upward(x) only: changing the lateral
        // weight must not change the first step.
        let x = sequence(goldenInputs, steps: 3, batch: 2, size: 3)[0]
        let a = Self.goldenLSTM(dtype: .float64), b = Self.goldenLSTM(dtype: .float64)
        b.lateral.W.data = b.lateral.W.data * 5.0
        let z = linear(x, a.upward.W, a.upward.b)
        let expected = lstm(Variable(NDArray.zeros([2, 2], dtype: .float64)), z)
        try assertAllClose(a(x).data, expected.h.data, atol: 0)
        try assertAllClose(b(x).data, expected.h.data, atol: 0)
        try assertAllClose(a.c!.data, expected.c.data, atol: 0)
    }

    @Test func parameterGradientsOfThreeUnrolledSteps() throws {
        // Double, batches 2, 2, 1: the last step updates the leading row only, so the split and join of the
        // state are differentiated too. The loss weighs every h and the final c.
        let link = LSTM(3, 4, dtype: .float64, generator: RandomGenerator(seed: 7))
        link.upward.b!.data = NDArray.normal([16], dtype: .float64, generator: RandomGenerator(seed: 8))
        let xs = randomSequence(steps: 3, batch: 2, size: 3, seed: 9)
        let inputs = [xs[0], xs[1], xs[2][0..<1]]
        try checkParameterGradients(link) {
            link.resetState()
            var loss = Variable(NDArray(scalar: 0, dtype: .float64))
            for (t, x) in inputs.enumerated() { loss = loss + weighted(link(x), seed: UInt64(t)) }
            return loss + weighted(link.c!, seed: 10)
        }
    }
}
