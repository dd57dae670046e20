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

/// One large square product, 2048³ multiply-adds, split over Kusari's pool (`BLAS.product`): nearly all of
/// it is gemm kernel, with no serial part and one barrier, so its scaling from one thread to two is what
/// the machine itself gives at that moment (a shared VM gives less in its noisy phases). Reported in
/// GFLOP/s; `hidden` is the matrix size.
func scalingCeilingBenchmark(threads: Int, repeats: Int) -> Measurement {
    let generator = RandomGenerator(seed: 0)
    let size = 2048
    let a = NDArray.normal([size, size], generator: generator)
    let b = NDArray.normal([size, size], generator: generator)
    var sink = 0.0
    let times = measure(warmup: 1, repeats: repeats) {
        let c = NDArray.matmul(a, b)
        sink += Double(c.floatValues[0])
    }
    var result = Measurement(workload: "ceiling", hidden: size, threads: threads, timings: times)
    result.extra["gflops"] = 2.0 * Double(size * size * size) / (result.median * 1e6)
    if sink.isNaN { result.extra["nan"] = 1 }
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
