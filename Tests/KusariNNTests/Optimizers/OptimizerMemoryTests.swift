import Testing
import Kusari

@Suite("Optimizer memory")
struct OptimizerMemoryTests: OptimizerFixtures {
    func address(_ array: NDArray) -> UnsafeRawPointer? {
        array.withUnsafeBufferPointer(as: Float.self) { UnsafeRawPointer($0.baseAddress) }
    }

    @Test(.tags(.performanceContract)) func updatesHappenInPlace() throws {
        // Neither the parameter nor the state arrays are reallocated by an update (no copy-on-write copy).
        let model = OneParameter((0..<1000).map { Double($0) / 1000 }, dtype: .float32)
        let optimizer = Adam().setup(model)
        let grad = (0..<1000).map { Double($0 % 7) - 3 }
        _ = try trajectory(optimizer, model, grad: grad, steps: 1)
        let w = address(model.w.data)
        let m = address(optimizer.state(for: "/w")!["m"]!)
        let v = address(optimizer.state(for: "/w")!["v"]!)
        _ = try trajectory(optimizer, model, grad: grad, steps: 1)  // one step: a copy could not reuse the old address
        #expect(address(model.w.data) == w)
        #expect(address(optimizer.state(for: "/w")!["m"]!) == m)
        #expect(address(optimizer.state(for: "/w")!["v"]!) == v)
    }

    @Test(.tags(.performanceContract)) func aTrainingStepUpdatesWeightsInPlaceWhileTheGraphIsAlive() throws {
        // `update(_:)` keeps the loss (and its graph) alive during the update: the graph must not hold
        // the weights' storage, or every step would copy them.
        let model = Regressor(seed: 8)
        let (x, t) = regressionData()
        let optimizer = Adam().setup(model)
        try optimizer.update { meanSquaredError(model(x), t) }
        let w = address(model.l1.W.data)
        try optimizer.update { meanSquaredError(model(x), t) }        // a copy would get a new address
        #expect(address(model.l1.W.data) == w)
    }

    @Test func aSharedParameterIsUpdatedOnce() throws {
        final class Tied: Chain {
            let first = OneParameter([1])
            let second: OneParameter
            override init() {
                second = first
                super.init()
            }
        }
        let model = Tied()
        let optimizer = SGD(lr: 0.5).setup(model)
        model.first.w.grad = Variable(NDArray([1.0]))
        try optimizer.update()
        #expect(model.first.w.data.doubleValues == [0.5])
        #expect(try optimizer.state().keys.sorted() == ["@kind/\(optimizer.name)", "first/w/t", "lr", "t"])
    }
}
