import Testing
import Kusari

/// Two parameters, `/a` and `/b`, for hooks that look at all gradients together.
private final class TwoParameters: Chain {
    let a = Parameter(NDArray([1.0, 2.0]), name: "a")
    let b = Parameter(NDArray([-1.0]), name: "b")

    func setGradients(_ ga: [Double], _ gb: [Double]) {
        a.grad = Variable(NDArray(ga))
        b.grad = Variable(NDArray(gb))
    }
}

@Suite("Optimizer hooks")
struct OptimizerHookTests: OptimizerFixtures {
    @Test func clippingLeavesGradientsBelowTheThresholdAlone() {
        let model = TwoParameters()
        let optimizer = SGD().setup(model)
        model.setGradients([3, 0], [4])                  // global norm 5
        GradientClipping(threshold: 5)(optimizer)        // not over: rate = 1
        #expect(model.a.grad!.data.doubleValues == [3, 0])
        GradientClipping(threshold: 10)(optimizer)
        #expect(model.b.grad!.data.doubleValues == [4])
    }

    @Test func clippingScalesEveryGradientByThresholdOverNorm() {
        let model = TwoParameters()
        let optimizer = SGD().setup(model)
        model.setGradients([3, 0], [4])                  // global norm 5 over threshold 2.5: rate 0.5
        GradientClipping(threshold: 2.5)(optimizer)
        #expect(model.a.grad!.data.doubleValues == [1.5, 0])
        #expect(model.b.grad!.data.doubleValues == [2])
        let norm = (model.a.grad!.data.squaredNorm + model.b.grad!.data.squaredNorm).squareRoot()
        #expect(abs(norm - 2.5) < 1e-15)
    }

    @Test func clippingRunsBeforeTheUpdate() throws {
        let model = TwoParameters()
        let optimizer = SGD(lr: 1).setup(model)
        optimizer.add(hook: GradientClipping(threshold: 1))
        model.setGradients([3, 0], [4])                  // clipped to [0.6, 0], [0.8]
        try optimizer.update()
        #expect(close(model.a.data.doubleValues, [1 - 0.6, 2]))
        #expect(close(model.b.data.doubleValues, [-1 - 0.8]))
    }

    @Test func weightDecayAddsRateTimesW() throws {
        let model = TwoParameters()
        let optimizer = SGD(lr: 0.1).setup(model)
        optimizer.add(hook: WeightDecay(rate: 0.01))
        model.setGradients([0.5, -0.5], [0])
        try optimizer.update()
        // W ← W − lr·(g + rate·W)
        #expect(close(model.a.data.doubleValues, [1 - 0.1 * (0.5 + 0.01 * 1), 2 - 0.1 * (-0.5 + 0.01 * 2)]))
        #expect(close(model.b.data.doubleValues, [-1 - 0.1 * (0.01 * -1)]))
    }

    @Test func hooksRunInTheOrderAdded() throws {
        // Decay first, then clip the decayed gradient.
        let model = TwoParameters()
        let optimizer = SGD(lr: 1).setup(model)
        optimizer.add(hook: WeightDecay(rate: 1))
        optimizer.add(hook: GradientClipping(threshold: 1))
        model.setGradients([0, 0], [0])                  // after decay: g = W = [1, 2], [−1]; norm √6
        try optimizer.update()
        let rate = 1 / 6.0.squareRoot()
        #expect(close(model.a.data.doubleValues, [1 - rate, 2 - 2 * rate]))
        #expect(close(model.b.data.doubleValues, [-1 + rate]))
    }

    @Test func hooksOnlyTouchParametersWithGradients() throws {
        let model = TwoParameters()
        let optimizer = SGD(lr: 1).setup(model)
        optimizer.add(hook: WeightDecay(rate: 0.5))
        model.a.grad = Variable(NDArray([0.0, 0.0]))     // b has no gradient: neither decayed nor updated
        try optimizer.update()
        #expect(close(model.a.data.doubleValues, [0.5, 1]))
        #expect(model.b.data.doubleValues == [-1])
        #expect(model.b.grad == nil)
    }
}
