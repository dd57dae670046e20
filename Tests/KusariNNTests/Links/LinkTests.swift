import Foundation
import Testing
import Kusari
import KusariTesting

private final class TwoLayer: Chain {
    let l1 = Linear(2, 8, generator: RandomGenerator(seed: 1))
    let l2 = Linear(nil, 1, generator: RandomGenerator(seed: 2))
    func callAsFunction(_ x: Variable) -> Variable { l2(tanh(l1(x))) }
}

@Suite("Link and Chain")
struct LinkTests {
    @Test func parametersAreDiscoveredWithChainerPaths() {
        let model = TwoLayer()
        #expect(model.namedParameters().map(\.path) == ["/l1/W", "/l1/b", "/l2/W", "/l2/b"])
        #expect(model.parameterCount == 8 * 2 + 8 + 1)  // l2.W is lazy: uninitialized, it counts 0
        _ = model(Variable(NDArray.zeros([3, 2])))
        #expect(model.parameterCount == 8 * 2 + 8 + 8 + 1)
        #expect(model.l2.W.shape == [1, 8])
    }

    @Test func plainGradientDescentFitsALine() {
        // y = 3x − 1 with a single Linear(1, 1) and hand-written SGD: the loop of the README.
        let generator = RandomGenerator(seed: 0)
        let x = Variable(NDArray.uniform([64, 1], low: -1, high: 1, generator: generator))
        let t = Variable(x.data * 3.0 - 1.0)
        let layer = Linear(1, 1, generator: generator)
        for _ in 0..<300 {
            layer.clearGrads()
            let loss = meanSquaredError(layer(x), t)
            loss.backward()
            for p in layer.parameters() {
                if let g = p.grad { p.data = p.data - g.data * 0.1 }
            }
        }
        #expect(abs(layer.W.data.scalar - 3) < 1e-3)
        #expect(abs((layer.b?.data.scalar ?? 0) + 1) < 1e-3)
    }

    @Test func linearGradientCheck() throws {
        let g = RandomGenerator(seed: 3)
        try checkBackward("linear", function: { linear($0[0], $0[1], $0[2]) },
                          inputs: [NDArray.normal([4, 3], generator: g), NDArray.normal([5, 3], generator: g),
                                   NDArray.normal([5], generator: g)])
        try checkDoubleBackward("linear", function: { tanh(linear($0[0], $0[1], $0[2])) },
                                inputs: [NDArray.normal([4, 3], generator: g), NDArray.normal([5, 3], generator: g),
                                         NDArray.normal([5], generator: g)])
    }

    @Test func orthogonalRowsAreOrthonormal() throws {
        let w = Orthogonal().initialize(shape: [4, 6], dtype: .float64, generator: RandomGenerator(seed: 5))
        try assertAllClose(NDArray.matmul(w, w, transB: true), eyeMatrix(4), atol: 1e-12)
        let v = Orthogonal().initialize(shape: [6, 4], dtype: .float64, generator: RandomGenerator(seed: 5))
        try assertAllClose(NDArray.matmul(v, v, transA: true), eyeMatrix(4), atol: 1e-12)
    }
}

func eyeMatrix(_ n: Int) -> NDArray {
    NDArray((0..<(n * n)).map { $0 / n == $0 % n ? 1.0 : 0.0 }, shape: [n, n])
}

@Suite("Link npz files")
struct LinkNPZTests {
    @Test func saveAndLoadRoundTripWithChainerKeys() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "kusari-link-npz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appending(path: "model.npz")
        let a = TwoLayer()
        _ = a(Variable(NDArray.zeros([1, 2])))
        try a.save(npz: url)
        #expect(try NPZArchive(contentsOf: url).keys == ["l1/W", "l1/b", "l2/W", "l2/b"])
        let b = TwoLayer()  // l2 still lazy: takes the stored shape
        try b.load(npz: url)
        for (pa, pb) in zip(a.parameters(), b.parameters()) { #expect(pa.data == pb.data) }
    }

    @Test func loadingNamesTheMissingKeyAndTheWrongShape() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "kusari-link-npz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appending(path: "partial.npz")
        try saveNPZ(["l1/W": NDArray.zeros([8, 2]), "l1/b": NDArray.zeros([3])], to: url)
        let model = TwoLayer()
        let before = model.l1.W.data
        #expect(throws: SerializationError.self) { try model.load(npz: url) }
        do { try model.load(npz: url) } catch {
            #expect("\(error)".contains("l1/b"))
            #expect("\(error)".contains("(3,)"))
        }
        #expect(model.l1.W.data == before)  // nothing assigned on failure
        try saveNPZ(["l1/W": NDArray.zeros([8, 2]), "l1/b": NDArray.zeros([8])], to: url)
        do { try model.load(npz: url); Issue.record("expected a missing-key error") } catch {
            #expect("\(error)".contains("'l2/W'"))
        }
    }
}

@Suite("Sequential")
struct SequentialTests {
    @Test func childrenAreNumberedByStepLikeChainer() {
        let g = RandomGenerator(seed: 4)
        let stack = Sequential(Linear(1, 3, generator: g), Activation(tanh), Linear(3, 1, generator: g))
        #expect(stack.namedParameters().map(\.path) == ["/0/W", "/0/b", "/2/W", "/2/b"])
        let y = stack(Variable(NDArray.ones([2, 1])))
        #expect(y.shape == [2, 1])
        // A Sequential is itself a Layer, so it nests.
        let outer = Sequential(stack, Activation(relu))
        #expect(outer.namedParameters().map(\.path).first == "/0/0/W")
    }
}
