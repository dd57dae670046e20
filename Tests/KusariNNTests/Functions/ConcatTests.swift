import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: concat, splitAxis, separate")
struct ConcatTests {
    @Test func forward() {
        let a = Variable(NDArray([1, 2, 3, 4.0], shape: [2, 2])), b = Variable(NDArray([5, 6.0], shape: [2, 1]))
        let c = concat([a, b])
        #expect(c.shape == [2, 3])
        #expect(c.data.doubleValues == [1, 2, 5, 3, 4, 6])
        let parts = splitAxis(c, sizes: [2, 1], axis: 1)
        #expect(parts.map(\.shape) == [[2, 2], [2, 1]])
        #expect(parts[1].data.doubleValues == [5, 6])
        let halves = splitAxis(Variable(NDArray.arange(0, 8, dtype: .float64).reshaped([4, 2])), sections: 2, axis: 0)
        #expect(halves.map(\.data.doubleValues) == [[0, 1, 2, 3], [4, 5, 6, 7]])
        let steps = separate(Variable(NDArray.arange(0, 12, dtype: .float64).reshaped([2, 3, 2])), axis: 1)
        #expect(steps.count == 3)
        #expect(steps.map(\.shape) == [[2, 2], [2, 2], [2, 2]])
        #expect(steps[1].data.doubleValues == [2, 3, 8, 9])
    }

    @Test func concatGradient() throws {
        let inputs = [FnFixtures.normal([2, 3], seed: 81), FnFixtures.normal([2, 1], seed: 82), FnFixtures.normal([2, 2], seed: 83)]
        try FnFixtures.check("concat axis 1", inputs) { concat($0, axis: 1) }
        try FnFixtures.check("concat axis -1", inputs) { concat($0, axis: -1) }
        let rows = [FnFixtures.normal([1, 3], seed: 84), FnFixtures.normal([2, 3], seed: 85)]
        try FnFixtures.check("concat axis 0", rows) { concat($0, axis: 0) }
        // The same variable twice, then squared: gradients from both copies add up.
        try FnFixtures.check("concat [x, x]²", [rows[1]]) { v in
            let c = concat([v[0], v[0]], axis: 0)
            return c * c
        }
    }

    @Test func splitAxisGradient() throws {
        let x = FnFixtures.normal([2, 5], seed: 86)
        try checkBackward("splitAxis (multi-output)", function: { splitAxis($0[0], sizes: [2, 0, 3], axis: 1) },
                          inputs: [x])
        try checkBackward("splitAxis sections", function: { splitAxis($0[0], sections: 2, axis: 0) }, inputs: [x])
        // Only one piece used: the other receives a zero gradient.
        try FnFixtures.check("splitAxis piece 1", [x]) { splitAxis($0[0], sizes: [2, 3], axis: 1)[1] }
        try FnFixtures.check("splitAxis piece0 · piece1", [x]) { v in
            let p = splitAxis(v[0], sizes: [2, 3], axis: 1)
            return sum(p[0] * p[0], axes: [1]) * sum(p[1], axes: [1])
        }
    }

    @Test func separateGradient() throws {
        let x = FnFixtures.normal([2, 3, 2], seed: 87)
        try checkBackward("separate axis 1", function: { separate($0[0], axis: 1) }, inputs: [x])
        try checkBackward("separate axis 0", function: { separate($0[0]) }, inputs: [x])
        try FnFixtures.check("separate: step0 · step2", [x]) { v in
            let steps = separate(v[0], axis: 1)
            return steps[0] * steps[2]
        }
    }
}
