import Testing
import KusariTesting
import Kusari
import KusariTestFixtures
@testable import KusariNN

/// TanhGrad and SigmoidGrad, the fused gradients of tanh and sigmoid: the values of the Variable
/// expressions they replace (bit for bit), and differentiable themselves.
@Suite("Functions: TanhGrad, SigmoidGrad")
struct ActivationGradTests {
    @Test(arguments: [DType.float32, .float64])
    func valuesAreThoseOfTheUnfusedExpressions(dtype: DType) {
        for shape in [[7], [3, 5], [1, 1]] {
            let y = NDArray.uniform(shape, low: -1, high: 1, dtype: dtype, generator: RandomGenerator(seed: 71))
            let gy = NDArray.normal(shape, dtype: dtype, generator: RandomGenerator(seed: 72))
            let tanhGrad = TanhGrad().apply([Variable(y), Variable(gy)])[0].data
            let sigmoidGrad = SigmoidGrad().apply([Variable(y), Variable(gy)])[0].data
            #expect(tanhGrad == gy * (1 - y * y))
            #expect(sigmoidGrad == gy * y * (1 - y))
        }
    }

    @Test func gradientsFirstAndSecondOrder() throws {
        let y = FnFixtures.uniform([3, 4], seed: 73, low: -0.9, high: 0.9)
        let gy = FnFixtures.normal([3, 4], seed: 74)
        try FnFixtures.check("TanhGrad", [y, gy]) { TanhGrad().apply($0)[0] }
        try FnFixtures.check("SigmoidGrad", [y, gy]) { SigmoidGrad().apply($0)[0] }
    }

    @Test func thirdDerivativesOfTanhAndSigmoid() throws {
        // Three nested backward passes against the closed forms, with t = tanh x and s = σ(x):
        // d³/dx³ tanh = −2(1 − t²)(1 − 3t²), d³/dx³ σ = s(1 − s)(1 − 6s + 6s²).
        for x0 in [-1.3, 0.2, 2.0] {
            for (f, third) in [(tanh, { (x: Double) -> Double in
                                    let t = Double.tanh(x); return -2 * (1 - t * t) * (1 - 3 * t * t) }),
                               (sigmoid, { (x: Double) -> Double in
                                    let s = 1 / (1 + Double.exp(-x)); return s * (1 - s) * (1 - 6 * s + 6 * s * s) })] {
                let x = FnFixtures.scalar(x0)
                f(x).backward(enableDoubleBackprop: true)
                let g1 = try #require(x.grad)
                x.clearGrad()
                g1.backward(enableDoubleBackprop: true)
                let g2 = try #require(x.grad)
                x.clearGrad()
                g2.backward()
                let g3 = try #require(x.grad).data.scalar
                #expect(abs(g3 - third(x0)) < 1e-12, "x = \(x0)")
            }
        }
    }
}
