import Foundation
import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Higher-order gradients")
struct HigherOrderTests {
    @Test func secondDerivativeOfTanh() throws {
        let points: [Double] = [-2, -0.5, 0, 0.3, 1.5]
        let x = Variable(NDArray(points))
        tanh(x).backward(enableDoubleBackprop: true)
        let gx = try #require(x.grad)
        try assertAllClose(gx.data, NDArray(points.map { 1 - Foundation.tanh($0) * Foundation.tanh($0) }), atol: 1e-12)
        #expect(gx.creator != nil)  // the first derivative is itself a graph
        x.clearGrad()
        gx.backward()
        let expected = points.map { p -> Double in
            let t = Foundation.tanh(p)
            return -2 * t * (1 - t * t)
        }
        try assertAllClose(try #require(x.grad).data, NDArray(expected), atol: 1e-12)
    }

    /// f(x) = x⁴ − 2x²
    func f(_ x: Variable) -> Variable { x ** 4 - 2 * x ** 2 }

    @Test func secondAndThirdDerivativeOfAPolynomial() throws {
        let points: [Double] = [-1.5, -0.5, 0.25, 2]
        let x = Variable(NDArray(points))
        f(x).backward(enableDoubleBackprop: true)
        let g1 = try #require(x.grad)
        try assertAllClose(g1.data, NDArray(points.map { 4 * $0 * $0 * $0 - 4 * $0 }), atol: 1e-12)
        x.clearGrad()
        g1.backward(enableDoubleBackprop: true)
        let g2 = try #require(x.grad)
        try assertAllClose(g2.data, NDArray(points.map { 12 * $0 * $0 - 4 }), atol: 1e-12)
        x.clearGrad()
        g2.backward()
        try assertAllClose(try #require(x.grad).data, NDArray(points.map { 24 * $0 }), atol: 1e-12)
    }

    @Test func newtonsMethodMinimisesAQuartic() throws {
        // DeZero step 33: x ← x − f'(x) / f''(x) from x = 2 reaches the minimum at x = 1.
        let x = FnFixtures.scalar(2)
        var trajectory: [Double] = []
        for _ in 0..<7 {
            let y = f(x)
            x.clearGrad()
            y.backward(enableDoubleBackprop: true)
            let gx = try #require(x.grad)
            x.clearGrad()
            gx.backward()
            let gx2 = try #require(x.grad)
            x.data = x.data - gx.data / gx2.data
            trajectory.append(x.data.scalar)
        }
        // The first steps as DeZero prints them, then quadratic convergence.
        #expect(abs(trajectory[0] - 1.4545454545454546) < 1e-12)
        #expect(abs(trajectory[1] - 1.1510467893775467) < 1e-12)
        #expect(abs(trajectory[2] - 1.0253259289766978) < 1e-12)
        #expect(abs(trajectory[3] - 1.0009084519430513) < 1e-9)
        #expect(abs(trajectory[4] - 1.0000012353089472) < 1e-12)
        #expect(abs(trajectory[6] - 1) < 1e-14)
    }

    @Test func gradientOfAGradientNorm() throws {
        // z = |∂(x·y)/∂x|² = y², so ∂z/∂y = 2y, a mixed second-order term (double backprop through multiply).
        let x = Variable(NDArray([0.5, -1, 2.0])), y = Variable(NDArray([1.5, 2, -3.0]))
        sum(x * y).backward(enableDoubleBackprop: true)
        let gx = try #require(x.grad)
        let z = sum(gx * gx)
        x.clearGrad()
        y.clearGrad()
        z.backward()
        try assertAllClose(try #require(y.grad).data, NDArray([3, 4, -6.0]), atol: 1e-12)
        #expect(x.grad == nil)  // z does not depend on x
    }
}
