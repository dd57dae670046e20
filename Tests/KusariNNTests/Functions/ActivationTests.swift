import Foundation
import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: tanh, sigmoid, relu")
struct ActivationTests {
    let x = FnFixtures.normal([3, 4], seed: 31, std: 2)

    @Test func forwardValues() throws {
        let v = Variable([-2, 0, 3.0])
        try assertAllClose(tanh(v).data, NDArray([-2, 0, 3.0].map { Foundation.tanh($0) }))
        try assertAllClose(sigmoid(v).data, NDArray([-2, 0, 3.0].map { 1 / (1 + Foundation.exp(-$0)) }))
        #expect(relu(v).data.doubleValues == [0, 0, 3])
        // Sigmoid stays finite far out in both tails.
        let s = sigmoid(Variable([-1000, 1000.0])).data.doubleValues
        #expect(s == [0, 1])
    }

    @Test func tanhGradient() throws {
        try FnFixtures.check("tanh", [x]) { tanh($0[0]) }
    }

    @Test func sigmoidGradient() throws {
        try FnFixtures.check("sigmoid", [x]) { sigmoid($0[0]) }
    }

    @Test func reluGradient() throws {
        // Points at least 0.1 from the kink at 0, where the derivative jumps.
        let away = FnFixtures.awayFromZero([3, 4], seed: 32)
        try FnFixtures.check("relu", [away]) { relu($0[0]) }
        let v = Variable([-1, 2, -3, 4.0])
        relu(v).sum().backward()
        #expect(v.grad?.data.doubleValues == [0, 1, 0, 1])
    }

    @Test func activationsInAGraph() throws {
        let w = FnFixtures.normal([3, 4], seed: 33)
        try FnFixtures.check("tanh(sigmoid(x) * w)", [x, w]) { tanh(sigmoid($0[0]) * $0[1]) }
    }
}
