// Lab 2 grading: backward for a chain. Run: make lab N=2
import Foundation
import Testing
import struct KusariCore.NDArray
import func KusariTesting.assertAllClose
@testable import Lab2

private func scalar(_ value: Double) -> NDArray { NDArray([value], shape: [], dtype: .float64) }

@Suite("Lab 2: backward for a chain")
struct Lab2Tests {
    @Test("Step 2.1: Square.backward multiplies the output gradient by 2x")
    func squareBackward() throws {
        let f = Square()
        _ = f(Variable(3.0))
        let gx = f.backward(scalar(0.5))
        try assertAllClose(try #require(gx.first), scalar(3), "Square.backward(0.5) at x = 3")
    }

    @Test("Step 2.2: Exp.backward multiplies the output gradient by eˣ")
    func expBackward() throws {
        let f = Exp()
        _ = f(Variable(1.0))
        let gx = f.backward(scalar(2))
        try assertAllClose(try #require(gx.first), scalar(2 * M_E), "Exp.backward(2) at x = 1")
    }

    @Test("Step 2.3: y.backward() fills x.grad along a chain: d/dx square(exp(square(x))) at 0.5")
    func chainBackward() throws {
        let x = Variable(0.5)
        let a = Lab2.square(x), b = Lab2.exp(a), y = Lab2.square(b)
        y.backward()
        try assertAllClose(try #require(y.grad, "y.grad is nil: backward must start from dy/dy = 1"), scalar(1), "y.grad")
        let gx = try #require(x.grad, "x.grad is nil after y.backward()")
        try assertAllClose(gx, scalar(3.297442541400256), "x.grad")
        try assertAllClose(try #require(a.grad, "a.grad is nil"), scalar(2 * 1.6487212707001282), "a.grad")
        let numerical = numericalDiff({ Lab2.square(Lab2.exp(Lab2.square($0))) }, Variable(0.5))
        try assertAllClose(gx, numerical, atol: 1e-7, "x.grad vs numericalDiff")
    }
}
