import Foundation
import Testing
import KusariTesting
import Kusari
import KusariTestFixtures
@testable import KusariCore

@Suite("NDArray arithmetic, broadcasting and reductions")
struct NDArrayOperationTests {
    let m = NDArray([1, 2, 3, 4, 5, 6.0], shape: [2, 3])

    @Test func elementwiseSameShape() {
        let n = NDArray([6, 5, 4, 3, 2, 1.0], shape: [2, 3])
        #expect((m + n).doubleValues == [7, 7, 7, 7, 7, 7])
        #expect((m - n).doubleValues == [-5, -3, -1, 1, 3, 5])
        #expect((m * n).doubleValues == [6, 10, 12, 12, 10, 6])
        let quotients: [Double] = [1, 2, 3, 4, 5, 6].map { $0 / (7 - $0) }
        #expect((m / n).doubleValues == quotients)
        #expect((-m).doubleValues == [-1, -2, -3, -4, -5, -6])
        #expect((m * 2).doubleValues == [2, 4, 6, 8, 10, 12])
        #expect((1 - m).doubleValues == [0, -1, -2, -3, -4, -5])
        #expect((12 / m).doubleValues == [12, 6, 4, 3, 2.4, 2])
        #expect((m + n).shape == [2, 3])
    }

    @Test func broadcastingRowColumnAndScalar() {
        let row = NDArray([10, 20, 30.0], shape: [3])
        #expect((m + row).shape == [2, 3])
        #expect((m + row).doubleValues == [11, 22, 33, 14, 25, 36])
        #expect((row + m).doubleValues == [11, 22, 33, 14, 25, 36])

        let column = NDArray([100, 200.0], shape: [2, 1])
        #expect((m + column).doubleValues == [101, 102, 103, 204, 205, 206])

        // (3,1) * (1,4) → (3,4): an outer product.
        let a = NDArray([1, 2, 3.0], shape: [3, 1]), b = NDArray([1, 10, 100, 1000.0], shape: [1, 4])
        let outer = a * b
        #expect(outer.shape == [3, 4])
        #expect(outer.doubleValues == [1, 10, 100, 1000, 2, 20, 200, 2000, 3, 30, 300, 3000])

        let s = NDArray(scalar: 2, dtype: .float64)
        #expect((s * m).doubleValues == [2, 4, 6, 8, 10, 12])
        #expect((s - m).doubleValues == [1, 0, -1, -2, -3, -4])

        // (2,1,3) + (4,1) → (2,4,3)
        let c = NDArray.arange(0, 6, dtype: .float64).reshaped([2, 1, 3])
        let d = NDArray.arange(0, 4, dtype: .float64).reshaped([4, 1]) * 10
        let e = c + d
        #expect(e.shape == [2, 4, 3])
        #expect(e.element(at: [1, 2, 0]) == 3 + 20)
        #expect(e.element(at: [0, 3, 2]) == 2 + 30)
    }

    @Test func broadcastShapeRules() {
        #expect(NDArray.broadcastShape([2, 3], [3], function: "t") == [2, 3])
        #expect(NDArray.broadcastShape([5, 1, 4], [3, 1], function: "t") == [5, 3, 4])
        #expect(NDArray.broadcastShape([], [2, 2], function: "t") == [2, 2])
        #expect(NDArray.zeros([1, 3]).broadcast(to: [2, 3]).shape == [2, 3])
        let summed = NDArray.ones([2, 3, 4], dtype: .float64).sum(to: [3, 1])
        #expect(summed.shape == [3, 1])
        #expect(summed.doubleValues == [8, 8, 8])
    }

    @Test func incompatibleShapesStop() async {
        await #expect(processExitsWith: .failure) {
            _ = NDArray.zeros([2, 3]) + NDArray.zeros([4])
        }
        await #expect(processExitsWith: .failure) {
            _ = NDArray.zeros([2, 3]).broadcast(to: [3, 3])
        }
    }

    @Test func mathFunctions() throws {
        let x = NDArray([0.5, 1, 2], shape: [3])
        try assertAllClose(x.exp(), NDArray([0.5, 1, 2].map { exp($0) }, shape: [3]))
        try assertAllClose(x.log(), NDArray([0.5, 1, 2].map { log($0) }, shape: [3]))
        try assertAllClose(NDArray([-2, 0, 2.0]).tanh(), NDArray([-0.9640275800758169, 0, 0.9640275800758169]))
        try assertAllClose(NDArray([-800, 0, 800.0]).sigmoid(), NDArray([0, 0.5, 1.0]))
        #expect(NDArray([-1, 0, 2.0]).relu().doubleValues == [0, 0, 2])
        #expect(NDArray([-1, 3.0]).pow(2).doubleValues == [1, 9])
        try assertAllClose(NDArray([4, 9.0]).pow(0.5), NDArray([2, 3.0]))
        // Integer exponents of negative bases are real numbers (NumPy: (-2)**3 = -8), in both dtypes.
        for dtype in [DType.float64, .float32] {
            let n = NDArray([-2, -0.5, 3], dtype: dtype)
            #expect(n.pow(3).doubleValues == [-8, -0.125, 27], "\(dtype)")
            #expect(n.pow(1).doubleValues == [-2, -0.5, 3], "\(dtype)")
            #expect(n.pow(0).doubleValues == [1, 1, 1], "\(dtype)")
            let reciprocals = n.pow(-1).doubleValues
            #expect(reciprocals[0] == -0.5 && reciprocals[1] == -2 && abs(reciprocals[2] - 1.0 / 3) < 1e-7, "\(dtype)")
            #expect(n.pow(4).doubleValues == [16, 0.0625, 81], "\(dtype)")
            #expect(n.pow(0.5).doubleValues[0].isNaN, "\(dtype)")  // a non-integer power of a negative number
        }
        #expect(NDArray([-1.5, 2]).abs().doubleValues == [1.5, 2])
        #expect(NDArray.greater(NDArray([1, 2, 3.0]), NDArray(scalar: 2, dtype: .float64)).doubleValues == [0, 0, 1])
    }

    @Test func reductionsOverAxes() {
        let x = NDArray.arange(0, 24, dtype: .float64).reshaped([2, 3, 4])
        #expect(x.sum().shape == [])
        #expect(x.sum().scalar == 276)
        #expect(x.sum(axes: [0]).shape == [3, 4])
        #expect(x.sum(axes: [0]).element(at: [2, 3]) == 11 + 23)
        #expect(x.sum(axes: [1], keepDims: true).shape == [2, 1, 4])
        #expect(x.sum(axes: [1], keepDims: true).element(at: [1, 0, 0]) == 12 + 16 + 20)
        #expect(x.sum(axes: [0, 2]).doubleValues == [60, 92, 124])
        #expect(x.sum(axes: [-1]).shape == [2, 3])
        #expect(x.sum(axes: [-1]).doubleValues == [6, 22, 38, 54, 70, 86])
        #expect(x.sum(axes: nil, keepDims: true).shape == [1, 1, 1])
        #expect(x.mean(axes: [2]).doubleValues == [1.5, 5.5, 9.5, 13.5, 17.5, 21.5])
        #expect(x.mean().scalar == 11.5)
        #expect(x.max(axis: 1).doubleValues == [8, 9, 10, 11, 20, 21, 22, 23])
        #expect(x.max(axis: 2, keepDims: true).shape == [2, 3, 1])
        #expect(NDArray([-3, -1, -2.0]).max().scalar == -1)
    }
}

@Suite("NDArray shapes: reshape, transpose, slicing, concatenate, matmul")
struct NDArrayShapeTests {
    @Test func reshapeWithInferredExtent() {
        let x = NDArray.arange(0, 12, dtype: .float64)
        #expect(x.reshaped([3, -1]).shape == [3, 4])
        #expect(x.reshaped([-1, 2, 3]).shape == [2, 2, 3])
        #expect(x.reshaped([3, -1]).doubleValues == x.doubleValues)
        #expect(x.reshaped([2, 6]).element(at: [1, 0]) == 6)
    }

    @Test func transpose2DAnd3DPermutation() {
        let m = NDArray([1, 2, 3, 4, 5, 6.0], shape: [2, 3])
        #expect(m.T.shape == [3, 2])
        #expect(m.T.doubleValues == [1, 4, 2, 5, 3, 6])

        let x = NDArray.arange(0, 24, dtype: .float64).reshaped([2, 3, 4])
        let y = x.transposed([2, 0, 1])
        #expect(y.shape == [4, 2, 3])
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 {
            #expect(y.element(at: [k, i, j]) == x.element(at: [i, j, k]))
        } } }
        #expect(x.transposed().shape == [4, 3, 2])
        #expect(x.transposed().element(at: [3, 1, 0]) == x.element(at: [0, 1, 3]))
        #expect(x.transposed([0, 1, 2]) == x)
    }

    @Test func slicingWithIntsRangesAndNegatives() {
        let x = NDArray.arange(0, 12, dtype: .float64).reshaped([3, 4])
        #expect(x[1].shape == [4])
        #expect(x[1].doubleValues == [4, 5, 6, 7])
        #expect(x[-1].doubleValues == [8, 9, 10, 11])
        #expect(x[0..<2, 1...].shape == [2, 3])
        #expect(x[0..<2, 1...].doubleValues == [1, 2, 3, 5, 6, 7])
        #expect(x[1, -2].shape == [])
        #expect(x[1, -2].scalar == 6)
        #expect(x[..<1, 2...3].doubleValues == [2, 3])
        #expect(x[...1, ..<1].doubleValues == [0, 4])
        #expect(x[0..<3, 2].doubleValues == [2, 6, 10])
        let cube = NDArray.arange(0, 24, dtype: .float64).reshaped([2, 3, 4])
        #expect(cube[1, 1..<3, -1].doubleValues == [19, 23])
    }

    @Test func scatterIsTheAdjointOfSlice() {
        let x = NDArray.arange(0, 12, dtype: .float64).reshaped([3, 4])
        let slices = x.resolve([1..<3, 2])
        let picked = x.slice(slices)
        #expect(picked.doubleValues == [6, 10])
        let back = NDArray.scatter(picked, into: [3, 4], at: slices)
        #expect(back.doubleValues == [0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 10, 0])
    }

    @Test func outOfRangeIndexStops() async {
        await #expect(processExitsWith: .failure) {
            _ = NDArray.zeros([3, 4])[3]
        }
    }

    @Test func concatenateAndSplit() {
        let a = NDArray([1, 2, 3, 4.0], shape: [2, 2]), b = NDArray([5, 6.0], shape: [2, 1])
        let c = NDArray.concatenate([a, b], axis: 1)
        #expect(c.shape == [2, 3])
        #expect(c.doubleValues == [1, 2, 5, 3, 4, 6])
        let rows = NDArray.concatenate([a, NDArray([7, 8.0], shape: [1, 2])], axis: 0)
        #expect(rows.doubleValues == [1, 2, 3, 4, 7, 8])
        #expect(NDArray.concatenate([a, a], axis: -1).shape == [2, 4])

        let parts = c.split(sizes: [2, 1], axis: 1)
        #expect(parts.count == 2)
        #expect(parts[0] == a)
        #expect(parts[1] == b)
        let thirds = NDArray.arange(0, 6, dtype: .float64).split(sections: 3)
        #expect(thirds.map(\.doubleValues) == [[0, 1], [2, 3], [4, 5]])
    }

    /// C = op(A)·op(B) by the textbook triple loop, in Double.
    func naiveMatmul(_ a: NDArray, _ b: NDArray, transA: Bool, transB: Bool) -> [Double] {
        let at = transA ? a.transposed() : a, bt = transB ? b.transposed() : b
        let (m, k, n) = (at.shape[0], at.shape[1], bt.shape[1])
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k {
            c[i * n + j] += at.element(at: [i, p]) * bt.element(at: [p, j])
        } } }
        return c
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matmulMatchesTripleLoop(transA: Bool, transB: Bool) throws {
        let (m, k, n) = (3, 5, 4)
        let a = FnFixtures.normal(transA ? [k, m] : [m, k], seed: 1)
        let b = FnFixtures.normal(transB ? [n, k] : [k, n], seed: 2)
        let expected = NDArray(naiveMatmul(a, b, transA: transA, transB: transB), shape: [m, n])
        let c = NDArray.matmul(a, b, transA: transA, transB: transB)
        #expect(c.shape == [m, n])
        try assertAllClose(c, expected, atol: 1e-12, rtol: 1e-12)
        let c32 = NDArray.matmul(a.astype(.float32), b.astype(.float32), transA: transA, transB: transB)
        #expect(c32.dtype == .float32)
        try assertAllClose(c32.astype(.float64), expected, atol: 1e-5, rtol: 1e-5)

        var acc = NDArray.ones([m, n], dtype: .float64)
        NDArray.addMatmul(&acc, a, b, alpha: 2, transA: transA, transB: transB)
        try assertAllClose(acc, expected * 2 + 1, atol: 1e-12, rtol: 1e-12)
    }
}
