import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: takeRows and selectLastValid")
struct TakeRowsTests {
    @Test func gathersRowsWithRepeats() {
        let x = Variable(NDArray([1, 2, 3, 4, 5, 6.0], shape: [3, 2]))
        let y = takeRows(x, [2, 0, 2])
        #expect(y.shape == [3, 2])
        #expect(y.data.doubleValues == [5, 6, 1, 2, 5, 6])
        y.backward()
        // Row 2 was taken twice, row 1 never.
        #expect(x.grad?.data.doubleValues == [1, 1, 0, 0, 2, 2])
    }

    @Test func gradient() throws {
        let x = FnFixtures.normal([4, 3], seed: 21)
        try FnFixtures.check("takeRows", [x]) { takeRows(tanh($0[0]), [3, 1, 1, 0]) }
    }

    @Test func lastValidStep() throws {
        // y[b, t, 0] = 10 b + t: the last valid step of a sequence of length n is 10 b + n − 1.
        let values = (0..<3).flatMap { b in (0..<4).map { t in Double(10 * b + t) } }
        let y = Variable(NDArray(values, shape: [3, 4, 1]))
        #expect(selectLastValid(y, lengths: [4, 1, 2]).data.doubleValues == [3, 10, 21])
        let x = FnFixtures.normal([3, 4, 2], seed: 22)
        try FnFixtures.check("selectLastValid", [x]) { selectLastValid(sin($0[0]), lengths: [2, 4, 1]) }
    }
}
