import Testing
import Kusari
import KusariTesting

@Suite("GRU link")
struct GRUTests {
    @Test(arguments: [DType.float64, .float32])
    func goldenValuesOverThreeSteps(dtype: DType) throws {
        // Made independently with NumPy (Chainer's StatefulGRU, including its first step without U terms):
        //   import numpy as np
        //   def lin(W, b): return lambda v: v @ np.array(W).reshape(2, -1).T + np.array(b)
        //   W_r, U_r = lin([-0.41, -0.76, -0.36, -0.17, -0.87, 0.38], [0.13, -0.47]), lin([0.05, -0.81, 0.15, 0.86], [-0.36, 0.33])
        //   W_z, U_z = lin([-0.74, 0.43, -0.42, -0.63, 0.17, -0.96], [0.66, -0.99]), lin([0.36, -0.46, 0.47, 0.92], [-0.5, 0.15])
        //   W, U = lin([0.18, 0.14, -0.55, 0.91, -0.11, 0.69], [0.4, -0.41]), lin([0.63, -0.21, 0.76, 0.16], [0.76, 0.39])
        //   xs = np.array(goldenInputs).reshape(3, 2, 3)
        //   sig = lambda v: 1 / (1 + np.exp(-v))
        //   h = None
        //   for x in xs:
        //       if h is None:  # no U terms on the first step
        //           h = sig(W_z(x)) * np.tanh(W(x))
        //       else:
        //           r, z = sig(W_r(x) + U_r(h)), sig(W_z(x) + U_z(h))
        //           h = z * np.tanh(W(x) + U(r * h)) + (1 - z) * h
        //       print(h.ravel().tolist())
        let expected: [[Double]] = [
            [0.14656453726402421, -0.15520232595293906, 0.6075769802644896, -0.4177449079800387],
            [0.4637502442655052, -0.1680201343883124, 0.8466563035376261, -0.4526320088128506],
            [0.6387927752079561, -0.15346832081183331, 0.8942235208149897, -0.4028049855864614]]
        let gru = GRU(3, 2, dtype: dtype)
        let weights: [(Linear, [Double], [Double])] = [
            (gru.W_r, [-0.41, -0.76, -0.36, -0.17, -0.87, 0.38], [0.13, -0.47]),
            (gru.U_r, [0.05, -0.81, 0.15, 0.86], [-0.36, 0.33]),
            (gru.W_z, [-0.74, 0.43, -0.42, -0.63, 0.17, -0.96], [0.66, -0.99]),
            (gru.U_z, [0.36, -0.46, 0.47, 0.92], [-0.5, 0.15]),
            (gru.W, [0.18, 0.14, -0.55, 0.91, -0.11, 0.69], [0.4, -0.41]),
            (gru.U, [0.63, -0.21, 0.76, 0.16], [0.76, 0.39])]
        for (link, w, b) in weights {
            setParameter(link.W, w, [2, w.count / 2], dtype: dtype)
            setParameter(link.b, b, [2], dtype: dtype)
        }
        let atol = dtype == .float64 ? 1e-14 : 1e-6
        for (t, x) in sequence(goldenInputs, steps: 3, batch: 2, size: 3, dtype: dtype).enumerated() {
            let h = gru(x)
            try assertAllClose(h.data.astype(.float64), NDArray(expected[t], shape: [2, 2]), atol: atol, "h at step \(t + 1)")
            #expect(gru.h === h)
        }
    }

    @Test func chainerParameterNames() {
        let gru = GRU(3, 2)
        #expect(gru.namedParameters().map(\.path) == ["/W_r/W", "/W_r/b", "/U_r/W", "/U_r/b", "/W_z/W", "/W_z/b",
                                                      "/U_z/W", "/U_z/b", "/W/W", "/W/b", "/U/W", "/U/b"])
        #expect(gru.W_r.W.shape == [2, 3] && gru.U.W.shape == [2, 2])
    }

    @Test func parameterGradientsOfThreeUnrolledSteps() throws {
        let gru = GRU(3, 4, dtype: .float64, generator: RandomGenerator(seed: 4))
        let g = RandomGenerator(seed: 5)
        for link in [gru.W_r, gru.U_r, gru.W_z, gru.U_z, gru.W, gru.U] {
            link.b!.data = NDArray.normal([4], dtype: .float64, generator: g)
        }
        let xs = randomSequence(steps: 3, batch: 2, size: 3, seed: 6)
        let inputs = [xs[0], xs[1], xs[2][0..<1]]
        try checkParameterGradients(gru) {
            gru.resetState()
            var loss = Variable(NDArray(scalar: 0, dtype: .float64))
            for (t, x) in inputs.enumerated() { loss = loss + weighted(gru(x), seed: UInt64(t)) }
            return loss + weighted(gru.h!, seed: 10)
        }
    }
}
