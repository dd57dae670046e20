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
