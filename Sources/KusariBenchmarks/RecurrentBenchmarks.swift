import Foundation
import Kusari

/// The recurrent workloads of `Docs/Performance.md` (w1–w4), each one training step (or epoch) of a
/// model shaped like the experiment it stands for, timed after warm-up.
func recurrentBenchmark(_ workload: Workload, threads: Int, hidden: [Int], repeats: Int?) throws -> [Measurement] {
    switch workload {
    case .w4: return try hidden.map { try w4(hidden: $0, threads: threads, repeats: repeats ?? 20) }
    case .w2: return [try w2(threads: threads, repeats: repeats ?? 200)]
    case .w3: return [try w3(threads: threads, repeats: repeats ?? 2000)]
    case .w1: return [try w1(threads: threads, repeats: repeats ?? 20)]
    default: return []
    }
}

/// W4, the scale benchmark: LSTM(32 → H), batch 64, 50 steps, Linear(H → 1) on the last h, MSE against a
/// fixed random target, backward, Adam. 3 warm-up steps, median of `repeats`. Also reports the peak
/// resident memory and the GFLOP/s of the step (≈ 6·50·64·4H·(32 + H) multiply-adds × 2).
func w4(hidden: Int, threads: Int, repeats: Int) throws -> Measurement {
    let generator = RandomGenerator(seed: 0)
    let (batch, steps, input) = (64, 50, 32)
    let lstm = LSTM(input, hidden, generator: generator)
    let readout = Linear(hidden, 1, generator: generator)
    let model = Chain2(lstm, readout)
    let optimizer = Adam().setup(model)
    let xs = (0..<steps).map { _ in Variable(NDArray.normal([batch, input], generator: generator), requiresGrad: false) }
    let target = Variable(NDArray.normal([batch, 1], generator: generator), requiresGrad: false)
    let times = try measure(warmup: 3, repeats: repeats) {
        lstm.resetState()
        var h: Variable?
        for x in xs { h = lstm(x) }
        guard let h else { return }
        let loss = meanSquaredError(readout(h), target)
        model.clearGrads()
        loss.backward()
        loss.unchainBackward()
        try optimizer.update()
    }
    var result = Measurement(workload: "w4", hidden: hidden, threads: threads, timings: times)
    // Forward: x·Wxᵀ and h·Whᵀ per step; backward: two products per forward product.
    let flops = 3.0 * 2.0 * Double(steps * batch * 4 * hidden * (input + hidden))
    result.extra["gflops"] = flops / (result.median * 1e6)
    if threads == 1 { result.extra["gflops_cpu_min"] = flops / ((times.cpuMs.min() ?? .infinity) * 1e6) }
    result.extra["peak_rss_mb"] = peakResidentMegabytes()
    return result
}

/// W2: one iteration of the sine/cosine tutorial: Linear(2→100) → LSTM(100) → Linear(100→2), batch 10,
/// 10 teacher-forced steps, summed MSE, backward, Adam.
func w2(threads: Int, repeats: Int) throws -> Measurement {
    let generator = RandomGenerator(seed: 0)
    let input = Linear(2, 100, generator: generator)
    let lstm = LSTM(100, 100, generator: generator)
    let output = Linear(100, 2, generator: generator)
    let model = Chain3(input, lstm, output)
    let optimizer = Adam().setup(model)
    let xs = (0..<11).map { _ in NDArray.uniform([10, 2], low: -0.8, high: 0.8, generator: generator) }
    let times = try measure(warmup: 10, repeats: repeats) {
        lstm.resetState()
        var loss: Variable?
        for i in 0..<10 {
            let y = output(lstm(input(Variable(xs[i], requiresGrad: false))))
            let l = meanSquaredError(y, Variable(xs[i + 1], requiresGrad: false))
            loss = loss.map { $0 + l } ?? l
        }
        guard let loss else { return }
        model.clearGrads()
        loss.backward()
        loss.unchainBackward()
        try optimizer.update()
    }
    return Measurement(workload: "w2", hidden: 100, threads: threads, timings: times)
}

/// W3: one training step of the stateful-RNN tutorial: SimpleRNN(1→10) → Linear(10→10) + tanh →
/// Linear(10→1), batch 6, 6 steps, MSE, backward, RMSprop; the state is carried (detached) between steps.
func w3(threads: Int, repeats: Int) throws -> Measurement {
    let generator = RandomGenerator(seed: 0)
    let rnn = SimpleRNN(1, 10, generator: generator)
    let dense = Linear(10, 10, generator: generator)
    let output = Linear(10, 1, generator: generator)
    let model = Chain3(rnn, dense, output)
    let optimizer = RMSprop(lr: 1e-3, rho: 0.9, eps: 1e-7).setup(model)
    let window = NDArray.normal([6, 6, 1], generator: generator)
    let steps = (0..<6).map { window[0..., $0] }
    let target = Variable(NDArray.normal([6, 1], generator: generator), requiresGrad: false)
    let times = try measure(warmup: 50, repeats: repeats) {
        var h: Variable?
        for x in steps { h = rnn(Variable(x, requiresGrad: false)) }
        guard let h else { return }
        let loss = meanSquaredError(output(tanh(dense(h))), target)
        model.clearGrads()
        loss.backward()
        loss.unchainBackward()
        try optimizer.update()
    }
    return Measurement(workload: "w3", hidden: 10, threads: threads, timings: times)
}

/// W1: one epoch of the noisy-sine tutorial: SimpleRNN(1→20) → Linear(20→1) on 144 windows of 20,
/// batch 10 (15 batches, the last of 4), MSE, Adam(lr 0.01).
func w1(threads: Int, repeats: Int) throws -> Measurement {
    let generator = RandomGenerator(seed: 0)
    let rnn = SimpleRNN(1, 20, upwardInit: Normal(scale: 0.05), generator: generator)
    let output = Linear(20, 1, initialW: Normal(scale: 0.05), generator: generator)
    let model = Chain2(rnn, output)
    let optimizer = Adam(alpha: 0.01).setup(model)
    let series = (0..<164).map { Double.sin(2 * .pi * Double($0) / 100) }
    let x = NDArray((0..<144).flatMap { Array(series[$0..<($0 + 20)]) }, shape: [144, 20, 1], dtype: .float32)
    let t = NDArray((0..<144).map { series[$0 + 20] }, shape: [144, 1], dtype: .float32)
    let times = try measure(warmup: 3, repeats: repeats) {
        var start = 0
        while start < 144 {
            let end = min(start + 10, 144)
            rnn.resetState()
            var h: Variable?
            let batch = x[start..<end]
            for step in 0..<20 { h = rnn(Variable(batch[0..., step], requiresGrad: false)) }
            guard let h else { return }
            let loss = meanSquaredError(output(h), Variable(t[start..<end], requiresGrad: false))
            model.clearGrads()
            loss.backward()
            loss.unchainBackward()
            try optimizer.update()
            start = end
        }
    }
    return Measurement(workload: "w1", hidden: 20, threads: threads, timings: times)
}

/// A chain of two links, for benchmarks that drive the links themselves.
final class Chain2: Chain {
    let first: Link
    let second: Link
    init(_ first: Link, _ second: Link) {
        self.first = first
        self.second = second
    }
}

/// A chain of three links.
final class Chain3: Chain {
    let first: Link
    let second: Link
    let third: Link
    init(_ first: Link, _ second: Link, _ third: Link) {
        self.first = first
        self.second = second
        self.third = third
    }
}

/// The process' peak resident set size in MiB (VmHWM from /proc/self/status; 0 where unavailable).
func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
    return kilobytes / 1024
}

enum BenchmarkError: Error, CustomStringConvertible {
    case unavailable(String)
    var description: String {
        switch self { case let .unavailable(name): "workload \(name) is not available" }
    }
}
