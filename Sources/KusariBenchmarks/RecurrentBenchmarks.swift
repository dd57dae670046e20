import Kusari

/// The recurrent workloads (w1–w4) of `Docs/Performance.md`.
func recurrentBenchmark(_ workload: Workload, threads: Int, hidden: [Int], repeats: Int?) throws -> [Measurement] {
    throw BenchmarkError.notYetAvailable(workload.rawValue)
}

enum BenchmarkError: Error, CustomStringConvertible {
    case notYetAvailable(String)
    var description: String {
        switch self { case let .notYetAvailable(name): "workload \(name) is not available yet" }
    }
}
