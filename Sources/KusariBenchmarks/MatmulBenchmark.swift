import Kusari

/// sgemm throughput at the W4 shapes: (64 × 512) · (512 × 4H), as in one LSTM gate product of the
/// scale benchmark, in GFLOP/s (2·m·n·k floating-point operations per product).
func matmulBenchmark(hidden: Int, threads: Int, repeats: Int) -> Measurement {
    let generator = RandomGenerator(seed: 0)
    let (m, k, n) = (64, 512, 4 * hidden)
    let a = NDArray.normal([m, k], generator: generator)
    let b = NDArray.normal([k, n], generator: generator)
    var sink = 0.0
    let times = measure(warmup: 5, repeats: repeats) {
        let c = NDArray.matmul(a, b)
        sink += Double(c.floatValues[0])
    }
    var result = Measurement(workload: "matmul", hidden: hidden, threads: threads, timings: times)
    let flops = 2.0 * Double(m * n * k)
    result.extra["gflops"] = flops / (result.median * 1e6)
    result.extra["m"] = Double(m)
    result.extra["k"] = Double(k)
    result.extra["n"] = Double(n)
    if sink.isNaN { result.extra["nan"] = 1 }
    return result
}

/// What a second thread gives perfectly parallel work on this machine at this moment, the ceiling for the
/// other workloads' scaling: every thread of Kusari's pool runs the same single-threaded 1024³ product at
/// once (one part each, its own output), so there is no serial part, no shared output and one barrier.
/// Reported per product (`median_ms` = the job's time / the number of products), so the 1 → 2 thread
/// ratio of two measurements is the scaling (2 when the second core adds a full core's throughput; a
/// shared VM gives less in its noisy phases). `hidden` is the matrix size.
func scalingCeilingBenchmark(threads: Int, repeats: Int) -> Measurement {
    let generator = RandomGenerator(seed: 0)
    let size = 1024
    let a = NDArray.normal([size, size], generator: generator).floatValues
    let b = NDArray.normal([size, size], generator: generator).floatValues
    let products = BLAS.threads
    var outputs = [Float](repeating: 0, count: products * size * size)
    let times = measure(warmup: 1, repeats: repeats) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                outputs.withUnsafeMutableBufferPointer { c in
                    WorkPool.run(parts: products) { part in
                        Float.gemm(transA: false, transB: false, m: size, n: size, k: size, alpha: 1,
                                   a: a.baseAddress!, lda: size, b: b.baseAddress!, ldb: size,
                                   beta: 0, c: c.baseAddress! + part * size * size, ldc: size)
                    }
                }
            }
        }
    }.scaled(by: 1 / Double(products))
    var result = Measurement(workload: "ceiling", hidden: size, threads: threads, timings: times)
    result.extra["gflops"] = 2.0 * Double(size * size * size) / (result.median * 1e6)
    if outputs[0].isNaN { result.extra["nan"] = 1 }
    return result
}

/// The fused LSTM cell alone at the W4 shapes (batch 64, H): one forward (`lstm(c, z)`) and one backward
/// pass through it, no matrix product: the elementwise part of a W4 time step.
func lstmBenchmark(hidden: Int, threads: Int, repeats: Int) -> Measurement {
    let generator = RandomGenerator(seed: 0)
    let c = Variable(NDArray.normal([64, hidden], generator: generator))
    let z = Variable(NDArray.normal([64, 4 * hidden], generator: generator))
    let gc = NDArray.normal([64, hidden], generator: generator)
    let gh = NDArray.normal([64, hidden], generator: generator)
    var sink = 0.0
    let times = measure(warmup: 10, repeats: repeats) {
        let (cNew, h) = lstm(c, z)
        cNew.grad = Variable(gc, requiresGrad: false)
        h.grad = Variable(gh, requiresGrad: false)
        h.backward()
        sink += Double(z.grad?.data.floatValues[0] ?? 0)
        c.clearGrad()
        z.clearGrad()
    }
    var result = Measurement(workload: "lstm", hidden: hidden, threads: threads, timings: times)
    if sink.isNaN { result.extra["nan"] = 1 }
    return result
}
