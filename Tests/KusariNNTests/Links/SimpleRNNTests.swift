import Testing
import Kusari
import KusariTesting

@Suite("SimpleRNN link")
struct SimpleRNNTests {
    @Test(arguments: [DType.float64, .float32])
    func goldenValuesOverThreeSteps(dtype: DType) throws {
        // Made independently with NumPy:
        //   import numpy as np
        //   Wx = np.array([0.64, -0.81, 0.68, -0.81, 0.95, -0.06]).reshape(2, 3)
        //   b = np.array([0.95, 0.21])
        //   Wh = np.array([0.48, -0.92, -0.43, -0.76]).reshape(2, 2)
        //   xs = np.array(goldenInputs).reshape(3, 2, 3)
        //   h = np.zeros((2, 2))
        //   for x in xs:
        //       h = np.tanh(x @ Wx.T + b + h @ Wh.T)
        //       print(h.ravel().tolist())
        let expected: [[Double]] = [
            [0.772742635837965, 0.2400243960782485, -0.43382590930975456, 0.8581280572516335],
            [0.9034156040123126, -0.46172217012370553, -0.572621259603197, 0.10497959705883109],
            [0.9764899027009413, -0.03634384584335569, 0.40954180492520303, 0.37630032673893327]]
        let rnn = SimpleRNN(3, 2, dtype: dtype)
        setParameter(rnn.upward.W, [0.64, -0.81, 0.68, -0.81, 0.95, -0.06], [2, 3], dtype: dtype)
        setParameter(rnn.upward.b, [0.95, 0.21], [2], dtype: dtype)
        setParameter(rnn.lateral.W, [0.48, -0.92, -0.43, -0.76], [2, 2], dtype: dtype)
        let atol = dtype == .float64 ? 1e-14 : 1e-6
        for (t, x) in sequence(goldenInputs, steps: 3, batch: 2, size: 3, dtype: dtype).enumerated() {
            let h = rnn(x)
            try assertAllClose(h.data.astype(.float64), NDArray(expected[t], shape: [2, 2]), atol: atol, "h at step \(t + 1)")
            #expect(rnn.h === h)
        }
    }

    @Test func parametersAndKerasLikeInitialization() throws {
        let rnn = SimpleRNN(3, 5, generator: RandomGenerator(seed: 1))
        #expect(rnn.namedParameters().map(\.path) == ["/upward/W", "/upward/b", "/lateral/W"])
        #expect(rnn.upward.W.shape == [5, 3] && rnn.lateral.W.shape == [5, 5] && rnn.upward.b?.shape == [5])
        #expect(rnn.upward.b!.data.doubleValues.allSatisfy { $0 == 0 })
        let limit = (6.0 / 8).squareRoot()           // Glorot uniform: √(6 / (fanIn + fanOut))
        #expect(rnn.upward.W.data.doubleValues.allSatisfy { abs($0) <= limit })
        let w = rnn.lateral.W.data.astype(.float64)  // orthogonal recurrent kernel
        try assertAllClose(NDArray.matmul(w, w, transB: true), eyeMatrix(5), atol: 1e-6)
    }

    @Test func customActivation() throws {
        let rnn = SimpleRNN(2, 3, activation: relu, dtype: .float64, generator: RandomGenerator(seed: 2))
        let x = randomSequence(steps: 1, batch: 4, size: 2, seed: 3)[0]
        try assertAllClose(rnn(x).data, linear(x, rnn.upward.W, rnn.upward.b).data.relu(), atol: 0)
    }

    @Test func parameterGradientsOfThreeUnrolledSteps() throws {
        let rnn = SimpleRNN(3, 4, dtype: .float64, generator: RandomGenerator(seed: 4))
        rnn.upward.b!.data = NDArray.normal([4], dtype: .float64, generator: RandomGenerator(seed: 5))
        let xs = randomSequence(steps: 3, batch: 2, size: 3, seed: 6)
        let inputs = [xs[0], xs[1], xs[2][0..<1]]
        try checkParameterGradients(rnn) {
            rnn.resetState()
            var loss = Variable(NDArray(scalar: 0, dtype: .float64))
            for (t, x) in inputs.enumerated() { loss = loss + weighted(rnn(x), seed: UInt64(t)) }
            return loss + weighted(rnn.h!, seed: 10)
        }
    }
}
