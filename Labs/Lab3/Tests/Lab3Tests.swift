// Lab 3 grading: gradient accumulation. Run: make lab N=3
import Foundation
import Testing
import struct KusariCore.NDArray
import func KusariTesting.assertAllClose
@testable import Lab3

private func scalar(_ value: Double) -> NDArray { NDArray([value], shape: [], dtype: .float64) }

@Suite("Lab 3: gradient accumulation")
struct Lab3Tests {
    @Test("Step 3.1: Add adds its two inputs; both partial derivatives are 1")
    func addFunction() throws {
        let f = Add()
        let y = f(Variable(2.0), Variable(3.0))
        try assertAllClose(y.data, scalar(5), "add(2, 3)")
        let gxs = f.backward(scalar(0.5))
        #expect(gxs.count == 2, "Add.backward must return one gradient per input")
        for gx in gxs { try assertAllClose(gx, scalar(0.5), "Add.backward(0.5)") }
    }

    @Test("Step 3.2: a variable used twice gets both contributions: d/dx (x + x) = 2, d/dx ((x + x) + x) = 3")
    func accumulation() throws {
        let x = Variable(3.0)
        add(x, x).backward()
        try assertAllClose(try #require(x.grad, "x.grad is nil"), scalar(2), "d/dx (x + x)")
        let z = Variable(3.0)
        add(add(z, z), z).backward()
        try assertAllClose(try #require(z.grad, "z.grad is nil"), scalar(3), "d/dx ((x + x) + x)")
        let w = Variable(1.0)
        add(Lab3.square(w), Lab3.exp(w)).backward()
        try assertAllClose(try #require(w.grad, "w.grad is nil"), scalar(2 + M_E), "d/dx (x² + eˣ) at 1")
    }

    @Test("Step 3.3: clearGrad() lets a variable start a new computation")
    func clearGrad() throws {
        let x = Variable(3.0)
        add(x, x).backward()
        x.clearGrad()
        #expect(x.grad == nil, "clearGrad() must set grad to nil")
        add(add(x, x), x).backward()
        try assertAllClose(try #require(x.grad, "x.grad is nil"), scalar(3), "d/dx ((x + x) + x) after clearGrad()")
    }
}
