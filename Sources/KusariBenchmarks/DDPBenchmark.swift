import Foundation
import Kusari
import KusariDistributed

/// `kusari-bench ddp`: data-parallel training of the w4 model (LSTM(32 → H) over 50 steps, Linear(H → 1),
/// MSE, Adam) with the global batch of 64 split over 1 and 2 ranks, one BLAS thread per rank, side by
/// side with PyTorch DistributedDataParallel (gloo) on the same model (Docs/Distributed.md).
///
/// Started by hand, it is the driver: for each round it launches, one after the other,
/// `mpirun -np 1` and `-np 2` of itself and (if the venv exists) `scripts/pytorch_ddp.py` with 1 and 2
/// processes, so the four configurations see the same machine load; it prints every run's line and
/// then the medians over the rounds and the speed-ups. Started by `mpirun`, it is the worker: rank 0
/// prints one JSON line with the step time and the share of it spent averaging gradients.
/// Prints the JSON lines as they come.
func ddpBenchmark(hidden: [Int], repeats: Int?) throws {
    let underMPI = ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_SIZE"] != nil
    for h in hidden {
        if underMPI {
            if let line = try ddpWorker(hidden: h, repeats: repeats ?? 10) { print(line) }
        } else {
            print(try ddpDriver(hidden: h, repeats: repeats ?? 10))
        }
        fflush(nil)
    }
}

/// One rank of a data-parallel w4 run; rank 0 returns the JSON line.
private func ddpWorker(hidden: Int, repeats: Int) throws -> String? {
    let comm = try MPICommunicator()
    let generator = RandomGenerator(seed: 0)
    let (globalBatch, steps, input) = (64, 50, 32)
    let batch = globalBatch / comm.size
    let lstm = LSTM(input, hidden, generator: generator)
    let readout = Linear(hidden, 1, generator: generator)
    let model = Chain2(lstm, readout)
    let multi = try MultiNodeOptimizer(wrapping: Adam(), communicator: comm)
    let optimizer = try multi.setup(model)
    let data = RandomGenerator(seed: 1 + UInt64(comm.rank))
    let xs = (0..<steps).map { _ in Variable(NDArray.normal([batch, input], generator: data), requiresGrad: false) }
    let target = Variable(NDArray.normal([batch, 1], generator: data), requiresGrad: false)
    var stepMs: [Double] = []
    var allreduceMs: [Double] = []
    var cpuMs: [Double] = []   // CPU time of this rank's thread: steadier than wall time on a busy machine
    for i in 0..<(3 + repeats) {
        try comm.barrier()
        let before = multi.gradientAveraging?.seconds ?? 0
        let start = Date()
        let cpuStart = threadCPUNanoseconds()
        lstm.resetState()
        var h = lstm(xs[0])
        for x in xs.dropFirst() { h = lstm(x) }
        let loss = meanSquaredError(readout(h), target)
        model.clearGrads()
        loss.backward()
        loss.unchainBackward()
        try optimizer.update()
        if i >= 3 {
            stepMs.append(Date().timeIntervalSince(start) * 1000)
            cpuMs.append(Double(threadCPUNanoseconds() - cpuStart) / 1e6)
            allreduceMs.append(((multi.gradientAveraging?.seconds ?? 0) - before) * 1000)
        }
    }
    guard comm.isRoot else { return nil }
    let median = medianOf(stepMs)
    let fields: [String: Any] = [
        "framework": "kusari", "H": hidden, "ranks": comm.size, "median_ms": rounded(median),
        "min_ms": rounded(stepMs.min() ?? 0), "cpu_median_ms": rounded(medianOf(cpuMs)), "allreduce_median_ms": rounded(medianOf(allreduceMs)),
        "allreduce_share": rounded(medianOf(allreduceMs) / median), "parameters": model.parameterCount,
        "buckets": multi.gradientAveraging?.buckets?.bucketCount ?? 0,
    ]
    return jsonLine(fields)
}

/// Interleaved rounds of Kusari 1 and 2 ranks and PyTorch DDP 1 and 2 processes (each run's line is
/// printed as it finishes); returns the summary line: medians over the rounds and the speed-ups.
private func ddpDriver(hidden: Int, repeats: Int) throws -> String {
    let rounds = Int(ProcessInfo.processInfo.environment["KUSARI_DDP_ROUNDS"] ?? "") ?? 3
    let me = URL(filePath: CommandLine.arguments[0]).standardizedFileURL.path
    let python = ProcessInfo.processInfo.environment["KUSARI_PYTORCH_PYTHON"] ?? "/tmp/kusari-pytorch-venv/bin/python"
    let script = "scripts/pytorch_ddp.py"
    let withPyTorch = FileManager.default.isExecutableFile(atPath: python) && FileManager.default.fileExists(atPath: script)
    var results: [String: [Double]] = [:]
    var cpu: [String: [Double]] = [:]
    for _ in 1...rounds {
        for ranks in [1, 2] {
            // mpi_yield_when_idle: a rank waiting in the allreduce yields its core instead of spinning on it.
            let line = try runJSON("mpirun", ["--allow-run-as-root", "--oversubscribe", "--mca", "mpi_yield_when_idle", "1",
                                              "-np", "\(ranks)", me, "ddp",
                                              "--hidden", "\(hidden)", "--threads", "1", "--repeats", "\(repeats)"])
            collect(line, "kusari \(ranks)", into: &results, cpu: &cpu)
        }
        guard withPyTorch else { continue }
        for ranks in [1, 2] {
            let line = try runJSON(python, [script, "--world", "\(ranks)", "--hidden", "\(hidden)", "--repeats", "\(repeats)"])
            collect(line, "pytorch \(ranks)", into: &results, cpu: &cpu)
        }
    }
    var summary: [String: Any] = ["summary": "ddp", "H": hidden, "rounds": rounds, "repeats": repeats]
    for (key, values) in results { summary[key.replacingOccurrences(of: " ", with: "_") + "_median_ms"] = rounded(medianOf(values)) }
    for (key, values) in cpu { summary[key.replacingOccurrences(of: " ", with: "_") + "_cpu_median_ms"] = rounded(medianOf(values)) }
    if let one = cpu["kusari 1"], let two = cpu["kusari 2"] { summary["kusari_cpu_speedup"] = rounded(medianOf(one) / medianOf(two)) }
    if let one = cpu["pytorch 1"], let two = cpu["pytorch 2"] { summary["pytorch_cpu_speedup"] = rounded(medianOf(one) / medianOf(two)) }
    if let one = results["kusari 1"], let two = results["kusari 2"] { summary["kusari_speedup"] = rounded(medianOf(one) / medianOf(two)) }
    if let one = results["pytorch 1"], let two = results["pytorch 2"] { summary["pytorch_speedup"] = rounded(medianOf(one) / medianOf(two)) }
    if let k = results["kusari 2"], let p = results["pytorch 2"] { summary["pytorch_over_kusari_2_ranks"] = rounded(medianOf(p) / medianOf(k)) }
    if !withPyTorch { summary["pytorch"] = "not found: set KUSARI_PYTORCH_PYTHON or run scripts/compare-pytorch.sh once" }
    return jsonLine(summary)
}

private func collect(_ line: String, _ key: String, into results: inout [String: [Double]], cpu: inout [String: [Double]]) {
    print(line)   // progress while the rounds run
    fflush(nil)
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let median = object["median_ms"] as? Double else { return }
    results[key, default: []].append(median)
    if let cpuMedian = object["cpu_median_ms"] as? Double { cpu[key, default: []].append(cpuMedian) }
}

/// Runs a program (looked up on PATH) and returns the last line of its output that starts with `{`.
private func runJSON(_ program: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(filePath: "/usr/bin/env")
    process.arguments = [program] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_NUM_THREADS"] = "1"
    environment["OMP_NUM_THREADS"] = "1"
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let line = String(decoding: output, as: UTF8.self).split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
        throw DDPBenchmarkError("\(program) \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus))")
    }
    return String(line)
}

struct DDPBenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

private func medianOf(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

private func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

private func jsonLine(_ fields: [String: Any]) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
}
