// Lab 11 (solution): stateful vs stateless training with a parallel-streams batch layout.
import Kusari

/// Step 11.1: the parallel-streams layout. The positions `0 ..< count` are cut into `batchSize` streams of
/// `L = count / batchSize` positions (stream j starts at j·L; the last `count mod batchSize` are unused).
/// Batch k holds, for every stream j, the window starting at
///
///     start[k][j] = j·L + k·timesteps,     k = 0 ..< (L − 1) / timesteps
///
/// so sample j of batch k + 1 begins right after sample j of batch k ends, and every window's target
/// (the position after it) stays inside its stream. Returns `start`, one row per batch.
func streamLayout(count: Int, batchSize: Int, timesteps: Int) -> [[Int]] {
    let streamLength = count / batchSize
    let batches = (streamLength - 1) / timesteps
    return (0..<batches).map { k in (0..<batchSize).map { j in j * streamLength + k * timesteps } }
}

/// Step 11.2: the windows starting at `starts` and the value after each: x `(B, timesteps, 1)` with
/// x[b, s, 0] = series[starts[b] + s], t `(B, 1)` with t[b, 0] = series[starts[b] + timesteps].
/// `series` is `(n, 1)`.
func makeBatch(_ series: NDArray, starts: [Int], timesteps: Int) -> (x: NDArray, t: NDArray) {
    let values = series.doubleValues
    ShapeCheck.require(starts.allSatisfy { $0 >= 0 && $0 + timesteps < values.count },
                       "makeBatch: a window of \(timesteps) plus its target does not fit in \(values.count) points")
    let x = starts.flatMap { values[$0 ..< $0 + timesteps] }
    let t = starts.map { values[$0 + timesteps] }
    return (NDArray(x, shape: [starts.count, timesteps, 1], dtype: .float32),
            NDArray(t, shape: [starts.count, 1], dtype: .float32))
}

/// Step 11.3: one epoch over the batches of `layout`, one `optimizer` update per batch, the loss the MSE
/// between the output after the window's last step and the target. Returns the mean batch loss.
/// - stateful: the state is reset once, at the start of the epoch, and carried from batch to batch (sample j
///   continues sample j); after each update the graph behind the loss is cut (`unchainBackward()`), so
///   the carried state is a plain value and backward never reaches into earlier batches.
/// - stateless: the state is reset before every batch.
func trainEpoch(_ model: TemperatureModel, on series: NDArray, layout: [[Int]], timesteps: Int,
                optimizer: Optimizer, stateful: Bool) throws -> Double {
    model.resetState()
    var total = 0.0
    for starts in layout {
        if !stateful { model.resetState() }
        let (x, t) = makeBatch(series, starts: starts, timesteps: timesteps)
        let loss = try optimizer.update {
            meanSquaredError(runWindow(x, through: model), Variable(t, requiresGrad: false))
        }
        total += loss.data.scalar
        loss.unchainBackward()
    }
    return total / Double(layout.count)
}
