import Foundation
import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

// The plugin route: new differentiable functions defined outside the library, as a user would.

/// y = log(1 + eˣ); ∂y/∂x = σ(x). Backward is built from Variables, so it is differentiable again.
private final class Softplus: FunctionNode {
    override func forward(_ x: [NDArray]) -> [NDArray] { [(x[0].exp() + 1).log()] }
    override func backward(_ gy: [Variable]) -> [Variable?] { [gy[0] * sigmoid(inputs[0])] }
}

private func softplus(_ x: Variable) -> Variable { Softplus().apply([x])[0] }

/// y = x³, the example of FunctionNode's documentation, retaining its output for nothing but exercise.
private final class Cube: FunctionNode {
    override func forward(_ x: [NDArray]) -> [NDArray] { [x[0] * x[0] * x[0]] }
    override func backward(_ gy: [Variable]) -> [Variable?] {
        let x = inputs[0]
        return [3 * x * x * gy[0]]
    }
}

private func cube(_ x: Variable) -> Variable { Cube().apply([x])[0] }

/// (y₀, y₁) = (a·b, a − b): two inputs, two outputs.
private final class ProductAndDifference: FunctionNode {
    override func forward(_ x: [NDArray]) -> [NDArray] { [x[0] * x[1], x[0] - x[1]] }
    override func backward(_ gy: [Variable]) -> [Variable?] {
        let (a, b) = (inputs[0], inputs[1])
        return [gy[0] * b + gy[1], gy[0] * a - gy[1]]
    }
}

@Suite("User-defined functions (plugin route)")
struct CustomFunctionTests {
    let x = FnFixtures.normal([3, 4], seed: 121, std: 2)
    let w = FnFixtures.normal([4, 2], seed: 122)

    @Test func softplusForward() throws {
        let y = softplus(Variable([-1, 0, 2.0]))
        try assertAllClose(y.data, NDArray([-1, 0, 2.0].map { Foundation.log(1 + Foundation.exp($0)) }))
        #expect(y.creator?.label == "Softplus")
    }

    @Test func softplusInAGraph() throws {
        try FnFixtures.check("softplus", [x]) { softplus($0[0]) }
        // Used between library functions: tanh(softplus(x) · W), summed over rows.
        try FnFixtures.check("sum(tanh(softplus(x)·W))", [x, w]) { v in
            sum(tanh(matmul(softplus(v[0]), v[1])), axes: [0])
        }
    }

    @Test func cubeInAGraph() throws {
        try FnFixtures.check("cube", [x]) { cube($0[0]) }
        try FnFixtures.check("softmax(cube(x) · W)", [x, w]) { softmax(matmul(cube($0[0]) / 10, $0[1])) }
        let v = FnFixtures.scalar(-2)
        cube(v).backward(enableDoubleBackprop: true)
        #expect(v.grad?.data.scalar == 12)
        let g = v.grad!
        v.clearGrad()
        g.backward()
        #expect(v.grad?.data.scalar == -12)  // 6x
    }

    @Test func multiOutputFunction() throws {
        let a = FnFixtures.normal([2, 3], seed: 123), b = FnFixtures.normal([2, 3], seed: 124)
        try checkBackward("productAndDifference", function: { ProductAndDifference().apply($0) }, inputs: [a, b])
        // Only the second output used: the first gets a zero gradient.
        try FnFixtures.check("productAndDifference[1]²", [a, b]) { v in
            let d = ProductAndDifference().apply(v)[1]
            return d * d
        }
        try FnFixtures.check("productAndDifference[0]·[1]", [a, b]) { v in
            let out = ProductAndDifference().apply(v)
            return out[0] * out[1]
        }
    }
}
