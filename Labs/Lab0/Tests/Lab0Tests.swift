// Lab 0 grading: Variable and Function. Run: make lab N=0
import Foundation
import Testing
import struct KusariCore.NDArray
import func KusariTesting.assertAllClose
@testable import Lab0

private func array(_ values: [Double]) -> NDArray { NDArray(values, shape: [values.count], dtype: .float64) }

/// A function the grader defines itself, to test Function.callAsFunction on its own.
private final class Twice: Function {
    override func forward(_ xs: [NDArray]) -> NDArray { xs[0].map({ $0 * 2 }, { $0 * 2 }) }
}

@Suite("Lab 0: Variable and Function")
struct Lab0Tests {
    @Test("Step 0.1: calling a Function runs forward and returns a new Variable holding the result")
    func callRunsForward() throws {
        let x = Variable(array([1, 2, 3]))
        let f = Twice()
        let y = f(x)
        #expect(y !== x, "a Function must return a new Variable, not its input")
        try assertAllClose(y.data, array([2, 4, 6]), "Twice()(x)")
        #expect(f.inputs.count == 1 && f.inputs.first === x, "the Function must remember its inputs")
    }

    @Test("Step 0.2: Square computes x² elementwise")
    func square() throws {
        try assertAllClose(Lab0.square(Variable(3.0)).data, NDArray([9], shape: [], dtype: .float64), "square(3)")
        try assertAllClose(Lab0.square(Variable(array([1, -2, 0.5]))).data, array([1, 4, 0.25]), "square([1, -2, 0.5])")
    }

    @Test("Step 0.3: Exp computes eˣ, and functions compose: square(exp(square(0.5))) = e^0.5")
    func expAndComposition() throws {
        try assertAllClose(Lab0.exp(Variable(array([0, 1]))).data, array([1, M_E]), "exp([0, 1])")
        let y = Lab0.square(Lab0.exp(Lab0.square(Variable(0.5))))
        try assertAllClose(y.data, NDArray([1.6487212707001282], shape: [], dtype: .float64), "square(exp(square(0.5)))")
    }
}
