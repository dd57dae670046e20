import Testing
import KusariCore

@Suite("Core: BLAS threads and the size below which products run on one thread")
struct BLASThreadsTests {
    @Test("a product below the threshold runs on one thread and leaves the setting as it was, with equal results")
    func smallProductsKeepTheSetting() {
        let saved = BLAS.threads
        defer { BLAS.threads = saved }
        BLAS.threads = 2
        let a = NDArray.normal([64, 128], generator: RandomGenerator(seed: 1))
        let b = NDArray.normal([128, 512], generator: RandomGenerator(seed: 2))
        #expect(64 * 128 * 512 < BLAS.minimumParallelProduct)      // the LSTM step at H = 128 stays serial
        let twoThreadSetting = NDArray.matmul(a, b)
        #expect(BLAS.threads == 2)
        BLAS.threads = 1
        // OpenBLAS splits rows and columns between threads, never the sum over k: equal bit for bit.
        #expect(NDArray.matmul(a, b) == twoThreadSetting)
    }
}
