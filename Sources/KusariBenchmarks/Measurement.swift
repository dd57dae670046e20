import Foundation

/// One benchmark result: timings in milliseconds plus workload-specific fields, printed as a JSON line.
struct Measurement {
    let workload: String
    let hidden: Int
    let threads: Int
    let timesMs: [Double]
    var extra: [String: Double] = [:]

    var median: Double {
        let s = timesMs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    var json: String {
        var fields: [String: Any] = [
            "workload": workload, "H": hidden, "threads": threads,
            "median_ms": round3(median), "min_ms": round3(timesMs.min() ?? 0), "max_ms": round3(timesMs.max() ?? 0),
            "repeats": timesMs.count,
        ]
        for (k, v) in extra { fields[k] = round3(v) }
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}

/// Milliseconds taken by `body`.
func timeMs(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

/// Runs `body` `warmup` times untimed, then `repeats` times timed.
func measure(warmup: Int, repeats: Int, _ body: () throws -> Void) rethrows -> [Double] {
    for _ in 0..<warmup { try body() }
    return try (0..<repeats).map { _ in try timeMs(body) }
}
