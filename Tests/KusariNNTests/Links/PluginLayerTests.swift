import Foundation
import Testing
import Kusari
import KusariTesting

// The plugin route: a layer and a chain defined here, outside the library, using only public API.

/// y = x ⊙ γ + β, one scale and shift per feature: a brand-new layer with its own parameters.
private final class ScaleShift: Link, Layer {
    let gamma: Parameter
    let beta: Parameter
    init(_ size: Int, dtype: DType = .float32) {
        gamma = Parameter(One(), shape: [size], dtype: dtype)
        beta = Parameter(Zero(), shape: [size], dtype: dtype)
        super.init()
    }
    func callAsFunction(_ x: Variable) -> Variable { x * gamma + beta }
}

/// A brand-new chain mixing the new layer with library layers.
private final class Regressor: Chain, Layer {
    let hidden: Linear
    let scale: ScaleShift
    let output: Linear
    init(generator: RandomGenerator) {
        hidden = Linear(2, 16, generator: generator)
        scale = ScaleShift(16)
        output = Linear(16, 1, generator: generator)
    }
    func callAsFunction(_ x: Variable) -> Variable { output(tanh(scale(hidden(x)))) }
}

@Suite("Plugin layers and chains")
struct PluginLayerTests {
    @Test func newLayerAndChainTrainWithoutTouchingKusari() throws {
        let generator = RandomGenerator(seed: 11)
        let model = Regressor(generator: generator)
        #expect(model.namedParameters().map(\.path)
                == ["/hidden/W", "/hidden/b", "/scale/gamma", "/scale/beta", "/output/W", "/output/b"])
        let x = NDArray.uniform([64, 2], low: -1, high: 1, generator: generator)
        let t = x[0..., 0..<1] * 0.5 - (x[0..., 1..<2] * x[0..., 1..<2])   // y = x₀/2 − x₁²
        let optimizer = Adam(alpha: 0.01).setup(model)
        func loss() -> Variable { meanSquaredError(model(Variable(x)), Variable(t)) }
        let before = loss().data.scalar
        for _ in 0..<300 { try optimizer.update(loss) }
        let after = loss().data.scalar
        #expect(after < before / 20, "loss \(before) → \(after)")
        // The new layer's own parameters were trained too.
        #expect(model.scale.gamma.data != NDArray.ones([16]))
    }

    @Test func newLayerGradientsAreRight() throws {
        let layer = ScaleShift(3, dtype: .float64)
        let x = Variable(NDArray.normal([4, 3], dtype: .float64, generator: RandomGenerator(seed: 2)))
        try checkParameterGradients(layer) { (tanh(layer(x)) * layer(x)).sum() }
    }

    @Test func optimizerStateRoundTripsThroughNPZ() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "kusari-opt-npz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let model = Regressor(generator: RandomGenerator(seed: 3))
        let optimizer = Adam().setup(model)
        let x = Variable(NDArray.ones([4, 2]))
        try optimizer.update { model(x).sum() }
        try optimizer.save(npz: dir.appending(path: "adam.npz"))
        let copy = Adam().setup(model)
        try copy.load(npz: dir.appending(path: "adam.npz"))
        #expect(copy.t == 1)
        #expect(try copy.state().keys.sorted() == optimizer.state().keys.sorted())
        for (key, value) in try optimizer.state() { #expect(try copy.state()[key] == value, "\(key)") }
    }
}

@Suite("Initializers")
struct InitializerTests {
    let generator = RandomGenerator(seed: 9)

    func moments(_ a: NDArray) -> (mean: Double, std: Double) {
        let v = a.doubleValues
        let mean = v.reduce(0, +) / Double(v.count)
        return (mean, (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)).squareRoot())
    }

    @Test func scaledNormalsHaveTheirStandardDeviations() {
        // W (out 200, in 100): fanIn 100, fanOut 200.
        let shape = [200, 100]
        let cases: [(any Initializer, Double)] = [
            (LeCunNormal(), (1.0 / 100).squareRoot()), (HeNormal(), (2.0 / 100).squareRoot()),
            (GlorotNormal(), (2.0 / 300).squareRoot()), (Normal(scale: 0.05), 0.05),
        ]
        for (initializer, std) in cases {
            let m = moments(initializer.initialize(shape: shape, dtype: .float64, generator: generator))
            #expect(abs(m.mean) < 0.05 * std * 3 + 1e-3, "\(initializer)")
            #expect(abs(m.std / std - 1) < 0.03, "\(initializer): std \(m.std), expected \(std)")
        }
    }

    @Test func uniformsStayInTheirLimits() {
        let glorot = GlorotUniform().initialize(shape: [200, 100], dtype: .float64, generator: generator)
        let limit = (6.0 / 300).squareRoot()
        #expect(glorot.doubleValues.allSatisfy { abs($0) <= limit })
        #expect(glorot.doubleValues.map(abs).max() ?? 0 > 0.95 * limit)
        let uniform = Uniform(scale: 0.1).initialize(shape: [1000], dtype: .float32, generator: generator)
        #expect(uniform.doubleValues.allSatisfy { abs($0) <= 0.1 })
        #expect(Constant(2.5).initialize(shape: [2, 2], dtype: .float32, generator: generator) == NDArray.full([2, 2], value: 2.5))
        #expect(fans(of: [8, 4, 3, 3]) == (fanIn: 36, fanOut: 72))
    }

    @Test func sameSeedSameWeights() {
        let a = LeCunNormal().initialize(shape: [5, 5], dtype: .float32, generator: RandomGenerator(seed: 1))
        let b = LeCunNormal().initialize(shape: [5, 5], dtype: .float32, generator: RandomGenerator(seed: 1))
        #expect(a == b)
    }
}
