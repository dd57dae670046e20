import Foundation

/// One benchmark result: timings in milliseconds plus workload-specific fields, printed as a JSON line.
///
/// Each repetition records wall-clock time (`*_ms`) and the CPU time of the calling thread (`cpu_*_ms`).
/// On a shared machine the thread's CPU time is the steadier number for one-thread runs: time spent
/// waiting for a core does not count. It leaves out other threads on purpose: OpenBLAS' idle workers
/// busy-wait (sched_yield) for a while after use, which would inflate the process' CPU time. With
/// `--threads 2` it misses the BLAS worker's share: read the wall-clock numbers then.
struct Measurement {
    let workload: String
    let hidden: Int
    let threads: Int
    let timesMs: [Double]
    var cpuTimesMs: [Double] = []
    var extra: [String: Double] = [:]

    init(workload: String, hidden: Int, threads: Int, timings: Timings) {
        self.workload = workload
        self.hidden = hidden
        self.threads = threads
        self.timesMs = timings.wallMs
        self.cpuTimesMs = timings.cpuMs
    }

    var median: Double { Self.median(timesMs) }

    var json: String {
        var fields: [String: Any] = [
            "workload": workload, "H": hidden, "threads": threads,
            "median_ms": round3(median), "min_ms": round3(timesMs.min() ?? 0), "max_ms": round3(timesMs.max() ?? 0),
            "repeats": timesMs.count,
        ]
        if !cpuTimesMs.isEmpty {
            fields["cpu_median_ms"] = round3(Self.median(cpuTimesMs))
            fields["cpu_min_ms"] = round3(cpuTimesMs.min() ?? 0)
        }
        for (k, v) in extra { fields[k] = round3(v) }
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    private func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}

/// Wall-clock and thread CPU times of the timed repetitions, in milliseconds.
struct Timings {
    var wallMs: [Double] = []
    var cpuMs: [Double] = []

    /// Every time multiplied by `factor` (e.g. per item of a repetition that does several).
    func scaled(by factor: Double) -> Timings {
        Timings(wallMs: wallMs.map { $0 * factor }, cpuMs: cpuMs.map { $0 * factor })
    }
}

/// The CPU time consumed so far by the calling thread, in nanoseconds.
func threadCPUNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Runs `body` `warmup` times untimed, then `repeats` times timed (wall clock and thread CPU time).
func measure(warmup: Int, repeats: Int, _ body: () throws -> Void) rethrows -> Timings {
    for _ in 0..<warmup { try body() }
    var timings = Timings()
    for _ in 0..<repeats {
        let wall = DispatchTime.now().uptimeNanoseconds
        let cpu = threadCPUNanoseconds()
        try body()
        timings.cpuMs.append(Double(threadCPUNanoseconds() - cpu) / 1e6)
        timings.wallMs.append(Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e6)
    }
    return timings
}
