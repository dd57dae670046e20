// Lab 6 grading: tanh, its derivative, and its second derivative by double backprop.
// Run: make lab N=6
import Foundation
import Testing
import struct KusariCore.NDArray
import func KusariTesting.assertAllClose
@testable import Lab6

private func scalar(_ value: Double) -> NDArray { NDArray([value], shape: [], dtype: .float64) }

@Suite("Lab 6: tanh with double backprop")
struct Lab6Tests {
    @Test("Step 6.1: Tanh.forward computes tanh elementwise")
    func forward() throws {
        let x = Variable(NDArray([-1, 0, 0.5, 2], shape: [4], dtype: .float64))
        try assertAllClose(tanh(x).data, NDArray([-1, 0, 0.5, 2].map(Foundation.tanh), shape: [4], dtype: .float64),
                           "tanh(x)")
    }

    @Test("Step 6.2: Tanh.backward gives dy/dx = 1 − tanh²x")
    func firstDerivative() throws {
        let x = Variable(1.0)
        tanh(x).backward()
        let t = Foundation.tanh(1.0)
        let gx = try #require(x.grad, "x.grad is nil after backward()")
        try assertAllClose(gx.data, scalar(1 - t * t), "dy/dx at x = 1")
        try assertAllClose(gx.data, numericalDiff(tanh, Variable(1.0)), atol: 1e-7, "dy/dx vs numericalDiff")
    }

    @Test("Step 6.3: backward(createGraph:) records the backward pass only when asked")
    func createGraphSwitch() throws {
        let a = Variable(3.0)
        square(a).backward()
        #expect(a.grad?.creator == nil, "backward() without createGraph must not record the gradient's graph")
        let b = Variable(3.0)
        square(b).backward(createGraph: true)
        #expect(b.grad?.creator != nil, "backward(createGraph: true) must record the gradient's graph")
    }

    @Test("Step 6.3: double backprop gives d²/dx² tanh x = −2 tanh x (1 − tanh²x)")
    func secondDerivative() throws {
        let x = Variable(1.0)
        tanh(x).backward(createGraph: true)
        let gx = try #require(x.grad, "x.grad is nil after backward()")
        x.clearGrad()
        gx.backward()
        let t = Foundation.tanh(1.0)
        let ggx = try #require(x.grad, "x.grad is nil after the second backward()")
        try assertAllClose(ggx.data, scalar(-2 * t * (1 - t * t)), "d²y/dx² at x = 1")
    }

    @Test("Step 6.3: the third derivative of tanh at 0.5 agrees with a central difference of the second")
    func thirdDerivative() throws {
        func secondDerivative(_ x: Variable) -> Variable {
            tanh(x).backward(createGraph: true)
            guard let gx = x.grad else { return Variable(0.0) }
            x.clearGrad()
            gx.backward(createGraph: true)
            return x.grad ?? Variable(0.0)
        }
        let x = Variable(0.5)
        let g2 = secondDerivative(x)
        x.clearGrad()
        g2.backward()
        let g3 = try #require(x.grad, "x.grad is nil after the third backward()")
        let numerical = numericalDiff(secondDerivative, Variable(0.5))
        try assertAllClose(g3.data, numerical, atol: 1e-6, "d³y/dx³ at x = 0.5")
    }
}
