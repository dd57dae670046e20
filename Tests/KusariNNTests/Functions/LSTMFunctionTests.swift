import Foundation
import Testing
import Kusari
import KusariTesting

@Suite("lstm function")
struct LSTMFunctionTests {
    /// c = tanh(a)σ(i) + σ(f)cPrev, h = σ(o)tanh(c), gates interleaved per unit as (a, i, f, o).
    static func reference(cPrev: [Double], x: [Double]) -> (c: [Double], h: [Double]) {
        func sigma(_ v: Double) -> Double { 1 / (1 + Foundation.exp(-v)) }
        var c = [Double](), h = [Double]()
        for u in cPrev.indices {
            let a = Foundation.tanh(x[4 * u]), i = sigma(x[4 * u + 1])
            let f = sigma(x[4 * u + 2]), o = sigma(x[4 * u + 3])
            c.append(a * i + f * cPrev[u])
            h.append(o * Foundation.tanh(c[u]))
        }
        return (c, h)
    }

    @Test func forwardMatchesTheScalarFormula() throws {
        // batch 2, H 2: x is (2, 8); unit j of row b reads x[b, 4j..<4j+4] as (a, i, f, o).
        let cPrev = [0.5, -1.0, 0.0, 2.0]
        let x = [0.1, -0.2, 0.3, 0.4, 1.5, 0.0, -2.0, 0.7,
                 -0.6, 2.5, 0.2, -1.1, 0.05, -0.3, 3.0, 0.9]
        let (c, h) = Self.reference(cPrev: cPrev, x: x)
        for dtype in [DType.float64, .float32] {
            let y = lstm(Variable(NDArray(cPrev, shape: [2, 2], dtype: dtype)),
                         Variable(NDArray(x, shape: [2, 8], dtype: dtype)))
            let tolerance = dtype == .float64 ? 1e-14 : 1e-6
            try assertAllClose(y.c.data.astype(.float64), NDArray(c, shape: [2, 2]), atol: tolerance, "c \(dtype)")
            try assertAllClose(y.h.data.astype(.float64), NDArray(h, shape: [2, 2]), atol: tolerance, "h \(dtype)")
        }
        // One unit by hand: a = 0.1, i = −0.2, f = 0.3, o = 0.4, cPrev = 0.5.
        let c0 = Foundation.tanh(0.1) / (1 + Foundation.exp(0.2)) + 0.5 / (1 + Foundation.exp(-0.3))
        #expect(abs(c[0] - c0) < 1e-15)
        #expect(abs(h[0] - Foundation.tanh(c0) / (1 + Foundation.exp(-0.4))) < 1e-15)
    }

    @Test func float32FastPathAgreesWithDouble() throws {
        // 3 × 37 units: not a multiple of 16, so the SIMD tails run too; inputs span the saturated range.
        let g = RandomGenerator(seed: 11)
        let x = NDArray.normal([3, 4 * 37], std: 6, dtype: .float64, generator: g)
        let cPrev = NDArray.normal([3, 37], std: 2, dtype: .float64, generator: g)
        let exact = lstm(Variable(cPrev), Variable(x))
        let fast = lstm(Variable(cPrev.astype(.float32)), Variable(x.astype(.float32)))
        try assertAllClose(fast.c.data.astype(.float64), exact.c.data, atol: 2e-6, rtol: 1e-6, "c")
        try assertAllClose(fast.h.data.astype(.float64), exact.h.data, atol: 1e-6, rtol: 0, "h")
        // Extreme and special inputs: saturation without overflow, NaN propagates.
        let special: [Float] = [-1000, 1000, 89, -89, 0, .nan, 1e-8, -1e-8]
        let y = lstm(Variable(NDArray([Float](repeating: 1, count: 2), shape: [1, 2])),
                     Variable(NDArray(special, shape: [1, 8])))
        #expect(y.c.data.floatValues[0] == 0)     // tanh(−1000)·σ(1000) + σ(89)·1 = −1 + 1
        #expect(y.h.data.floatValues[0] == 0)
        #expect(y.c.data.floatValues[1].isNaN && y.h.data.floatValues[1].isNaN)
    }

    @Test(arguments: [DType.float32, .float64])
    func fusedMatchesThePlainComposition(dtype: DType) throws {
        // lstm (one fused function) against lstmReference (slices, tanh, sigmoid, products, a sum):
        // values and both inputs' gradients, with the loss reading c and h.
        let g = RandomGenerator(seed: 12)
        let cData = NDArray.normal([3, 5], std: 1.5, dtype: dtype, generator: g)
        let xData = NDArray.normal([3, 20], std: 2, dtype: dtype, generator: g)
        let (c1, x1, c2, x2) = (Variable(cData), Variable(xData), Variable(cData), Variable(xData))
        let fused = lstm(c1, x1), plain = lstmReference(c2, x2)
        let tolerance = dtype == .float32 ? 2e-6 : 1e-13
        try assertAllClose(fused.c.data, plain.c.data, atol: tolerance, rtol: tolerance, "c")
        try assertAllClose(fused.h.data, plain.h.data, atol: tolerance, rtol: tolerance, "h")
        sum(fused.c * fused.h + fused.h).backward()
        sum(plain.c * plain.h + plain.h).backward()
        try assertAllClose(c1.grad!.data, c2.grad!.data, atol: 10 * tolerance, rtol: 10 * tolerance, "gc")
        try assertAllClose(x1.grad!.data, x2.grad!.data, atol: 10 * tolerance, rtol: 10 * tolerance, "gx")
    }

    @Test func gradientCheckBothOutputs() throws {
        let g = RandomGenerator(seed: 1)
        try checkBackward("lstm", function: { v in
            let y = lstm(v[0], v[1])
            return [y.c, y.h]
        }, inputs: [NDArray.normal([3, 4], dtype: .float64, generator: g),
                    NDArray.normal([3, 16], dtype: .float64, generator: g)])
    }

    @Test func gradientCheckOfTheGradientFunction() throws {
        // LSTMGrad on its own, all four inputs (cPrev, x, gc, gh) and both outputs (gcPrev, gx).
        let g = RandomGenerator(seed: 2)
        try checkBackward("LSTMGrad", function: { LSTMGrad().apply($0) },
                          inputs: [NDArray.normal([2, 3], dtype: .float64, generator: g),
                                   NDArray.normal([2, 12], dtype: .float64, generator: g),
                                   NDArray.normal([2, 3], dtype: .float64, generator: g),
                                   NDArray.normal([2, 3], dtype: .float64, generator: g)])
    }

    @Test func doubleBackward() throws {
        let g = RandomGenerator(seed: 3)
        let inputs = [NDArray.normal([2, 3], dtype: .float64, generator: g),
                      NDArray.normal([2, 12], dtype: .float64, generator: g)]
        try checkDoubleBackward("lstm", function: { v in
            let y = lstm(v[0], v[1])
            return concat([y.c, y.h], axis: 1)
        }, inputs: inputs)
        // A nonlinearity after the LSTM makes gc and gh depend on the inputs: that exercises the
        // second derivatives with respect to the incoming gradients as well.
        try checkDoubleBackward("tanh ∘ lstm", function: { v in
            let y = lstm(v[0], v[1])
            return tanh(concat([y.c * y.h, y.h], axis: 1))
        }, inputs: inputs)
    }

    @Test func shapesAreChecked() async {
        await #expect(processExitsWith: .failure) {
            _ = lstm(Variable(NDArray.zeros([2, 3])), Variable(NDArray.zeros([2, 8])))
        }
    }

    @Test func unchainBackwardCutsSiblingOutputs() {
        // h.unchainBackward() must also detach c (the other output of the same function); a backward
        // from c afterwards then stops at c instead of reaching a function without inputs.
        let x = Variable(NDArray.normal([2, 8], dtype: .float64, generator: RandomGenerator(seed: 4)))
        let y = lstm(Variable(NDArray.zeros([2, 2], dtype: .float64)), x * 2.0)
        y.h.unchainBackward()
        #expect(y.c.creator == nil)
        (y.c * y.c).sum().backward()
        #expect(x.grad == nil)
    }
}
