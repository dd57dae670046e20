import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

/// Gradient checks (first and second order, in Double) of the arithmetic functions, including broadcasting.
@Suite("Functions: arithmetic")
struct ArithmeticTests {
    let a = FnFixtures.normal([3, 4], seed: 1)
    let b = FnFixtures.normal([3, 4], seed: 2)
    /// Denominators kept away from zero.
    let positive = FnFixtures.uniform([3, 4], seed: 3, low: 0.5, high: 2)

    @Test func forwardValues() {
        let x = Variable([1, 2, 3.0]), y = Variable([4, 5, 6.0])
        #expect((x + y).data.doubleValues == [5, 7, 9])
        #expect((x - y).data.doubleValues == [-3, -3, -3])
        #expect((x * y).data.doubleValues == [4, 10, 18])
        #expect((y / x).data.doubleValues == [4, 2.5, 2])
        #expect((-x).data.doubleValues == [-1, -2, -3])
        #expect((x ** 3).data.doubleValues == [1, 8, 27])
        #expect((2 * x + 1).data.doubleValues == [3, 5, 7])
        #expect((1 - x / 2).data.doubleValues == [0.5, 0, -0.5])
        #expect((6 / x - 1).data.doubleValues == [5, 2, 1])
        #expect((x * 2).dtype == .float64)
        #expect((Variable([1, 2] as [Float]) * 2).dtype == .float32)
    }

    @Test func add() throws {
        try FnFixtures.check("add", [a, b]) { $0[0] + $0[1] }
    }

    @Test func subtract() throws {
        try FnFixtures.check("subtract", [a, b]) { $0[0] - $0[1] }
    }

    @Test func multiply() throws {
        try FnFixtures.check("multiply", [a, b]) { $0[0] * $0[1] }
    }

    @Test func divide() throws {
        try FnFixtures.check("divide", [a, positive]) { $0[0] / $0[1] }
    }

    @Test func negate() throws {
        try FnFixtures.check("negate", [a]) { -$0[0] }
    }

    @Test func scalarOperands() throws {
        try FnFixtures.check("scalar operands", [positive]) { x in
            let x = x[0]
            return (2 * x - 1) / 3 + (4 - x) * 0.5 + 1 / x + x / 2 - x * 3 + x + 1
        }
    }

    @Test func power() throws {
        try FnFixtures.check("pow 3", [a]) { $0[0] ** 3 }
        try FnFixtures.check("pow 2", [a]) { $0[0] ** 2 }
        try FnFixtures.check("pow 2.5", [positive]) { $0[0] ** 2.5 }
        try FnFixtures.check("pow -1", [positive]) { $0[0] ** -1 }
        try FnFixtures.check("pow 0.5", [positive]) { $0[0] ** 0.5 }
    }

    @Test func sameInputTwice() throws {
        // Both operands are the same variable: its gradient is the sum of both paths.
        try FnFixtures.check("x * x", [a]) { $0[0] * $0[0] }
        try FnFixtures.check("x / x + x - x", [positive]) { $0[0] / $0[0] + $0[0] - $0[0] }
    }

    // MARK: Broadcasting

    @Test func addRowVector() throws {
        // (3,4) + (4)
        try FnFixtures.check("add (3,4)+(4)", [a, FnFixtures.normal([4], seed: 4)]) { x in
            let y = x[0] + x[1]
            #expect(y.shape == [3, 4])
            return y
        }
        try FnFixtures.check("add (4)+(3,4)", [FnFixtures.normal([4], seed: 4), a]) { $0[0] + $0[1] }
    }

    @Test func multiplyOuter() throws {
        // (3,1) * (1,4) → (3,4)
        try FnFixtures.check("multiply (3,1)*(1,4)", [FnFixtures.normal([3, 1], seed: 5), FnFixtures.normal([1, 4], seed: 6)]) { x in
            let y = x[0] * x[1]
            #expect(y.shape == [3, 4])
            return y
        }
    }

    @Test func subtractColumnAndScalarShapes() throws {
        try FnFixtures.check("subtract (3,4)-(3,1)", [a, FnFixtures.normal([3, 1], seed: 7)]) { $0[0] - $0[1] }
        try FnFixtures.check("subtract ()-(3,4)", [FnFixtures.normal([], seed: 8), a]) { $0[0] - $0[1] }
        try FnFixtures.check("subtract (1)-(2,3,4)", [FnFixtures.normal([1], seed: 8), FnFixtures.normal([2, 3, 4], seed: 9)]) {
            $0[0] - $0[1]
        }
    }

    @Test func divideBroadcast() throws {
        let row = FnFixtures.uniform([4], seed: 10, low: 0.5, high: 2)
        try FnFixtures.check("divide (3,4)/(4)", [a, row]) { $0[0] / $0[1] }
        try FnFixtures.check("divide (3,1)/(3,4)", [FnFixtures.normal([3, 1], seed: 11), positive]) { $0[0] / $0[1] }
    }

    @Test func broadcastGradientIsSummedBack() {
        // d/db Σ(a + b) for b of shape (4) broadcast over 3 rows is 3 per element.
        let x = Variable(a), y = Variable(NDArray.zeros([4], dtype: .float64))
        (x + y).sum().backward()
        #expect(y.grad?.shape == [4])
        #expect(y.grad?.data.doubleValues == [3, 3, 3, 3])
        #expect(x.grad?.data == NDArray.ones([3, 4], dtype: .float64))
    }
}
