import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

/// Gradients computed in float32 (the default dtype) agree with the float64 ones the checks verify.
@Suite("Functions in float32")
struct Float32Tests {
    /// softmaxCrossEntropy(tanh(linear(x, W, b)) · 2, t) + meanSquaredError(sigmoid(x)², x) and its gradients.
    func lossAndGradients(_ dtype: DType) -> (loss: Double, grads: [NDArray]) {
        let x = Variable(FnFixtures.normal([4, 3], seed: 141).astype(dtype))
        let w = Variable(FnFixtures.normal([5, 3], seed: 142).astype(dtype))
        let b = Variable(FnFixtures.normal([5], seed: 143).astype(dtype))
        let t = Variable(NDArray([0, 4, 2, 1], dtype: dtype), requiresGrad: false)
        let h = tanh(linear(x, w, b)) * 2
        let s = sigmoid(x)
        let loss = softmaxCrossEntropy(h, t) + meanSquaredError(s * s, x) + mean(exp(x[0..<2] / 4))
        #expect(loss.dtype == dtype)
        loss.backward()
        return (loss.data.scalar, [x, w, b].map { $0.grad!.data })
    }

    @Test func float32MatchesFloat64() throws {
        let (loss32, grads32) = lossAndGradients(.float32)
        let (loss64, grads64) = lossAndGradients(.float64)
        #expect(abs(loss32 - loss64) < 1e-5)
        for (g32, g64) in zip(grads32, grads64) {
            #expect(g32.dtype == .float32)
            #expect(g64.dtype == .float64)
            try assertAllClose(g32.astype(.float64), g64, atol: 1e-5, rtol: 1e-4)
        }
    }

    @Test func mixingDtypesStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Variable(NDArray.zeros([2], dtype: .float32)) + Variable(NDArray.zeros([2], dtype: .float64))
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("add: dtypes float32 and float64 differ"), "\(text)")
    }
}
