import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: matmul, linear")
struct MatMulTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matmulGradient(transA: Bool, transB: Bool) throws {
        let (m, k, n) = (2, 3, 4)
        let a = FnFixtures.normal(transA ? [k, m] : [m, k], seed: 91)
        let b = FnFixtures.normal(transB ? [n, k] : [k, n], seed: 92)
        try FnFixtures.check("matmul transA \(transA) transB \(transB)", [a, b]) { v in
            let y = matmul(v[0], v[1], transA: transA, transB: transB)
            #expect(y.shape == [m, n])
            return y
        }
    }

    @Test func matmulForwardAndMethod() throws {
        let a = Variable(NDArray([1, 2, 3, 4.0], shape: [2, 2])), b = Variable(NDArray([5, 6, 7, 8.0], shape: [2, 2]))
        #expect(a.matmul(b).data.doubleValues == [19, 22, 43, 50])
        #expect(matmul(a, b, transA: true).data.doubleValues == [26, 30, 38, 44])
        try FnFixtures.check("x·x (same operand)", [FnFixtures.normal([3, 3], seed: 93)]) { $0[0].matmul($0[0]) }
    }

    @Test func linearForwardMatchesMatmulPlusBias() throws {
        let x = Variable(FnFixtures.normal([5, 3], seed: 94))
        let w = Variable(FnFixtures.normal([2, 3], seed: 95)), b = Variable(FnFixtures.normal([2], seed: 96))
        try assertAllClose(linear(x, w, b).data, (matmul(x, w, transB: true) + b).data, atol: 1e-12, rtol: 1e-12)
        try assertAllClose(linear(x, w).data, matmul(x, w.T).data, atol: 1e-12, rtol: 1e-12)
        #expect(linear(x, w, b).shape == [5, 2])
        // float32 works too.
        let y32 = linear(Variable(x.data.astype(.float32)), Variable(w.data.astype(.float32)), Variable(b.data.astype(.float32)))
        #expect(y32.dtype == .float32)
        try assertAllClose(y32.data.astype(.float64), linear(x, w, b).data, atol: 1e-5, rtol: 1e-5)
    }

    @Test func linearGradient() throws {
        let x = FnFixtures.normal([4, 3], seed: 97), w = FnFixtures.normal([2, 3], seed: 98), b = FnFixtures.normal([2], seed: 99)
        try FnFixtures.check("linear with bias", [x, w, b]) { linear($0[0], $0[1], $0[2]) }
        try FnFixtures.check("linear without bias", [x, w]) { linear($0[0], $0[1]) }
        try FnFixtures.check("tanh(linear)", [x, w, b]) { tanh(linear($0[0], $0[1], $0[2])) }
    }
}
