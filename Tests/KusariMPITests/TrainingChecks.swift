import Foundation
import Kusari
import KusariDistributed

/// A small recurrent regressor: LSTM(2 → 6) over 4 steps, then Linear(6 → 1) on the last output.
final class TinyRecurrent: Chain {
    let lstm: LSTM
    let out: Linear
    static let steps = 4

    init(seed: UInt64) {
        let generator = RandomGenerator(seed: seed)
        lstm = LSTM(2, 6, generator: generator)
        out = Linear(6, 1, generator: generator)
    }

    /// The mean squared error on `batch` = [x₀, …, x₃ (each (B, 2)), t (B, 1)].
    func loss(_ batch: [NDArray]) -> Variable {
        lstm.resetState()
        var h = lstm(Variable(batch[0], requiresGrad: false))
        for s in 1..<Self.steps { h = lstm(Variable(batch[s], requiresGrad: false)) }
        return meanSquaredError(out(h), Variable(batch[Self.steps], requiresGrad: false))
    }
}

/// 48 sequences of 4 steps; the target is a smooth function of the inputs (seeded, the same on every rank).
func sequenceData(count: Int = 48) -> TupleDataset {
    let generator = RandomGenerator(seed: 42)
    let xs = (0..<TinyRecurrent.steps).map { _ in NDArray.normal([count, 2], generator: generator) }
    var t = [Float](repeating: 0, count: count)
    for s in 0..<TinyRecurrent.steps {
        let x = xs[s].floatValues
        for i in 0..<count { t[i] += sin(x[2 * i]) * 0.5 - 0.25 * x[2 * i + 1] }
    }
    return TupleDataset(xs + [NDArray(t, shape: [count, 1])])
}

/// The global batch of step k: 12 consecutive examples (wrapping), and this rank's part of it.
func globalBatch(_ k: Int, count: Int, size: Int = 12) -> [Int] { (0..<size).map { (k * size + $0) % count } }

/// Gradient averaging: identical parameters on every rank, and p ranks with batch 12/p train like one
/// process with batch 12 (the tolerance covers the reassociated float sums of the allreduce).
func trainingChecks(_ checks: inout CheckList) throws {
    let comm = checks.communicator
    let data = sequenceData()
    let steps = 8

    // Each rank starts from different weights: setup must broadcast rank 0's (seed 100).
    let model = TinyRecurrent(seed: 100 + UInt64(comm.rank))
    let multi = try MultiNodeOptimizer(wrapping: Adam(alpha: 0.01), communicator: comm)
    let optimizer = try multi.setup(model)
    checks.expect(try identicalOnEveryRank(flatParameters(model), comm), "setup broadcasts rank 0's parameters")
    optimizer.add(hook: GradientClipping(threshold: 10))
    for k in 0..<steps {
        let mine = shardIndices(order: globalBatch(k, count: data.count), rank: comm.rank, size: comm.size)
        try optimizer.update { model.loss(data.batch(at: mine)) }
    }
    checks.expect(try identicalOnEveryRank(flatParameters(model), comm),
                  "identical parameters on every rank after \(steps) Adam steps")
    checks.expect((multi.gradientAveraging?.buckets?.bucketCount ?? 0) == 1,
                  "gradients travel in one bucket", "\(multi.gradientAveraging?.buckets?.slots.count ?? 0) arrays")

    // The same training in one process, on the whole global batch, from rank 0's initial weights.
    let reference = TinyRecurrent(seed: 100)
    let single = Adam(alpha: 0.01).setup(reference)
    single.add(hook: GradientClipping(threshold: 10))
    for k in 0..<steps {
        try single.update { reference.loss(data.batch(at: globalBatch(k, count: data.count))) }
    }
    let difference = maxAbsDifference(flatParameters(model), flatParameters(reference))
    checks.expect(difference <= 1e-5, "\(comm.size) ranks × batch \(12 / comm.size) = 1 process × batch 12 (Adam, ≤ 1e-5)",
                  "max |Δθ| = \(difference)")
}

/// Parameter averaging: with plain SGD and k = 1 it equals gradient averaging; with k = 3 the ranks
/// drift apart between averagings and agree again after each.
func parameterAveragingChecks(_ checks: inout CheckList) throws {
    let comm = checks.communicator
    let data = sequenceData()

    let model = TinyRecurrent(seed: 7)
    let multi = try MultiNodeOptimizer(wrapping: SGD(lr: 0.1), communicator: comm, synchronization: .parameters(every: 1))
    let optimizer = try multi.setup(model)
    let reference = TinyRecurrent(seed: 7)
    let single = SGD(lr: 0.1).setup(reference)
    for k in 0..<4 {
        let mine = shardIndices(order: globalBatch(k, count: data.count), rank: comm.rank, size: comm.size)
        try optimizer.update { model.loss(data.batch(at: mine)) }
        try multi.averageParameters()
        try single.update { reference.loss(data.batch(at: globalBatch(k, count: data.count))) }
    }
    let difference = maxAbsDifference(flatParameters(model), flatParameters(reference))
    checks.expect(difference <= 1e-6, "SGD parameter averaging every step = gradient averaging (≤ 1e-6)",
                  "max |Δθ| = \(difference)")

    let drifting = TinyRecurrent(seed: 8)
    let every3 = try MultiNodeOptimizer(wrapping: Adam(alpha: 0.01), communicator: comm,
                                        synchronization: .parameters(every: 3))
    let adam = try every3.setup(drifting)
    var apartBeforeAveraging = false
    for k in 0..<6 {
        let mine = shardIndices(order: globalBatch(k, count: data.count), rank: comm.rank, size: comm.size)
        try adam.update { drifting.loss(data.batch(at: mine)) }
        if (k + 1) % 3 == 0 {
            apartBeforeAveraging = try !identicalOnEveryRank(flatParameters(drifting), comm)
            try every3.averageParameters()
        }
    }
    checks.expect(comm.size == 1 || apartBeforeAveraging, "ranks drift apart between parameter averagings")
    checks.expect(try identicalOnEveryRank(flatParameters(drifting), comm), "identical parameters after averaging every 3 steps")
}
