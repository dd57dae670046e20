import Testing
import Kusari

@Suite("Optimizer state and errors")
struct OptimizerStateTests: OptimizerFixtures {
    /// One full training step on the regression data.
    func trainStep(_ model: Regressor, _ optimizer: Optimizer) throws {
        let (x, t) = regressionData()
        try optimizer.update { meanSquaredError(model(x), t) }
    }

    func copyParameters(from source: Link, to destination: Link) {
        for (p, q) in zip(source.parameters(), destination.parameters()) { q.data = p.data }
    }

    /// The optimizers with state, as test arguments.
    enum Kind: CaseIterable, Sendable {
        case adam, adamPyTorch, momentumSGD, rmsprop, adaGrad, adaDelta

        func make() -> Optimizer {
            switch self {
            case .adam: Adam(alpha: 0.01)
            case .adamPyTorch: Adam(alpha: 0.01, epsilonPlacement: .pytorch)
            case .momentumSGD: MomentumSGD()
            case .rmsprop: RMSprop(lr: 0.01, rho: 0.9, eps: 1e-7, epsilonPlacement: .insideSquareRoot)
            case .adaGrad: AdaGrad(lr: 0.1)
            case .adaDelta: AdaDelta()
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func restoredStateReproducesTheNextUpdatesExactly(kind: Kind) throws {
        let model = Regressor(seed: 3)
        let optimizer = kind.make().setup(model)
        for _ in 0..<3 { try trainStep(model, optimizer) }
        let saved = try optimizer.state()
        let resumed = Regressor(seed: 99)
        copyParameters(from: model, to: resumed)
        for _ in 0..<2 { try trainStep(model, optimizer) }

        let fresh = kind.make().setup(resumed)
        fresh.lr = 123                                   // overwritten by the saved lr
        try fresh.restore(state: saved)
        #expect(fresh.t == 3)
        for _ in 0..<2 { try trainStep(resumed, fresh) }
        for ((path, p), (_, q)) in zip(model.namedParameters(), resumed.namedParameters()) {
            #expect(p.data == q.data, "\(path) differs after resuming")
        }
        #expect(try fresh.state() == optimizer.state())
    }

    @Test func stateUsesChainerStyleKeys() throws {
        let model = Regressor(seed: 3)
        let optimizer = Adam().setup(model)
        try trainStep(model, optimizer)
        let state = try optimizer.state()
        let paths = ["l1/W", "l1/b", "l2/W", "l2/b"]
        let perParameter: [String] = paths.flatMap { [$0 + "/t", $0 + "/m", $0 + "/v"] }
        #expect(Set(state.keys) == Set(["t", "lr", "@kind/Adam"] + perParameter))
        #expect(state["l1/W/m"]?.shape == [8, 2])
        #expect(state["l1/W/t"] == .integer(1))       // counters are integers (int64 in a file)
        #expect(state["t"] == .integer(1))
        #expect(state["lr"] == .number(0.001))
    }

    @Test("a state saved by earlier versions (float64 counters, keys starting with /) is restored")
    func restoresTheOldLayout() throws {
        let model = Regressor(seed: 3)
        let optimizer = Adam(alpha: 0.01).setup(model)
        for _ in 0..<3 { try trainStep(model, optimizer) }
        var old: [String: SavedValue] = [:]
        for (key, value) in try optimizer.state() {
            let oldKey = key == "t" || key == "lr" || key.hasPrefix("@kind/") ? key : "/" + key
            old[oldKey] = .array(value.ndarray)                 // every value float64, as before
        }
        #expect(old["/l1/W/t"] == .number(3) && old["t"] == .number(3))
        let fresh = Adam(alpha: 0.01).setup(Regressor(seed: 3))
        try fresh.restore(state: old)
        #expect(try fresh.state() == optimizer.state())
        old["/l1/W/t"] = .number(2.5)
        #expect(throws: OptimizerError.invalidState("Adam.restore: 'l1/W/t' = 2.5 is not a whole number")) {
            try Adam().setup(model).restore(state: old)
        }
    }

    @Test func restoreRejectsStatesThatDoNotFitTheModel() throws {
        let model = Regressor(seed: 3)
        let optimizer = Adam().setup(model)
        try trainStep(model, optimizer)
        var state = try optimizer.state()

        let other = OneParameter([1, 2])
        #expect(throws: OptimizerError.self) { try Adam().setup(other).restore(state: state) }

        state["l1/W/m"] = .array(NDArray.zeros([3, 3]))
        #expect(throws: OptimizerError.invalidState(
            "Adam.restore: l1/W/m has shape [3, 3], parameter /l1/W has [8, 2]")) {
            try Adam().setup(model).restore(state: state)
        }
        #expect(throws: OptimizerError.self) { try Adam().setup(model).restore(state: [:]) }
    }

    @Test func setupForgetsTheState() throws {
        let model = Regressor(seed: 3)
        let optimizer = Adam().setup(model)
        try trainStep(model, optimizer)
        optimizer.setup(model)
        #expect(optimizer.t == 0)
        #expect(try optimizer.state().keys.sorted() == ["@kind/Adam", "lr", "t"])
    }

    @Test func aParameterThatOverflowsThrowsNamingItsPath() throws {
        let model = OneParameter([3e38, 1], dtype: .float32)
        let optimizer = SGD(lr: 1).setup(model)
        _ = try trajectory(optimizer, model, grad: [0, 0], steps: 1)
        do {
            _ = try trajectory(optimizer, model, grad: [-3e38, 0], steps: 1)
            Issue.record("expected a nonFinite error")
        } catch let error as OptimizerError {
            #expect(error == .nonFinite(optimizer: "SGD", path: "/w", update: 2, isNaN: false, gradientWasFinite: true))
            #expect(error.description
                == "SGD: parameter /w became infinite at update 2 — lower the learning rate or clip gradients (GradientClipping)")
        }
    }

    @Test func aNaNGradientIsReportedAsComingFromUpstream() throws {
        let model = Regressor(seed: 3)
        let optimizer = Adam().setup(model)
        model.l1.W.grad = Variable(NDArray(Array(repeating: Float.nan, count: 16), shape: [8, 2]))
        #expect(throws: OptimizerError.nonFinite(optimizer: "Adam", path: "/l1/W", update: 1, isNaN: true,
                                                 gradientWasFinite: false)) {
            try optimizer.update()
        }
        let message = OptimizerError.nonFinite(optimizer: "Adam", path: "/l1/W", update: 1, isNaN: true,
                                               gradientWasFinite: false).description
        #expect(message.contains("/l1/W became NaN at update 1"))
        #expect(message.contains("look at the loss"))
    }
}
