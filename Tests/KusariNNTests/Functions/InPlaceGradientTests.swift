import Testing
import KusariTesting
import Kusari
import KusariTestFixtures
@testable import KusariNN

/// Linear's in-place accumulation of W and b gradients (`backwardAccumulate`, InputGradients.swift) gives the gradients of
/// the normal path, and never writes into a gradient someone else holds.
@Suite("In-place gradient accumulation")
struct InPlaceGradientTests {
    /// A layer applied at five steps, h ← tanh(linear(x_t, W, b) + linear(h, V)), and the loss Σ h.
    private func unrolledLoss(_ w: Variable, _ v: Variable, _ b: Variable, dtype: DType) -> Variable {
        let generator = RandomGenerator(seed: 3)
        var h = Variable(NDArray.zeros([3, 5], dtype: dtype), requiresGrad: false)
        for _ in 0..<5 {
            let x = Variable(NDArray.normal([3, 4], dtype: dtype, generator: generator), requiresGrad: false)
            h = tanh(linear(x, w, b) + linear(h, v))
        }
        return sum(h)
    }

    private func parameters(_ dtype: DType) -> (Variable, Variable, Variable) {
        let generator = RandomGenerator(seed: 4)
        return (Variable(NDArray.normal([5, 4], dtype: dtype, generator: generator)),
                Variable(NDArray.normal([5, 5], dtype: dtype, generator: generator)),
                Variable(NDArray.normal([5], dtype: dtype, generator: generator)))
    }

    @Test(.tags(.performanceContract), arguments: [DType.float32, .float64])
    func inPlaceGradientsMatchTheRecordedPath(dtype: DType) throws {
        // The recorded path (enableDoubleBackprop) never accumulates in place: the reference.
        let (w1, v1, b1) = parameters(dtype), (w2, v2, b2) = parameters(dtype)
        unrolledLoss(w1, v1, b1, dtype: dtype).backward()
        unrolledLoss(w2, v2, b2, dtype: dtype).backward(enableDoubleBackprop: true)
        let tolerance = dtype == .float32 ? 1e-5 : 1e-12
        for (fast, reference) in [(w1, w2), (v1, v2), (b1, b2)] {
            let g = try #require(fast.grad), r = try #require(reference.grad)
            #expect(g.creator == nil)
            try assertAllClose(g.data, r.data, atol: tolerance, rtol: tolerance)
        }
        // A second backward adds to the gradients already there, in the same gradient variable.
        weak let firstGradient = w1.grad
        unrolledLoss(w1, v1, b1, dtype: dtype).backward()
        #expect(firstGradient != nil && firstGradient === w1.grad)
        try assertAllClose(try #require(w1.grad).data, 2 * w2.grad!.data, atol: tolerance, rtol: tolerance)
    }

    @Test func aGradientHeldElsewhereIsNotWrittenInPlace() throws {
        let (w, v, b) = parameters(.float64)
        unrolledLoss(w, v, b, dtype: .float64).backward()
        let held = try #require(w.grad), heldData = held.data
        unrolledLoss(w, v, b, dtype: .float64).backward()
        #expect(held.data == heldData)              // the old gradient variable is untouched
        #expect(w.grad !== held)
        try assertAllClose(w.grad!.data, 2 * heldData, atol: 1e-12, rtol: 1e-12)
    }

    @Test func constantInputsAndFrozenParametersGetNoGradient() {
        let x = Variable(NDArray([1, 2, 3, 4.0], shape: [2, 2]), requiresGrad: false)
        let w = Variable(NDArray([1, 0, 0, 1.0], shape: [2, 2]), requiresGrad: false)
        let b = Variable(NDArray([0.5, 0.5], shape: [2]))
        sum(linear(x, w, b)).backward()
        #expect(x.grad == nil && w.grad == nil)
        #expect(b.grad?.data.doubleValues == [2, 2])
        // An input made by a function keeps its gradient even though it is not a leaf.
        let leaf = Variable(NDArray([1, 2, 3, 4.0], shape: [2, 2]))
        let made = leaf * 2
        sum(linear(made, Variable(NDArray([1, 0, 0, 1.0], shape: [2, 2])))).backward()
        #expect(leaf.grad?.data.doubleValues == [2, 2, 2, 2])
    }

    @Test func aWeightMadeByAFunctionTakesTheNormalPath() throws {
        // W = 2·P is not a leaf: its gradient must reach P through Multiply.
        let p = Variable(FnFixtures.normal([3, 2], seed: 5))
        let x = Variable(FnFixtures.normal([4, 2], seed: 6), requiresGrad: false)
        let y = sum(linear(x, 2 * p)) + sum(linear(x, 2 * p))
        y.backward()
        let expected = 4 * x.data.sum(axes: [0])
        for row in 0..<3 {
            for col in 0..<2 {
                #expect(abs(p.grad!.data.element(at: [row, col]) - expected.element(at: [col])) < 1e-12)
            }
        }
    }

    @Test func secondOrderGradientsThroughLinearStayExact() throws {
        let x = FnFixtures.normal([4, 3], seed: 97), w = FnFixtures.normal([2, 3], seed: 98)
        let b = FnFixtures.normal([2], seed: 99)
        try FnFixtures.check("tanh(linear) applied twice", [x, w, b]) { v in
            tanh(linear(tanh(linear(v[0], v[1], v[2])) * v[0][0..., 0..<2].sum(), v[1][0..., 0..<2]))
        }
    }
}
