import Foundation
import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: softmax, logSoftmax")
struct SoftmaxTests {
    let x = FnFixtures.normal([3, 4], seed: 101, std: 2)

    @Test func forwardMatchesTheDefinition() throws {
        let y = softmax(Variable(x)).data
        for n in 0..<3 {
            let row = (0..<4).map { x.element(at: [n, $0]) }
            let total = row.map { Foundation.exp($0) }.reduce(0, +)
            for c in 0..<4 {
                #expect(abs(y.element(at: [n, c]) - Foundation.exp(row[c]) / total) < 1e-12)
            }
        }
        try assertAllClose(y.sum(axes: [1]), NDArray.ones([3], dtype: .float64), atol: 1e-12)
        try assertAllClose(logSoftmax(Variable(x)).data, y.log(), atol: 1e-12)
        // Large scores do not overflow.
        let big = softmax(Variable([1000, 1001, 1002.0], shape: [1, 3])).data
        try assertAllClose(big, softmax(Variable([0, 1, 2.0], shape: [1, 3])).data, atol: 1e-12)
        #expect(logSoftmax(Variable([1000, 0.0], shape: [1, 2])).data.isFinite)
    }

    @Test func softmaxGradient() throws {
        try FnFixtures.check("softmax axis 1", [x]) { softmax($0[0]) }
        try FnFixtures.check("softmax axis 0", [x]) { softmax($0[0], axis: 0) }
        try FnFixtures.check("softmax axis -1 of 3-D", [FnFixtures.normal([2, 2, 3], seed: 102)]) { softmax($0[0], axis: -1) }
    }

    @Test func logSoftmaxGradient() throws {
        try FnFixtures.check("logSoftmax axis 1", [x]) { logSoftmax($0[0]) }
        try FnFixtures.check("logSoftmax axis 0", [x]) { logSoftmax($0[0], axis: 0) }
    }
}
