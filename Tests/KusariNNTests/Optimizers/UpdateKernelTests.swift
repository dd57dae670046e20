import Testing
import Kusari
@testable import KusariNN

/// The vectorised Float update loops (UpdateKernels.swift) against the scalar formulas they replace,
/// bit for bit, at sizes that exercise the eight-lane chunks and the scalar tail; and the bit-level
/// finiteness test against `isFinite` per element.
@Suite("Update kernels: vectorised Adam, RMSprop and isFinite agree with the scalar loops")
struct UpdateKernelTests {
    static let sizes = [0, 1, 7, 8, 13, 64, 1001, 300_001]  // the last one splits over threads when BLAS has two

    private func values(_ count: Int, seed: UInt64, scale: Double = 1, positive: Bool = false) -> [Float] {
        NDArray.normal([count], std: scale, generator: RandomGenerator(seed: seed)).floatValues
            .map { positive ? abs($0) : $0 }
    }

    @Test(arguments: sizes)
    func adamMatchesTheScalarLoop(count: Int) {
        for divisor in [nil, Float(0.3)] {
            var (w, m, v) = (values(count, seed: 1), values(count, seed: 2, scale: 0.1),
                             values(count, seed: 3, scale: 0.01, positive: true))
            let g = values(count, seed: 4)
            var (wRef, mRef, vRef) = (w, m, v)
            let (b1, b2, step, eps): (Float, Float, Float, Float) = (0.1, 0.001, 0.002, 1e-8)
            for i in 0..<count {
                mRef[i] += b1 * (g[i] - mRef[i])
                vRef[i] += b2 * (g[i] * g[i] - vRef[i])
                let root = divisor.map { vRef[i].squareRoot() / $0 } ?? vRef[i].squareRoot()
                wRef[i] -= step * mRef[i] / (root + eps)
            }
            w.withUnsafeMutableBufferPointer { w in
                m.withUnsafeMutableBufferPointer { m in
                    v.withUnsafeMutableBufferPointer { v in
                        g.withUnsafeBufferPointer { g in
                            adamStepFloat(w: w, g: g, m: m, v: v, oneMinusBeta1: b1, oneMinusBeta2: b2,
                                          stepSize: step, divisor: divisor, eps: eps)
                        }
                    }
                }
            }
            #expect(w == wRef && m == mRef && v == vRef, "count \(count), divisor \(String(describing: divisor))")
        }
    }

    @Test(arguments: sizes)
    func rmspropMatchesTheScalarLoop(count: Int) {
        for inside in [false, true] {
            var (w, ms) = (values(count, seed: 5), values(count, seed: 6, scale: 0.01, positive: true))
            let g = values(count, seed: 7)
            var (wRef, msRef) = (w, ms)
            let (lr, rho, eps): (Float, Float, Float) = (1e-3, 0.9, 1e-7)
            for i in 0..<count {
                msRef[i] = rho * msRef[i] + (1 - rho) * g[i] * g[i]
                let denominator = inside ? (msRef[i] + eps).squareRoot() : msRef[i].squareRoot() + eps
                wRef[i] -= lr * g[i] / denominator
            }
            w.withUnsafeMutableBufferPointer { w in
                ms.withUnsafeMutableBufferPointer { ms in
                    g.withUnsafeBufferPointer { g in
                        rmspropStepFloat(w: w, g: g, ms: ms, lr: lr, rho: rho, oneMinusRho: 1 - rho, eps: eps, inside: inside)
                    }
                }
            }
            #expect(w == wRef && ms == msRef, "count \(count), inside \(inside)")
        }
    }

    @Test func optimizersGiveTheSameTrajectoryInFloatAsTheirScalarFormula() throws {
        // Whole optimizers, Float: three Adam steps on a 13-element parameter against the formula.
        let p = Parameter(NDArray(values(13, seed: 8)), name: "p")
        let g = NDArray(values(13, seed: 9))
        final class One: Chain { let p: Parameter; init(_ p: Parameter) { self.p = p } }
        let optimizer = Adam(alpha: 0.01).setup(One(p))
        var (w, m, v) = (p.data.floatValues, [Float](repeating: 0, count: 13), [Float](repeating: 0, count: 13))
        for t in 1...3 {
            p.grad = Variable(g, requiresGrad: false)
            try optimizer.update()
            let lrT = Float(0.01 * (1 - Double.pow(0.999, Double(t))).squareRoot() / (1 - Double.pow(0.9, Double(t))))
            let gv = g.floatValues
            for i in 0..<13 {
                m[i] += Float(1 - 0.9) * (gv[i] - m[i])
                v[i] += Float(1 - 0.999) * (gv[i] * gv[i] - v[i])
                w[i] -= lrT * m[i] / (v[i].squareRoot() + Float(1e-8))
            }
            #expect(p.data.floatValues == w, "step \(t)")
        }
    }

    @Test(arguments: [DType.float32, .float64])
    func isFiniteFindsEveryNonFiniteValue(dtype: DType) {
        let specials: [Double] = [.nan, .infinity, -.infinity]
        let finite: [Double] = [0, -0.0, 1, -1, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                .leastNonzeroMagnitude, Double(Float.greatestFiniteMagnitude)]
        #expect(NDArray(finite, shape: [finite.count], dtype: dtype).isFinite == (dtype == .float64))
        let safe = finite.filter { dtype == .float64 || abs($0) <= Double(Float.greatestFiniteMagnitude) }
        #expect(NDArray(safe, shape: [safe.count], dtype: dtype).isFinite)
        #expect(NDArray.zeros([0], dtype: dtype).isFinite)
        for count in [1, 9, 33] {
            for position in [0, count / 2, count - 1] {
                for special in specials {
                    var v = [Double](repeating: 0.5, count: count)
                    v[position] = special
                    #expect(!NDArray(v, shape: [count], dtype: dtype).isFinite, "\(special) at \(position) of \(count)")
                }
            }
        }
    }
}
