import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: getItem")
struct GetItemTests {
    let x = FnFixtures.normal([3, 4], seed: 71)

    @Test func forward() {
        let v = Variable(NDArray.arange(0, 12, dtype: .float64).reshaped([3, 4]))
        #expect(v[1].data.doubleValues == [4, 5, 6, 7])
        #expect(v[-1, 1..<3].data.doubleValues == [9, 10])
        #expect(v[0..<2, 2...].shape == [2, 2])
        #expect(getItem(v, [1, -1]).data.scalar == 7)
    }

    @Test func gradientScattersIntoZeros() {
        let v = Variable(x)
        v[1, 1...2].sum().backward()
        #expect(v.grad?.data.doubleValues == [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0])
    }

    @Test func integerIndices() throws {
        try FnFixtures.check("x[1]", [x]) { $0[0][1] }
        try FnFixtures.check("x[-1]", [x]) { $0[0][-1] }
        try FnFixtures.check("x[2, -3]", [x]) { $0[0][2, -3] }
    }

    @Test func rangeIndices() throws {
        try FnFixtures.check("x[0..<2, 1...]", [x]) { $0[0][0..<2, 1...] }
        try FnFixtures.check("x[..<1, 1...3]", [x]) { $0[0][..<1, 1...3] }
        try FnFixtures.check("x[1..., -2]", [x]) { $0[0][1..., -2] }
        let cube = FnFixtures.normal([2, 3, 4], seed: 72)
        try FnFixtures.check("cube[1, 1..<3, -1]", [cube]) { $0[0][1, 1..<3, -1] }
    }

    @Test func overlappingSlicesAccumulate() throws {
        // Two overlapping slices of one variable, squared: their gradients add where they overlap.
        try FnFixtures.check("x[0..<2]² + x[1...]²", [x]) { v in
            let a = v[0][0..<2], b = v[0][1...]
            return a * a + b * b
        }
    }
}
