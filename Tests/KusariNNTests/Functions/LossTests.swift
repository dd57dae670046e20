import Foundation
import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: losses")
struct LossTests {
    let scores = FnFixtures.normal([4, 3], seed: 111, std: 2)
    let labels = NDArray([2, 0, 1, 2.0], shape: [4])

    @Test func meanSquaredErrorValueAndGradient() throws {
        let x = Variable([1, 2, 3, 4.0], shape: [2, 2]), t = Variable([1, 0, 3, 8.0], shape: [2, 2])
        let loss = meanSquaredError(x, t)
        #expect(loss.shape == [])
        #expect(loss.data.scalar == (0 + 4 + 0 + 16) / 4)
        let a = FnFixtures.normal([3, 2], seed: 112), b = FnFixtures.normal([3, 2], seed: 113)
        try FnFixtures.check("meanSquaredError", [a, b]) { meanSquaredError($0[0], $0[1]) }
        try FnFixtures.check("meanSquaredError(tanh x, t)", [a, b]) { meanSquaredError(tanh($0[0]), $0[1]) }
    }

    @Test func softmaxCrossEntropyValue() {
        let loss = softmaxCrossEntropy(Variable(scores), Variable(labels, requiresGrad: false))
        #expect(loss.shape == [])
        var expected = 0.0
        for n in 0..<4 {
            let row = (0..<3).map { scores.element(at: [n, $0]) }
            let logSum = Foundation.log(row.map { Foundation.exp($0) }.reduce(0, +))
            expected -= row[Int(labels.element(at: [n]))] - logSum
        }
        #expect(abs(loss.data.scalar - expected / 4) < 1e-12)
    }

    @Test func softmaxCrossEntropyGradient() throws {
        try FnFixtures.check("softmaxCrossEntropy", [scores, labels], skip: [1]) { softmaxCrossEntropy($0[0], $0[1]) }
        // The gradient is (softmax(x) − onehot(t)) / N.
        let x = Variable(scores)
        softmaxCrossEntropy(x, Variable(labels, requiresGrad: false)).backward()
        let p = softmax(Variable(scores)).data
        let onehot = NDArray([0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1.0], shape: [4, 3])
        try assertAllClose(x.grad!.data, (p - onehot) / 4, atol: 1e-12)
    }

    @Test func sigmoidCrossEntropyValueAndGradient() throws {
        let targets = NDArray([1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1.0], shape: [4, 3])
        let loss = sigmoidCrossEntropy(Variable(scores), Variable(targets, requiresGrad: false))
        var expected = 0.0
        for (x, t) in zip(scores.doubleValues, targets.doubleValues) {
            let p: Double = 1 / (1 + Foundation.exp(-x))
            let logP: Double = Foundation.log(p), logQ: Double = Foundation.log(1 - p)
            expected -= t * logP + (1 - t) * logQ
        }
        expected /= 12
        #expect(abs(loss.data.scalar - expected) < 1e-12)
        try FnFixtures.check("sigmoidCrossEntropy", [scores, targets], skip: [1]) { sigmoidCrossEntropy($0[0], $0[1]) }
        // Far-out scores stay finite.
        let far = sigmoidCrossEntropy(Variable([800, -800.0]), Variable(NDArray([0, 1.0]), requiresGrad: false))
        #expect(abs(far.data.scalar - 800) < 1e-9)
    }

    @Test func labelsGetNoGradient() {
        let x = Variable(scores), t = Variable(labels, requiresGrad: false)
        softmaxCrossEntropy(x, t).backward()
        #expect(x.grad != nil)
        #expect(t.grad == nil)
    }
}
