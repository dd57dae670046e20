import Testing
import KusariTesting
import Kusari
import KusariTestFixtures
@testable import KusariNN

/// linearSum(x, W, h, V, b) = linear(x, W, b) + linear(h, V), the fused recurrent pre-activation.
@Suite("Functions: linearSum")
struct LinearSumTests {
    let x = FnFixtures.normal([5, 3], seed: 61), w = FnFixtures.normal([7, 3], seed: 62)
    let h = FnFixtures.normal([5, 4], seed: 63), v = FnFixtures.normal([7, 4], seed: 64)
    let b = FnFixtures.normal([7], seed: 65)

    @Test(arguments: [DType.float32, .float64])
    func forwardMatchesTwoLinearsAndAnAdd(dtype: DType) throws {
        let (x, w, h, v, b) = (self.x.astype(dtype), self.w.astype(dtype), self.h.astype(dtype),
                               self.v.astype(dtype), self.b.astype(dtype))
        let tolerance = dtype == .float32 ? 1e-5 : 1e-12
        let fused = linearSum(Variable(x), Variable(w), Variable(h), Variable(v), Variable(b))
        let separate = linearSumReference(Variable(x), Variable(w), Variable(h), Variable(v), Variable(b))
        #expect(fused.dtype == dtype && fused.shape == [5, 7])
        try assertAllClose(fused.data, separate.data, atol: tolerance, rtol: tolerance)
        let noBias = linearSum(Variable(x), Variable(w), Variable(h), Variable(v))
        try assertAllClose(noBias.data, (linear(Variable(x), Variable(w)) + linear(Variable(h), Variable(v))).data,
                           atol: tolerance, rtol: tolerance)
    }

    @Test func gradientsFirstAndSecondOrder() throws {
        try FnFixtures.check("linearSum with bias", [x, w, h, v, b]) { linearSum($0[0], $0[1], $0[2], $0[3], $0[4]) }
        try FnFixtures.check("linearSum without bias", [x, w, h, v]) { linearSum($0[0], $0[1], $0[2], $0[3]) }
        try FnFixtures.check("tanh(linearSum)", [x, w, h, v, b]) { tanh(linearSum($0[0], $0[1], $0[2], $0[3], $0[4])) }
    }

    @Test(arguments: [DType.float32, .float64])
    func gradientsMatchTwoLinearsAndAnAdd(dtype: DType) throws {
        let arrays = [x, w, h, v, b].map { $0.astype(dtype) }
        let fused = arrays.map { Variable($0) }, separate = arrays.map { Variable($0) }
        sum(tanh(linearSum(fused[0], fused[1], fused[2], fused[3], fused[4]))).backward()
        sum(tanh(linearSumReference(separate[0], separate[1], separate[2], separate[3], separate[4]))).backward()
        let tolerance = dtype == .float32 ? 1e-5 : 1e-12
        for (f, s) in zip(fused, separate) {
            try assertAllClose(try #require(f.grad).data, try #require(s.grad).data, atol: tolerance, rtol: tolerance)
        }
    }

    @Test func recurrentLinksGiveTheGradientsOfTheUnfusedGraph() throws {
        // SimpleRNN over three steps, against the same cell written with two linears and an add.
        let rnn = SimpleRNN(3, 4, dtype: .float64, generator: RandomGenerator(seed: 66))
        let xs = (0..<3).map { Variable(FnFixtures.normal([5, 3], seed: 67 + UInt64($0)), requiresGrad: false) }
        var y: Variable?
        for x in xs { y = rnn(x) }
        sum(try #require(y)).backward()
        let (W, b, V) = (Variable(rnn.upward.W.data), Variable(rnn.upward.b!.data), Variable(rnn.lateral.W.data))
        var h = tanh(linear(xs[0], W, b))
        for x in xs.dropFirst() { h = tanh(linear(x, W, b) + linear(h, V)) }
        sum(h).backward()
        for (p, r) in [(rnn.upward.W, W), (rnn.upward.b!, b), (rnn.lateral.W, V)] {
            try assertAllClose(try #require(p.grad).data, try #require(r.grad).data, atol: 1e-12, rtol: 1e-12)
        }
    }
}
