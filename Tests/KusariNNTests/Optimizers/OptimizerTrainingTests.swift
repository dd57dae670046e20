import Testing
import Kusari

/// A user-defined optimizer, written the way a student would add one: subclass `Optimizer`, override
/// `updateOne`, keep state in `state`. This is PyTorch's momentum ("heavy ball"): v ← μ·v + g, W ← W − lr·v,
/// written with array arithmetic instead of buffer loops.
private final class HeavyBall: Optimizer {
    let momentum: Double

    init(lr: Double, momentum: Double) {
        self.momentum = momentum
        super.init(lr: lr)
    }

    override func updateOne(path: String, parameter: Parameter, grad: NDArray, state: inout ParameterState) {
        let v = state["v", default: .zeros(like: grad)] * momentum + grad
        state["v"] = v
        parameter.data = parameter.data - v * lr
    }
}

@Suite("Optimizers train models")
struct OptimizerTrainingTests: OptimizerFixtures {
    func finalLoss(_ optimizer: Optimizer, model: Regressor, steps: Int) throws -> Double {
        let (x, t) = regressionData()
        optimizer.setup(model)
        var loss = 0.0
        for _ in 0..<steps {
            loss = try optimizer.update { meanSquaredError(model(x), t) }.data.scalar
        }
        return loss
    }

    @Test func adamFitsALinearRegression() throws {
        let (x, t) = regressionData()
        let layer = Linear(2, 1, generator: RandomGenerator(seed: 4))
        let optimizer = Adam(alpha: 0.05).setup(layer)
        let initial = meanSquaredError(layer(x), t).data.scalar
        for _ in 0..<300 {
            try optimizer.update { meanSquaredError(layer(x), t) }
        }
        let loss = meanSquaredError(layer(x), t).data.scalar
        #expect(initial > 1)
        #expect(loss < 1e-6)
        #expect(abs(layer.W.data.element(at: [0, 0]) - 2) < 1e-3)
        #expect(abs(layer.W.data.element(at: [0, 1]) + 3) < 1e-3)
        #expect(abs(layer.b!.data.scalar - 0.5) < 1e-3)
    }

    @Test(arguments: OptimizerStateTests.Kind.allCases)
    func everyOptimizerReducesTheLoss(kind: OptimizerStateTests.Kind) throws {
        let initial = try finalLoss(SGD(lr: 0), model: Regressor(seed: 5), steps: 1)
        let loss = try finalLoss(kind.make(), model: Regressor(seed: 5), steps: 200)
        #expect(loss < initial / 10, "\(kind): loss \(initial) → \(loss)")
    }

    @Test func aUserDefinedOptimizerTrainsAndSavesItsState() throws {
        let model = Regressor(seed: 6)
        let optimizer = HeavyBall(lr: 0.05, momentum: 0.9)
        let loss = try finalLoss(optimizer, model: model, steps: 200)
        #expect(loss < 1e-2)
        #expect(try optimizer.state()["l1/W/v"]?.shape == [8, 2])
        #expect(try optimizer.state()["l2/b/t"] == .integer(200))
    }

    @Test func heavyBallMatchesChainerMomentumForAConstantLearningRate() throws {
        // v_torch = −v_chainer / lr, so both walk the same trajectory.
        let a = OneParameter([1, -1]), b = OneParameter([1, -1])
        let ours = try trajectory(MomentumSGD(lr: 0.1, momentum: 0.9).setup(a), a, grad: [0.3, -2], steps: 6)
        let theirs = try trajectory(HeavyBall(lr: 0.1, momentum: 0.9).setup(b), b, grad: [0.3, -2], steps: 6)
        for (x, y) in zip(ours, theirs) { #expect(close(x, y)) }
    }
}
