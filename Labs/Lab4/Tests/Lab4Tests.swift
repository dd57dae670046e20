// Lab 4 grading: backward for a graph in generation order. Run: make lab N=4
import Foundation
import Testing
import struct KusariCore.NDArray
import func KusariTesting.assertAllClose
@testable import Lab4

private func scalar(_ value: Double) -> NDArray { NDArray([value], shape: [], dtype: .float64) }

@Suite("Lab 4: backward in generation order")
struct Lab4Tests {
    @Test("Step 4.1: generations count the functions on the longest path from an input")
    func generations() {
        let x = Variable(2.0)
        let a = Lab4.square(x)
        let b = Lab4.square(a)
        let y = add(b, x)
        let generations = [x.generation, a.generation, b.generation, y.generation]
        #expect(generations == [0, 1, 2, 3],
                "generations of x, a = x², b = a², y = b + x")
        #expect(y.creator?.generation == 2, "the Add making y has the largest generation of its inputs (2)")
    }

    @Test("Step 4.2: a graph that branches and joins: y = a² + a² with a = x², dy/dx at 2 = 8x³ = 64")
    func diamond() throws {
        let x = Variable(2.0)
        let a = Lab4.square(x)
        let y = add(Lab4.square(a), Lab4.square(a))
        y.backward()
        try assertAllClose(try #require(a.grad, "a.grad is nil"), scalar(16), "dy/da = 4a at a = 4")
        try assertAllClose(try #require(x.grad, "x.grad is nil"), scalar(64), "dy/dx = 8x³ at x = 2")
    }

    @Test("Step 4.2: a deeper graph agrees with numericalDiff")
    func deeperGraph() throws {
        func f(_ x: Variable) -> Variable {
            let a = Lab4.exp(x), b = Lab4.square(a)
            let c = add(a, b), d = add(Lab4.square(c), a)
            return add(d, add(c, x))
        }
        let x = Variable(0.3)
        f(x).backward()
        let gx = try #require(x.grad, "x.grad is nil")
        try assertAllClose(gx, numericalDiff(f, Variable(0.3)), atol: 1e-6, "x.grad vs numericalDiff")
    }
}
