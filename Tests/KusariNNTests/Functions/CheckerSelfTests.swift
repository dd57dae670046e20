import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

// A gradient checker that cannot fail is worthless: these functions are deliberately wrong, and the
// checker must say which input and which element.

/// y = x³ with a backward that returns twice the right gradient.
private final class DoubledCube: FunctionNode {
    override func forward(_ x: [NDArray]) -> [NDArray] { [x[0] * x[0] * x[0]] }
    override func backward(_ gy: [Variable]) -> [Variable?] { [6 * inputs[0] * inputs[0] * gy[0]] }
}

/// y = 2x with a backward that is right except at element `bad` (where it is off by 0.01).
private final class WrongAtOneElement: FunctionNode {
    let bad: [Int]
    init(bad: [Int]) { self.bad = bad }
    override func forward(_ x: [NDArray]) -> [NDArray] { [x[0] * 2] }
    override func backward(_ gy: [Variable]) -> [Variable?] {
        let shape = inputs[0].shape
        var offset = [Double](repeating: 0, count: shape.product)
        var flat = 0
        for (axis, i) in bad.enumerated() { flat = flat * shape[axis] + i }
        offset[flat] = 0.01
        return [gy[0] * 2 + Variable(NDArray(offset, shape: shape), requiresGrad: false)]
    }
}

/// y = a · b with the gradient of b missing its sign.
private final class WrongSecondInput: FunctionNode {
    override func forward(_ x: [NDArray]) -> [NDArray] { [x[0] * x[1]] }
    override func backward(_ gy: [Variable]) -> [Variable?] { [gy[0] * inputs[1], -(gy[0] * inputs[0])] }
}

/// y = x³ whose backward is right in value but built from a constant, so it is not differentiable again.
private final class ConstantBackwardCube: FunctionNode {
    override func forward(_ x: [NDArray]) -> [NDArray] { [x[0] * x[0] * x[0]] }
    override func backward(_ gy: [Variable]) -> [Variable?] {
        let x = inputs[0].data
        return [gy[0] * Variable(x * x * 3, requiresGrad: false)]
    }
}

/// y = log x, checked where x < 0: the forward is NaN, the backward 1/x is finite.
private final class LogWithFiniteBackward: FunctionNode {
    override func forward(_ x: [NDArray]) -> [NDArray] { [x[0].log()] }
    override func backward(_ gy: [Variable]) -> [Variable?] { [gy[0] / inputs[0]] }
}

private func message(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as GradientCheckError {
        return error.description
    } catch {
        return "unexpected error \(error)"
    }
}

@Suite("Gradient checker self-test")
struct CheckerSelfTests {
    let x = FnFixtures.normal([2, 3], seed: 131)

    @Test func doubledGradientFails() throws {
        let text = try #require(message {
            try checkBackward("doubledCube", function: { DoubledCube().apply($0)[0] }, inputs: [x])
        })
        #expect(text.contains("doubledCube"))
        #expect(text.contains("gradient of input 0"))
        #expect(text.contains("element ["))
        #expect(text.contains("of shape [2, 3]"))
    }

    @Test func oneWrongElementIsNamed() throws {
        let text = try #require(message {
            try checkBackward("oneWrong", function: { WrongAtOneElement(bad: [1, 2]).apply($0)[0] }, inputs: [x])
        })
        #expect(text.contains("gradient of input 0 is wrong at element [1, 2] of shape [2, 3]"), "\(text)")
        // Any other element is named the same way.
        let other = try #require(message {
            try checkBackward("oneWrong", function: { WrongAtOneElement(bad: [0, 1]).apply($0)[0] }, inputs: [x])
        })
        #expect(other.contains("element [0, 1]"), "\(other)")
    }

    @Test func wrongSecondInputIsNamed() throws {
        let y = FnFixtures.normal([2, 3], seed: 132)
        let text = try #require(message {
            try checkBackward("wrongSecond", function: { WrongSecondInput().apply($0)[0] }, inputs: [x, y])
        })
        #expect(text.contains("gradient of input 1"), "\(text)")
        // Skipping that input hides the error: skipInputs really skips.
        try checkBackward("wrongSecond", function: { WrongSecondInput().apply($0)[0] }, inputs: [x, y], skipInputs: [1])
    }

    @Test func nonDifferentiableBackwardFailsTheDoubleCheckOnly() throws {
        try checkBackward("constantBackwardCube", function: { ConstantBackwardCube().apply($0)[0] }, inputs: [x])
        let text = try #require(message {
            try checkDoubleBackward("constantBackwardCube", function: { ConstantBackwardCube().apply($0)[0] }, inputs: [x])
        })
        #expect(text.contains("second derivative of input 0"), "\(text)")
    }

    @Test func nanForwardFails() throws {
        let negative = NDArray([-1, -2, 3.0])
        let text = try #require(message {
            try checkBackward("log of negatives", function: { LogWithFiniteBackward().apply($0)[0] }, inputs: [negative])
        })
        #expect(text.contains("element [0]"), "\(text)")
        #expect(text.contains("nan"), "\(text)")
    }

    @Test func tolerancesAreHonoured() throws {
        // WrongAtOneElement is off by 0.01 · |gy|: inside a loose tolerance, outside the default one.
        try checkBackward("loose", function: { WrongAtOneElement(bad: [0, 0]).apply($0)[0] }, inputs: [x], atol: 0.1)
        #expect(throws: GradientCheckError.self) {
            try checkBackward("tight", function: { WrongAtOneElement(bad: [0, 0]).apply($0)[0] }, inputs: [x])
        }
    }

    @Test func assertAllCloseFailsOnMismatch() throws {
        let a = NDArray([1, 2, 3.0])
        try assertAllClose(a, NDArray([1, 2, 3.000001]))
        #expect(throws: GradientCheckError.self) { try assertAllClose(a, NDArray([1, 2, 3.1])) }
        #expect(throws: GradientCheckError.self) { try assertAllClose(a, NDArray([1, 2, 3.0], shape: [3, 1])) }
        #expect(throws: GradientCheckError.self) { try assertAllClose(a, NDArray([1, 2, Double.nan])) }
        #expect(throws: GradientCheckError.self) { try assertAllClose(NDArray([Double.infinity]), NDArray([-Double.infinity])) }
        try assertAllClose(NDArray([1, Double.nan]), NDArray([1, Double.nan]))
    }
}
