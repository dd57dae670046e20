import Testing
import Kusari

/// Each rule, run for a few steps on a vector parameter with a constant gradient, against its closed form.
@Suite("Optimizer update rules")
struct OptimizerRuleTests: OptimizerFixtures {
    let start = [1.0, -2.0, 0.5]
    let grad = [0.5, -1e-4, 2.0]
    let steps = 5

    func run(_ optimizer: Optimizer, dtype: DType = .float64) throws -> [[Double]] {
        let model = OneParameter(start, dtype: dtype)
        return try trajectory(optimizer.setup(model), model, grad: grad, steps: steps)
    }

    func expected(_ delta: (Int, Double) -> Double) -> [[Double]] {
        expectedTrajectory(start: start, grad: grad, steps: steps, delta: delta)
    }

    @Test func sgd() throws {
        // W ← W − lr·g, so after k steps W = W₀ − k·lr·g.
        let actual = try run(SGD(lr: 0.1))
        let want = expected { _, g in 0.1 * g }
        for (a, e) in zip(actual, want) { #expect(close(a, e)) }
    }

    @Test func momentumSGD() throws {
        // v_t = −lr·g·(1 − μᵗ)/(1 − μ); W ← W + v_t.
        let (lr, mu) = (0.1, 0.9)
        let actual = try run(MomentumSGD(lr: lr, momentum: mu))
        let want = expected { t, g in lr * g * (1 - power(mu, t)) / (1 - mu) }
        for (a, e) in zip(actual, want) { #expect(close(a, e)) }
    }

    @Test func adamChainerPlacement() throws {
        // Constant g: m_t = g(1 − β1ᵗ), v_t = g²(1 − β2ᵗ), so lr_t·m/(√v + ε) = α·g·s/(|g|·s + ε), s = √(1 − β2ᵗ).
        let (alpha, b1, b2, eps) = (0.01, 0.9, 0.999, 1e-3)
        let actual = try run(Adam(alpha: alpha, beta1: b1, beta2: b2, eps: eps))
        let want = expected { t, g in
            let s = (1 - power(b2, t)).squareRoot()
            return alpha * g * s / (abs(g) * s + eps)
        }
        for (a, e) in zip(actual, want) { #expect(close(a, e)) }
    }

    @Test func adamPyTorchPlacement() throws {
        // Constant g: m̂ = g, v̂ = g², so each step is α·g/(|g| + ε), whatever t is.
        let (alpha, eps) = (0.01, 1e-3)
        let actual = try run(Adam(alpha: alpha, eps: eps, epsilonPlacement: .pytorch))
        let want = expected { _, g in alpha * g / (abs(g) + eps) }
        for (a, e) in zip(actual, want) { #expect(close(a, e)) }
    }

    @Test func adamPlacementsDifferOnlyForTinySecondMoments() throws {
        // Chainer's ε acts like ε/√(1 − β2ᵗ) on v̂: its first step on a tiny gradient is much smaller.
        let chainer = try run(Adam(alpha: 0.01))[0]
        let pytorch = try run(Adam(alpha: 0.01, epsilonPlacement: .pytorch))[0]
        let stepChainer = zip(start, chainer).map { abs($1 - $0) }
        let stepPyTorch = zip(start, pytorch).map { abs($1 - $0) }
        // g = 0.5 and 2: ε = 1e-8 is negligible either way (both steps ≈ α).
        #expect(abs(stepChainer[0] - stepPyTorch[0]) < 1e-8)
        #expect(abs(stepChainer[2] - stepPyTorch[2]) < 1e-8)
        // g = −1e-4 at t = 1: |g|·√(1 − β2) = 3.16e-6 against ε = 1e-8 (Chainer) vs |g| = 1e-4 against ε.
        let s = (1 - 0.999).squareRoot()
        #expect(abs(stepChainer[1] - 0.01 * 1e-4 * s / (1e-4 * s + 1e-8)) < 1e-15)
        #expect(abs(stepPyTorch[1] - 0.01 * 1e-4 / (1e-4 + 1e-8)) < 1e-15)
        #expect(stepChainer[1] < stepPyTorch[1])
    }

    @Test func adamInFloat32MatchesTheDoubleClosedForm() throws {
        let actual = try run(Adam(alpha: 0.01), dtype: .float32)
        let want = expected { t, g in
            let s = (1 - power(0.999, t)).squareRoot()
            return 0.01 * g * s / (abs(g) * s + 1e-8)
        }
        for (a, e) in zip(actual, want) { #expect(close(a, e, tolerance: 1e-6)) }
    }

    @Test func rmspropOutsideSquareRoot() throws {
        // Constant g: ms_t = g²(1 − ρᵗ); step lr·g/(|g|·√(1 − ρᵗ) + ε).
        let (lr, rho, eps) = (0.01, 0.9, 1e-7)
        let actual = try run(RMSprop(lr: lr, rho: rho, eps: eps))
        let want = expected { t, g in lr * g / (abs(g) * (1 - power(rho, t)).squareRoot() + eps) }
        for (a, e) in zip(actual, want) { #expect(close(a, e)) }
    }

    @Test func rmspropInsideSquareRoot() throws {
        // Step lr·g/√(g²(1 − ρᵗ) + ε).
        let (lr, rho, eps) = (0.01, 0.9, 1e-7)
        let actual = try run(RMSprop(lr: lr, rho: rho, eps: eps, epsilonPlacement: .insideSquareRoot))
        let want = expected { t, g in lr * g / (g * g * (1 - power(rho, t)) + eps).squareRoot() }
        for (a, e) in zip(actual, want) { #expect(close(a, e)) }
    }

    @Test func rmspropPlacementsDifferOnlyForTinyGradients() throws {
        let outside = try run(RMSprop(lr: 0.01, rho: 0.9, eps: 1e-7))[0]
        let inside = try run(RMSprop(lr: 0.01, rho: 0.9, eps: 1e-7, epsilonPlacement: .insideSquareRoot))[0]
        let stepOutside = zip(start, outside).map { abs($1 - $0) }
        let stepInside = zip(start, inside).map { abs($1 - $0) }
        // g = 2: ms = 0.4 ≫ ε, so the steps agree to ~1e-7 relative.
        #expect(abs(stepOutside[2] - stepInside[2]) < 1e-7 * stepOutside[2])
        // g = −1e-4: ms = 1e-9 is below ε = 1e-7, so ε under the root shrinks the step about tenfold.
        #expect(stepInside[1] < stepOutside[1] / 9)
    }

    @Test func adaGrad() throws {
        // h_t = t·g²; step lr·g/(√t·|g| + ε).
        let (lr, eps) = (0.1, 1e-8)
        let actual = try run(AdaGrad(lr: lr, eps: eps))
        let want = expected { t, g in lr * g / (Double(t).squareRoot() * abs(g) + eps) }
        for (a, e) in zip(actual, want) { #expect(close(a, e)) }
    }

    @Test func adaDelta() throws {
        // The recurrence written out per element, with msg_t = g²(1 − ρᵗ) in closed form.
        let (rho, eps) = (0.95, 1e-6)
        let actual = try run(AdaDelta(rho: rho, eps: eps))
        var w = start, msdx = [0.0, 0.0, 0.0]
        for (t, a) in zip(1...steps, actual) {
            for i in w.indices {
                let msg = grad[i] * grad[i] * (1 - power(rho, t))
                let dx = ((msdx[i] + eps) / (msg + eps)).squareRoot() * grad[i]
                msdx[i] = rho * msdx[i] + (1 - rho) * dx * dx
                w[i] -= dx
            }
            #expect(close(a, w))
        }
    }

    @Test func learningRateCanChangeBetweenUpdates() throws {
        let model = OneParameter([1])
        let optimizer = SGD(lr: 0.1).setup(model)
        _ = try trajectory(optimizer, model, grad: [1], steps: 1)
        optimizer.lr = 0.01
        let after = try trajectory(optimizer, model, grad: [1], steps: 1)
        #expect(close(after[0], [1 - 0.1 - 0.01]))
        #expect(optimizer.t == 2)
        #expect(optimizer.state(for: "/w")?.t == 2)
    }

    @Test func parametersWithoutGradientsAreLeftAlone() throws {
        let model = Regressor(seed: 1)
        let optimizer = Adam().setup(model)
        let before = model.l1.W.data
        model.l2.W.grad = Variable(NDArray.ones(like: model.l2.W.data))
        try optimizer.update()
        #expect(model.l1.W.data == before)
        #expect(optimizer.state(for: "/l1/W") == nil)
        #expect(optimizer.state(for: "/l2/W")?.t == 1)
    }
}
