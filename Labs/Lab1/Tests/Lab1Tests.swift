// Lab 1 grading: numerical differentiation. Run: make lab N=1
import Foundation
import Testing
import struct KusariCore.NDArray
import func KusariTesting.assertAllClose
@testable import Lab1

private func array(_ values: [Double]) -> NDArray { NDArray(values, shape: [values.count], dtype: .float64) }

@Suite("Lab 1: numerical differentiation")
struct Lab1Tests {
    @Test("Step 1.1: d/dx x² = 2x, elementwise")
    func squareDerivative() throws {
        try assertAllClose(numericalDiff(Lab1.square, Variable(2.0)), NDArray([4], shape: [], dtype: .float64),
                           atol: 1e-6, "d/dx x² at 2")
        try assertAllClose(numericalDiff(Lab1.square, Variable(array([1, 2, 3]))), array([2, 4, 6]),
                           atol: 1e-6, "d/dx x² at [1, 2, 3]")
    }

    @Test("Step 1.1: the difference is central: d/dx eˣ at 1 within 1e-7 (a forward difference is off by 1e-4)")
    func centralDifference() throws {
        try assertAllClose(numericalDiff(Lab1.exp, Variable(1.0)), NDArray([M_E], shape: [], dtype: .float64),
                           atol: 1e-7, rtol: 0, "d/dx eˣ at 1")
    }

    @Test("Step 1.1: the derivative of a composition: d/dx square(exp(square(x))) at 0.5 = 3.2974")
    func composition() throws {
        let f: (Variable) -> Variable = { Lab1.square(Lab1.exp(Lab1.square($0))) }
        try assertAllClose(numericalDiff(f, Variable(0.5)), NDArray([3.297442541400256], shape: [], dtype: .float64),
                           atol: 1e-6, "d/dx square(exp(square(x))) at 0.5")
    }
}
