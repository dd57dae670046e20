import Foundation
import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: masked losses")
struct MaskedLossTests {
    let mask = NDArray([1, 1, 0, 1, 0, 0.0], shape: [2, 3])       // (batch 2, time 3)

    @Test func sigmoidCrossEntropyAveragesOverValidSteps() throws {
        let x = FnFixtures.normal([2, 3, 1], seed: 31, std: 2)
        let t = NDArray([1, 0, 1, 0, 1, 1.0], shape: [2, 3, 1])
        let loss = sigmoidCrossEntropy(Variable(x), Variable(t, requiresGrad: false), mask: mask).data.scalar
        // Only steps (0,0), (0,1), (1,0) count.
        let valid = [0, 1, 3]
        let expected = valid.map { k -> Double in
            let s = x.doubleValues[k], y = t.doubleValues[k]
            return -(y * Foundation.log(1 / (1 + Foundation.exp(-s))) + (1 - y) * Foundation.log(1 - 1 / (1 + Foundation.exp(-s))))
        }.reduce(0, +) / 3
        #expect(abs(loss - expected) < 1e-12)
        // With an all-ones mask it equals the plain loss.
        let plain = sigmoidCrossEntropy(Variable(x), Variable(t, requiresGrad: false)).data.scalar
        let ones = sigmoidCrossEntropy(Variable(x), Variable(t, requiresGrad: false), mask: .ones([2, 3], dtype: .float64))
        #expect(abs(ones.data.scalar - plain) < 1e-12)
        try FnFixtures.check("masked sigmoidCrossEntropy", [x, t], skip: [1]) {
            sigmoidCrossEntropy($0[0], $0[1], mask: mask)
        }
    }

    @Test func meanSquaredErrorAveragesOverValidSteps() throws {
        let x = Variable(NDArray([1, 2, 9, 4, 9, 9.0], shape: [2, 3]))
        let t = Variable(NDArray([0, 0, 0, 0, 0, 0.0], shape: [2, 3]))
        #expect(meanSquaredError(x, t, mask: mask).data.scalar == (1 + 4 + 16) / 3)
        let a = FnFixtures.normal([2, 3, 2], seed: 32), b = FnFixtures.normal([2, 3, 2], seed: 33)
        try FnFixtures.check("masked meanSquaredError", [a, b]) { meanSquaredError($0[0], $0[1], mask: mask) }
    }

    @Test func softmaxCrossEntropyIgnoresMaskedLabels() throws {
        let scores = FnFixtures.normal([4, 3], seed: 34, std: 2)
        let labels = NDArray([2, -1, 1, 7.0], shape: [4])      // rows 1 and 3 are padding with junk labels
        let rowMask = NDArray([1, 0, 1, 0.0], shape: [4])
        let loss = softmaxCrossEntropy(Variable(scores), Variable(labels, requiresGrad: false), mask: rowMask)
        let kept = softmaxCrossEntropy(takeRows(Variable(scores), [0, 2]), Variable(NDArray([2, 1.0], shape: [2]), requiresGrad: false))
        #expect(abs(loss.data.scalar - kept.data.scalar) < 1e-12)
        try FnFixtures.check("masked softmaxCrossEntropy", [scores, labels], skip: [1]) {
            softmaxCrossEntropy($0[0], $0[1], mask: rowMask)
        }
    }
}
