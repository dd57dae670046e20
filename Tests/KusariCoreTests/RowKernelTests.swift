import Testing
import Kusari
@testable import KusariCore

/// The fast paths of NDArray+RowKernels.swift against the generic odometer kernels they replace
/// (reduceKernel, gather): bit-identical results, in Float and Double, at odd sizes.
@Suite("Row kernels: fast sums and broadcasts agree with the generic kernels")
struct RowKernelTests {
    static let shapes: [[Int]] = [[7], [5, 3], [3, 1, 5], [2, 3, 4, 5], [1, 17], [17, 1], [0, 3], [3, 0], []]

    /// The generic reduction (what `sum` computed before the fast path), as an array of `outShape`.
    private func genericSum(_ a: NDArray, axes: [Int], keepDims: Bool) -> NDArray {
        let kept = a.shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        let out = a.reducedShape(axes, keepDims: keepDims)
        switch a.dtype {
        case .float32: return NDArray(floats: reduceKernel(a.floats, a.shape, kept, 0, +), shape: out)
        case .float64: return NDArray(doubles: reduceKernel(a.doubles, a.shape, kept, 0, +), shape: out)
        }
    }

    private func sample(_ shape: [Int], _ dtype: DType, seed: UInt64) -> NDArray {
        NDArray.normal(shape, dtype: dtype, generator: RandomGenerator(seed: seed))
    }

    @Test(arguments: [DType.float32, .float64])
    func sumsOverLeadingTrailingAndAllAxesMatchTheGenericKernel(dtype: DType) {
        for (n, shape) in Self.shapes.enumerated() {
            let a = sample(shape, dtype, seed: UInt64(n + 1))
            let d = shape.count
            // Every leading run, every trailing run (both include "all axes" and "no axis").
            let runs = (0...d).map { Array(0..<$0) } + (0...d).map { Array($0..<d) }
            for axes in runs {
                for keepDims in [false, true] {
                    let fast = a.sum(axes: axes, keepDims: keepDims)
                    #expect(fast == genericSum(a, axes: axes, keepDims: keepDims), "shape \(shape) axes \(axes)")
                    #expect(a.fastSum(reduced: axes, outShape: a.reducedShape(axes, keepDims: keepDims)) != nil)
                }
            }
        }
    }

    @Test(arguments: [DType.float32, .float64])
    func sumsOverMiddleAxesStayOnTheGenericKernel(dtype: DType) {
        let a = sample([3, 4, 5], dtype, seed: 7)
        #expect(a.fastSum(reduced: [1], outShape: [3, 5]) == nil)
        #expect(a.fastSum(reduced: [0, 2], outShape: [4]) == nil)
        #expect(a.sum(axes: [1]) == genericSum(a, axes: [1], keepDims: false))
        #expect(a.sum(axes: [0, 2], keepDims: true) == genericSum(a, axes: [0, 2], keepDims: true))
    }

    @Test(arguments: [DType.float32, .float64])
    func broadcastsAlongLeadingAxesMatchGather(dtype: DType) {
        let cases: [([Int], [Int])] = [([7], [5, 7]), ([1, 7], [5, 7]), ([3, 4], [2, 5, 3, 4]), ([], [3, 2]),
                                       ([1], [9]), ([1, 1, 3], [2, 4, 3]), ([5], [0, 5])]
        for (n, (from, to)) in cases.enumerated() {
            let a = sample(from, dtype, seed: UInt64(20 + n))
            #expect(a.repeatedAlongLeadingAxes(to: to) != nil, "\(from) → \(to)")
            let expected = dtype == .float32
                ? NDArray(floats: gather(a.floats, from: from, to: to), shape: to)
                : NDArray(doubles: gather(a.doubles, from: from, to: to), shape: to)
            #expect(a.broadcast(to: to) == expected, "\(from) → \(to)")
        }
        // Stretching an inner axis is not a leading repeat: the generic gather handles it.
        let column = sample([3, 1], dtype, seed: 30)
        #expect(column.repeatedAlongLeadingAxes(to: [3, 4]) == nil)
        #expect(column.broadcast(to: [3, 4]).doubleValues
                == column.doubleValues.flatMap { Array(repeating: $0, count: 4) })
    }

    @Test(arguments: [DType.float32, .float64])
    func columnSumsAddIntoAnExistingVector(dtype: DType) {
        let rows = sample([13, 7], dtype, seed: 40)
        var total = sample([7], dtype, seed: 41)
        let expected = total + rows.sum(axes: [0])
        total.addColumnSums(of: rows)
        let tolerance = dtype == .float32 ? 1e-5 : 1e-12
        for (x, y) in zip(total.doubleValues, expected.doubleValues) { #expect(abs(x - y) <= tolerance) }
    }

    @Test(arguments: [DType.float32, .float64])
    func matmulWritesEveryElementOfItsUnfilledOutput(dtype: DType) {
        // The product's buffer is not zero-filled first: every element must still be the product.
        for (m, k, n) in [(1, 1, 1), (5, 3, 7), (17, 9, 3), (4, 0, 6)] {
            let a = sample([m, k], dtype, seed: 50), b = sample([k, n], dtype, seed: 51)
            let c = NDArray.matmul(a, b)
            for i in 0..<m {
                for j in 0..<n {
                    let dot = (0..<k).reduce(0.0) { $0 + a.element(at: [i, $1]) * b.element(at: [$1, j]) }
                    #expect(abs(c.element(at: [i, j]) - dot) <= 1e-4 * max(1, abs(dot)))
                }
            }
        }
    }
}
