import ArgumentParser
import CBLAS
import Foundation
import Kusari

/// `kusari-bench`: Kusari's performance measurements, one JSON line per measurement.
///
///     swift run -c release kusari-bench matmul --threads 1
///     swift run -c release kusari-bench w4 --hidden 128 512 --threads 1
@main
struct KusariBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kusari-bench",
        abstract: "Measure Kusari on the reference workloads; prints one JSON line per measurement.")

    @Argument(help: "Workload: \(Workload.allCases.map(\.rawValue).joined(separator: ", ")).")
    var workload: Workload

    @Option(help: "Threads (BLAS.threads: Kusari's pool, for split products and parallel loops).")
    var threads: Int = 1

    @Option(parsing: .upToNextOption, help: "Hidden sizes for w4 and matmul.")
    var hidden: [Int] = [128, 512]

    @Option(help: "Timed repetitions (median reported); defaults per workload.")
    var repeats: Int?

    @Flag(help: "Leave glibc's malloc at its defaults instead of calling Memory.reuseLargeBuffers().")
    var defaultMalloc = false

    @Option(help: "BLAS.minimumParallelProduct: products with fewer multiply-adds run whole on one thread.")
    var minParallelProduct: Int?

    @Option(help: "BLAS.idleSpinMicroseconds: how long an idle pool thread spins before it sleeps (default 200).")
    var spinMicroseconds: Int?

    @Flag(help: "Run SequenceLSTM on Kusari's own loops, not oneDNN (Config.useOneDNN = false; w4seq, w5).")
    var noOneDNN = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard hidden.allSatisfy({ $0 > 0 }) else { throw ValidationError("--hidden sizes must be positive") }
        if let repeats, repeats < 1 { throw ValidationError("--repeats must be at least 1") }
        if let minParallelProduct, minParallelProduct < 0 {
            throw ValidationError("--min-parallel-product must be 0 or more, got \(minParallelProduct)")
        }
        if let spinMicroseconds, !(0...1_000_000).contains(spinMicroseconds) {
            throw ValidationError("--spin-microseconds must be in 0...1000000, got \(spinMicroseconds)")
        }
    }

    func run() throws {
        BLAS.threads = threads
        if !defaultMalloc { Memory.reuseLargeBuffers() }
        if let minParallelProduct { BLAS.minimumParallelProduct = minParallelProduct }
        if let spinMicroseconds { BLAS.idleSpinMicroseconds = spinMicroseconds }
        if workload == .ddp { return try ddpBenchmark(hidden: hidden, repeats: repeats) }  // DDPBenchmark.swift
        let workloads = workload == .all ? Workload.allCases.filter { $0 != .all && $0 != .ddp } : [workload]
        try Config.$useOneDNN.withValue(!noOneDNN) {
            for w in workloads {
                for var line in try w.measure(threads: threads, hidden: hidden, repeats: repeats) {
                    if w == .w4seq { line.extra["onednn"] = noOneDNN ? 0 : 1 }
                    print(line.json)
                    fflush(nil)
                }
            }
        }
    }
}

/// The workloads of `Docs/Performance.md`.
enum Workload: String, CaseIterable, ExpressibleByArgument {
    case matmul, lstm, w1, w2, w3, w4, all
    /// Sequence-level workloads (issue 11): w4 through SequenceLSTM, and one epoch of the ICU model.
    case w4seq, w5
    /// One epoch of the bearing lab's LSTM-VAE (issue 12).
    case w6
    case ddp  // data-parallel w4 under mpirun, beside PyTorch DDP (DDPBenchmark.swift; not part of `all`)
    /// The same single-threaded 1024³ product on every thread at once: how much a second thread gives
    /// perfectly parallel work at this moment, the ceiling for the other workloads' scaling (not in `all`).
    case ceiling

    func measure(threads: Int, hidden: [Int], repeats: Int?) throws -> [Measurement] {
        switch self {
        case .matmul: return hidden.map { matmulBenchmark(hidden: $0, threads: threads, repeats: repeats ?? 50) }
        case .lstm: return hidden.map { lstmBenchmark(hidden: $0, threads: threads, repeats: repeats ?? 200) }
        case .w1, .w2, .w3, .w4:
            return try recurrentBenchmark(self, threads: threads, hidden: hidden, repeats: repeats)
        case .w4seq: return try hidden.map { try w4Sequence(hidden: $0, threads: threads, repeats: repeats ?? 20) }
        case .w5: return [try w5Epoch(threads: threads, repeats: repeats ?? 3)]
        case .w6: return [try lstmVAEEpoch(threads: threads, repeats: repeats ?? 5)]       // the bearing lab's LSTM-VAE
        case .ceiling: return [scalingCeilingBenchmark(threads: threads, repeats: repeats ?? 20)]
        case .all, .ddp: return []
        }
    }
}
