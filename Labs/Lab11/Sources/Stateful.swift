// Lab 11: stateful vs stateless training with a parallel-streams batch layout. Fill in the TODOs
// (Steps 11.1-11.3), then run `make lab N=11`. Docs/Tutorials/stateful-rnn.md explains both layouts.
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
    // TODO (Step 11.1): L, the number of batches, then the formula above. Example: count 20, batchSize 2,
    // timesteps 3 → [[0, 10], [3, 13], [6, 16]].
    return []
}

/// Step 11.2: the windows starting at `starts` and the value after each: x `(B, timesteps, 1)` with
/// x[b, s, 0] = series[starts[b] + s], t `(B, 1)` with t[b, 0] = series[starts[b] + timesteps].
/// `series` is `(n, 1)`.
func makeBatch(_ series: NDArray, starts: [Int], timesteps: Int) -> (x: NDArray, t: NDArray) {
    // TODO (Step 11.2): read series.doubleValues; stop with ShapeCheck.require(…, "makeBatch: …") when a
    // window plus its target does not fit; gather the values and build the two float32 arrays with
    // NDArray(values, shape: …, dtype: .float32).
    return (NDArray.zeros([starts.count, timesteps, 1]), NDArray.zeros([starts.count, 1]))
}

/// Step 11.3: one epoch over the batches of `layout`, one `optimizer` update per batch, the loss the MSE
/// between the output after the window's last step and the target. Returns the mean batch loss.
/// - stateful: the state is reset once, at the start of the epoch, and carried from batch to batch (sample j
///   continues sample j); after each update the graph behind the loss is cut (`unchainBackward()`), so
///   the carried state is a plain value and backward never reaches into earlier batches.
/// - stateless: the state is reset before every batch.
func trainEpoch(_ model: TemperatureModel, on series: NDArray, layout: [[Int]], timesteps: Int,
                optimizer: Optimizer, stateful: Bool) throws -> Double {
    // TODO (Step 11.3): for each row of `layout`: makeBatch, then
    //     let loss = try optimizer.update { meanSquaredError(runWindow(x, through: model), t) }
    // (t = Variable(t, requiresGrad: false)); add up loss.data.scalar; loss.unchainBackward().
    // Where do the resetState() calls go for stateful, and for stateless?
    return 0
}
