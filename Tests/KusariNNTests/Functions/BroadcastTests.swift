import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: broadcastTo, sumTo")
struct BroadcastTests {
    @Test func forwardShapes() {
        let v = Variable(NDArray([1, 2, 3.0], shape: [3, 1]))
        let b = broadcastTo(v, [2, 3, 4])
        #expect(b.shape == [2, 3, 4])
        #expect(b.data.element(at: [1, 2, 3]) == 3)
        #expect(broadcastTo(v, [3, 1]) === v)  // unchanged shape: no function applied
        let s = sumTo(b, [3, 1])
        #expect(s.data.doubleValues == [8, 16, 24])
        #expect(sumTo(b, [4]).data.doubleValues == [12, 12, 12, 12])
        #expect(sumTo(b, []).data.scalar == 48)
    }

    @Test func broadcastToGradient() throws {
        try FnFixtures.check("broadcastTo (3,1)→(2,3,4)", [FnFixtures.normal([3, 1], seed: 51)]) {
            broadcastTo($0[0], [2, 3, 4])
        }
        try FnFixtures.check("broadcastTo ()→(2,3)", [FnFixtures.normal([], seed: 52)]) { broadcastTo($0[0], [2, 3]) }
        try FnFixtures.check("broadcastTo (4)→(3,4)", [FnFixtures.normal([4], seed: 53)]) { broadcastTo($0[0], [3, 4]) }
    }

    @Test func sumToGradient() throws {
        let x = FnFixtures.normal([2, 3, 4], seed: 54)
        try FnFixtures.check("sumTo (3,1)", [x]) { sumTo($0[0], [3, 1]) }
        try FnFixtures.check("sumTo (4)", [x]) { sumTo($0[0], [4]) }
        try FnFixtures.check("sumTo (1,3,1)", [x]) { sumTo($0[0], [1, 3, 1]) }
        try FnFixtures.check("sumTo ()", [x]) { sumTo($0[0], []) }
    }

    @Test func broadcastThenMultiplyIsDifferentiableTwice() throws {
        // The second derivative of broadcastTo(a)·broadcastTo(a) is not zero: it checks both adjoints.
        try FnFixtures.check("broadcastTo(a)²", [FnFixtures.normal([3, 1], seed: 55)]) { v in
            let b = broadcastTo(v[0], [3, 4])
            return sumTo(b * b, [1, 4])
        }
    }
}
