import Testing
import KusariTestFixtures
@testable import KusariCore

/// Matrix products split over Kusari's pool (`BLAS.product`) against the whole product on one thread.
@Suite("Core: BLAS threads and split products", .serialized)
struct BLASThreadsTests {
    /// A·B (with the given transposes) for the stored shapes, under a thread setting.
    private func product(_ a: NDArray, _ b: NDArray, transA: Bool, transB: Bool, threads: Int) -> NDArray {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.threads = threads
        return NDArray.matmul(a, b, transA: transA, transB: transB)
    }

    /// Shapes (m, k, n) of an LSTM step at batch 64 (forward, ∂h, ∂W at H = 128), odd sizes, and
    /// products under the threshold; each with and without transposed operands, in float32 and float64.
    @Test("split products equal the one-thread product bit for bit",
          arguments: [(64, 128, 512), (64, 512, 128), (512, 64, 128),
                      (37, 101, 333), (333, 101, 37), (64, 32, 512), (10, 100, 400), (1, 1, 1)])
    func splitEqualsWhole(m: Int, k: Int, n: Int) {
        for dtype in [DType.float32, .float64] {
            for (transA, transB) in [(false, false), (true, false), (false, true), (true, true)] {
                let a = NDArray.normal(transA ? [k, m] : [m, k], dtype: dtype, generator: RandomGenerator(seed: 1))
                let b = NDArray.normal(transB ? [n, k] : [k, n], dtype: dtype, generator: RandomGenerator(seed: 2))
                let whole = product(a, b, transA: transA, transB: transB, threads: 1)
                for threads in [2, 3] {
                    let split = product(a, b, transA: transA, transB: transB, threads: threads)
                    #expect(split == whole, "\(dtype) m \(m) k \(k) n \(n) transA \(transA) transB \(transB), \(threads) threads")
                }
            }
        }
    }

    @Test("random shapes: what BLAS.product splits equals the whole product bit for bit")
    func randomShapesSplitExactly() {
        let generator = RandomGenerator(seed: 7)
        var split = 0
        for _ in 0..<60 {
            let m = 1 + Int(generator.nextUniform() * 300), n = 1 + Int(generator.nextUniform() * 600)
            let k = 1 + Int(generator.nextUniform() * 700)
            let (transA, transB) = (generator.nextUniform() < 0.5, generator.nextUniform() < 0.5)
            let a = NDArray.uniform(transA ? [k, m] : [m, k], low: -0.5, high: 0.5, generator: generator)
            let b = NDArray.uniform(transB ? [n, k] : [k, n], low: -0.5, high: 0.5, generator: generator)
            if BLAS.exactParts(size: m * n * k, wanted: 2) > 1 && max(m, n) >= 32 { split += 1 }
            #expect(product(a, b, transA: transA, transB: transB, threads: 2)
                    == product(a, b, transA: transA, transB: transB, threads: 1),
                    "m \(m) k \(k) n \(n) transA \(transA) transB \(transB)")
        }
        #expect(split >= 10, "only \(split) of the shapes were split")
    }

    @Test("the ICU tutorial's gradient products, which split below 2^20 per block rounded differently")
    func smallBlocksAreNotSplit() {
        #expect(BLAS.exactParts(size: 20 * 128 * 512, wanted: 2) == 1)
        #expect(BLAS.exactParts(size: 64 * 128 * 512, wanted: 2) == 2)
        let g = NDArray.normal([20, 512], generator: RandomGenerator(seed: 8))
        let w = NDArray.normal([512, 128], generator: RandomGenerator(seed: 9))
        #expect(product(g, w, transA: false, transB: false, threads: 2) == product(g, w, transA: false, transB: false, threads: 1))
    }

    @Test("accumulating products (β = 1) split equal the whole too")
    func accumulatingSplitEqualsWhole() {
        let g = NDArray.normal([64, 512], generator: RandomGenerator(seed: 3))
        let x = NDArray.normal([64, 128], generator: RandomGenerator(seed: 4))
        func accumulate(threads: Int) -> NDArray {
            ThreadSettings.acquire()
            defer { ThreadSettings.release() }
            BLAS.threads = threads
            var w = NDArray.normal([512, 128], generator: RandomGenerator(seed: 5))
            for _ in 0..<3 { NDArray.addMatmul(&w, g, x, transA: true) }
            return w
        }
        #expect(accumulate(threads: 2) == accumulate(threads: 1))
    }

    @Test("the thread setting is clamped to at least one")
    func threadsClamp() {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.threads = 0
        #expect(BLAS.threads == 1)
        BLAS.threads = 2
        #expect(BLAS.threads == 2)
    }
}
