import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: sum, mean")
struct SumTests {
    let x = FnFixtures.normal([2, 3, 4], seed: 41)

    @Test func forwardShapesAndValues() {
        let v = Variable(NDArray.arange(0, 6, dtype: .float64).reshaped([2, 3]))
        #expect(sum(v).shape == [])
        #expect(sum(v).data.scalar == 15)
        #expect(sum(v, axes: [0]).data.doubleValues == [3, 5, 7])
        #expect(sum(v, axes: [1], keepDims: true).shape == [2, 1])
        #expect(sum(v, axes: [1], keepDims: true).data.doubleValues == [3, 12])
        #expect(mean(v).data.scalar == 2.5)
        #expect(v.mean(axes: [0]).data.doubleValues == [1.5, 2.5, 3.5])
        #expect(v.sum(axes: [-1]).data.doubleValues == [3, 12])
    }

    @Test func sumAll() throws {
        try FnFixtures.check("sum", [x]) { sum($0[0]) }
        try FnFixtures.check("sum keepDims", [x]) { sum($0[0], keepDims: true) }
    }

    @Test func sumOverAxes() throws {
        try FnFixtures.check("sum axis 0", [x]) { sum($0[0], axes: [0]) }
        try FnFixtures.check("sum axis 1 keepDims", [x]) { sum($0[0], axes: [1], keepDims: true) }
        try FnFixtures.check("sum axes 0,2", [x]) { sum($0[0], axes: [0, 2]) }
        try FnFixtures.check("sum axis -1", [x]) { $0[0].sum(axes: [-1]) }
    }

    @Test func meanAllAndOverAxes() throws {
        try FnFixtures.check("mean", [x]) { mean($0[0]) }
        try FnFixtures.check("mean axis 1", [x]) { mean($0[0], axes: [1]) }
        try FnFixtures.check("mean axes 0,2 keepDims", [x]) { $0[0].mean(axes: [0, 2], keepDims: true) }
    }

    @Test func sumOfProductIsDifferentiableTwice() throws {
        // Σ x² over an axis: the second derivative is 2 · gy, not zero.
        try FnFixtures.check("sum(x*x, axis 1)", [x]) { sum($0[0] * $0[0], axes: [1]) }
    }

    @Test func meanGradientIsOneOverN() {
        let v = Variable(x)
        mean(v, axes: [2]).sum().backward()
        #expect(v.grad?.data == NDArray.full([2, 3, 4], value: 0.25, dtype: .float64))
    }
}
