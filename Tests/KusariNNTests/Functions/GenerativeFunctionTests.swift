import Foundation
import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

/// The functions of the anomaly lab: leakyReLU, softplus, absolute error, the reparameterized Gaussian
/// sample, the Gaussian KL divergence, the Gaussian and Bernoulli negative log-likelihoods, and
/// repeating/stacking over time. Values against the formulas written out in Double; gradients (first and
/// second order) against finite differences in Double.
@Suite("Functions: generative-model losses and activations")
struct GenerativeFunctionTests {
    let x = FnFixtures.awayFromZero([3, 4], seed: 81)
    let y = FnFixtures.normal([3, 4], seed: 82)
    let lnVar = FnFixtures.uniform([3, 4], seed: 83, low: -1, high: 1)
    let unit = FnFixtures.uniform([3, 4], seed: 84, low: 0, high: 1)

    @Test func leakyReLUValuesAndGradient() throws {
        let v = Variable([-2.0, -0.5, 0, 3])
        try assertAllClose(leakyReLU(v).data, NDArray([-0.4, -0.1, 0, 3]))
        try assertAllClose(leakyReLU(v, slope: 0.01).data, NDArray([-0.02, -0.005, 0, 3]))
        try FnFixtures.check("leakyReLU", [x]) { leakyReLU($0[0], slope: 0.3) }
    }

    @Test func softplusIsStableAndDifferentiable() throws {
        let v = Variable([-800.0, -1, 0, 2, 800])
        let expected = [0.0, log(1 + exp(-1.0)), log(2.0), log(1 + exp(2.0)), 800]
        try assertAllClose(softplus(v).data, NDArray(expected), atol: 1e-12)
        let finite = softplus(v).data.doubleValues.allSatisfy { $0.isFinite }
        #expect(finite)
        try FnFixtures.check("softplus", [y]) { softplus($0[0]) }
    }

    @Test func absoluteErrorValuesAndGradients() throws {
        let a = Variable([1.0, -2, 3.5]), b = Variable([0.5, 1, 3.5])
        try assertAllClose(absoluteError(a, b).data, NDArray([0.5, 3, 0]))
        try assertAllClose(meanAbsoluteError(a, b).data, NDArray(scalar: 3.5 / 3, dtype: .float64))
        // Targets 0.3 above or below x, alternating, so both signs are checked and no tie is near.
        let offsets = NDArray((0..<12).map { $0 % 2 == 0 ? 0.3 : -0.3 }, shape: [3, 4])
        let target = x + offsets
        try FnFixtures.check("absoluteError", [x, target]) { absoluteError($0[0], $0[1]) }
        try FnFixtures.check("meanAbsoluteError", [x, target]) { meanAbsoluteError($0[0], $0[1]) }
    }

    @Test func gaussianSampleIsReparameterizedAndSeeded() throws {
        let mean = Variable(y), lv = Variable(lnVar)
        let z1 = gaussian(mean, lv, generator: RandomGenerator(seed: 5)).data
        let z2 = gaussian(mean, lv, generator: RandomGenerator(seed: 5)).data
        #expect(z1 == z2)
        let epsilon = NDArray.normal([3, 4], dtype: .float64, generator: RandomGenerator(seed: 5))
        try assertAllClose(z1, y + (0.5 * lnVar).exp() * epsilon, atol: 1e-14)
        try FnFixtures.check("gaussian", [y, lnVar]) { v in
            gaussian(v[0], v[1], generator: RandomGenerator(seed: 9))
        }
    }

    @Test func gaussianSampleHasTheRequestedMoments() {
        let mean = Variable(NDArray.full([20_000], value: 1.5, dtype: .float64))
        let lv = Variable(NDArray.full([20_000], value: Foundation.log(4.0), dtype: .float64))
        let z = gaussian(mean, lv, generator: RandomGenerator(seed: 3)).data.doubleValues
        let m = z.reduce(0, +) / Double(z.count)
        let s = (z.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(z.count)).squareRoot()
        #expect(abs(m - 1.5) < 0.05 && abs(s - 2) < 0.05, "mean \(m), std \(s)")
    }

    @Test func klDivergenceValuesAndGradient() throws {
        // ½(μ² + σ² − lnσ² − 1) per element: μ = 1, lnσ² = 0 gives ½; μ = 0, lnσ² = ln 2 gives ½(1 − ln 2).
        let kl = gaussianKLDivergence(Variable([1.0, 0, 0]), Variable([0.0, Foundation.log(2.0), 0]), reduce: .none)
        try assertAllClose(kl.data, NDArray([0.5, 0.5 * (1 - Foundation.log(2.0)), 0]), atol: 1e-14)
        try FnFixtures.check("gaussianKLDivergence", [y, lnVar]) { gaussianKLDivergence($0[0], $0[1]) }
    }

    @Test func gaussianNLLValuesAndGradient() throws {
        var expected = 0.0
        for (xi, (mi, li)) in zip(unit.doubleValues, zip(y.doubleValues, lnVar.doubleValues)) {
            expected += 0.5 * (Foundation.log(2 * Double.pi) + li + (xi - mi) * (xi - mi) / Foundation.exp(li))
        }
        try assertAllClose(gaussianNLL(Variable(unit), Variable(y), Variable(lnVar)).data,
                           NDArray(scalar: expected, dtype: .float64), atol: 1e-12)
        try FnFixtures.check("gaussianNLL", [unit, y, lnVar]) { gaussianNLL($0[0], $0[1], $0[2]) }
    }

    @Test func bernoulliNLLValuesAndGradient() throws {
        var expected = 0.0
        for (t, logit) in zip(unit.doubleValues, y.doubleValues) {
            let p = 1 / (1 + Foundation.exp(-logit))
            expected -= t * Foundation.log(p) + (1 - t) * Foundation.log(1 - p)
        }
        try assertAllClose(bernoulliNLL(Variable(unit), Variable(y)).data,
                           NDArray(scalar: expected, dtype: .float64), atol: 1e-12)
        // Large logits stay finite (the stable form).
        #expect(bernoulliNLL(Variable([1.0, 0]), Variable([-500.0, 500])).data.scalar.isFinite)
        try FnFixtures.check("bernoulliNLL", [unit, y]) { bernoulliNLL($0[0], $0[1]) }
    }

    @Test func repeatAndStackOverTime() throws {
        let v = Variable([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
        let r = repeatOverTime(v, steps: 4)
        #expect(r.shape == [2, 4, 3])
        #expect(r.data.slice(r.data.resolve([1, 2])).doubleValues == [4, 5, 6])
        try FnFixtures.check("repeatOverTime", [y]) { repeatOverTime($0[0], steps: 5) }
        let steps = separate(Variable(FnFixtures.normal([2, 3, 4], seed: 85)), axis: 1)
        #expect(stackOverTime(steps).data == FnFixtures.normal([2, 3, 4], seed: 85))
        try FnFixtures.check("stackOverTime", [y, lnVar]) { stackOverTime([$0[0], $0[1]]) }
    }
}
