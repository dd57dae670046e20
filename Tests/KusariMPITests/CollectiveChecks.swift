import Foundation
import Kusari
import KusariDistributed

/// Allreduce (sum, mean; Float, Double; small and large), broadcast, gather, barrier, evaluator mean.
func collectiveChecks(_ checks: inout CheckList) throws {
    let comm = checks.communicator
    let (r, p) = (Double(comm.rank), Double(comm.size))
    let ranksSum = p * (p + 1) / 2   // Σ (r + 1) over the ranks

    for dtype in [DType.float32, .float64] {
        var a = NDArray((0..<7).map { Double($0) * (r + 1) }, shape: [7], dtype: dtype)
        try comm.allreduceSum(&a)
        let expected = (0..<7).map { Double($0) * ranksSum }
        checks.expect(a.doubleValues == expected && a.dtype == dtype, "allreduce sum \(dtype)",
                      "\(a.doubleValues) vs \(expected)")

        var m = NDArray([r + 1, -2 * (r + 1)], shape: [2], dtype: dtype)
        try comm.allreduceMean(&m)
        let mean = ranksSum / p
        checks.expect(maxAbsDifference(m.doubleValues, [mean, -2 * mean]) < 1e-6, "allreduce mean \(dtype)",
                      "\(m.doubleValues) vs \([mean, -2 * mean])")
    }

    // A million floats: the size of a mid-sized model's gradient, several MPI segments.
    let n = 1_000_000
    var big = NDArray([Float](repeating: Float(comm.rank + 1), count: n), shape: [1000, 1000])
    try comm.allreduceSum(&big)
    checks.expect(big.floatValues.allSatisfy { $0 == Float(ranksSum) } && big.shape == [1000, 1000],
                  "allreduce sum of 10⁶ floats", "every element \(ranksSum)")

    let root = comm.size - 1
    var b = NDArray([r, r * 10, -r], shape: [3], dtype: .float64)
    try comm.broadcast(&b, root: root)
    checks.expect(b.doubleValues == [Double(root), Double(root) * 10, -Double(root)], "broadcast from rank \(root)",
                  "\(b.doubleValues)")

    let gathered = try comm.gather(r * 10 + 1, root: 0)
    let expectedGather = comm.rank == 0 ? (0..<comm.size).map { Double($0) * 10 + 1 } : []
    checks.expect(gathered == expectedGather, "gather of scalars to rank 0", "\(gathered)")
    checks.expect(try comm.allgather(r) == (0..<comm.size).map(Double.init), "allgather of scalars")

    try comm.barrier()
    checks.expect(true, "barrier returns on every rank")

    do {
        var bad = NDArray([1.0], dtype: .float64)
        try comm.broadcast(&bad, root: comm.size)
        checks.expect(false, "broadcast from a rank that does not exist throws")
    } catch let error as CommunicatorError {
        checks.expect(error == .badRoot(root: comm.size, size: comm.size),
                      "broadcast from a rank that does not exist throws", "\(error)")
    }

    // Rank r evaluates batches whose loss is r and r + 2: the multi-node mean is (p − 1)/2 + 1.
    let data = TupleDataset(NDArray([r, r + 2], shape: [2, 1], dtype: .float64))
    let evaluator = Evaluator(iterator: SerialIterator(data, batchSize: 1, repeat: false, shuffle: false)) { batch in
        ["main/loss": batch[0].scalar]
    }
    let averaged = try MultiNodeEvaluator(evaluator, communicator: comm).run()
    let expectedLoss = (p - 1) / 2 + 1
    checks.expect(abs((averaged["main/loss"] ?? .nan) - expectedLoss) < 1e-12, "multi-node evaluator mean",
                  "\(averaged) vs \(expectedLoss)")
}
