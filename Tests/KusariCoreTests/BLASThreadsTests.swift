import Testing
import KusariCore

@Suite("Core: BLAS threads and the products that run on one thread")
struct BLASThreadsTests {
    @Test("shallow and deep products leave the thread setting as it was and equal the one-thread result",
          arguments: [(512, 64, 128), (64, 128, 512), (64, 2048, 512)])
    func productsKeepTheSetting(m: Int, k: Int, n: Int) {
        let saved = BLAS.threads
        defer { BLAS.threads = saved }
        let a = NDArray.normal([m, k], generator: RandomGenerator(seed: 1))
        let b = NDArray.normal([k, n], generator: RandomGenerator(seed: 2))
        BLAS.threads = 1
        let oneThread = NDArray.matmul(a, b)
        BLAS.threads = 2
        let twoThreadSetting = NDArray.matmul(a, b)
        #expect(BLAS.threads == 2)
        // For these shapes OpenBLAS splits rows and columns between threads, not the sum over k: equal bit for
        // bit (not guaranteed for every shape: see Docs/Performance.md, "Two threads").
        #expect(twoThreadSetting == oneThread)
    }
}
