// Lab 7 grading: softplus as a FunctionNode. Run: make lab N=7
import Foundation
import Kusari
import KusariTesting
import Testing
@testable import Lab7

@Suite("Lab 7: your own FunctionNode (softplus)")
struct Lab7Tests {
    @Test("Step 7.1: forward gives log(1 + eˣ), also for large |x| in Float (no inf)")
    func forward() throws {
        let xs: [Double] = [-3, -0.5, 0, 0.5, 3]
        let x = Variable(NDArray(xs, shape: [5], dtype: .float64))
        try assertAllClose(Lab7.softplus(x).data, NDArray(xs.map { Foundation.log(1 + Foundation.exp($0)) }, shape: [5], dtype: .float64),
                           "softplus([-3, -0.5, 0, 0.5, 3])")
        let big = Lab7.softplus(Variable(NDArray([-100, 100], shape: [2], dtype: .float32)))
        try assertAllClose(big.data.astype(.float64), NDArray([0, 100], shape: [2], dtype: .float64), atol: 1e-4,
                           "softplus([-100, 100]) in Float")
    }

    @Test("Step 7.2: backward passes checkBackward (central differences, in Double)")
    func gradientCheck() throws {
        let x = NDArray.normal([3, 4], dtype: .float64, generator: RandomGenerator(seed: 0))
        try checkBackward("softplus", function: { Lab7.softplus($0[0]) }, inputs: [x])
    }

    @Test("Step 7.2: the gradient is differentiable: d²/dx² softplus = σ(x)(1 − σ(x)), and checkDoubleBackward")
    func doubleBackprop() throws {
        let x = Variable(NDArray([0.7], shape: [], dtype: .float64))
        Lab7.softplus(x).backward(enableDoubleBackprop: true)
        let gx = try #require(x.grad, "x.grad is nil: Softplus.backward returned no gradient")
        x.clearGrad()
        gx.backward()
        let s = 1 / (1 + Foundation.exp(-0.7))
        try assertAllClose(try #require(x.grad, "no second derivative").data, NDArray([s * (1 - s)], shape: [], dtype: .float64),
                           "d²/dx² softplus at 0.7")
        let inputs = [NDArray.normal([2, 3], dtype: .float64, generator: RandomGenerator(seed: 1))]
        try checkDoubleBackward("softplus", function: { Lab7.softplus($0[0]) }, inputs: inputs)
    }
}
