import KusariCore

/// Cuts a series into overlapping input windows and the value each window should predict.
///
/// The first axis of `series` is time: a 1-D series has shape `(n)`, a multivariate one `(n, features)`.
/// With `m = n − length − horizon + 1` windows, window `i` (for `i` in `0..<m`) is
///
///     x[i] = series[i ..< i + length]          (the inputs)
///     t[i] = series[i + length + horizon − 1]  (the target: `horizon` steps after the last input)
///
/// so `x` has shape `(m, length)` for a 1-D series and `(m, length, features)` otherwise, and `t` has shape
/// `(m)` or `(m, features)`: exactly what slicing the series with NumPy gives. The dtype is the series'.
///
/// A small example, `series = [10, 11, 12, 13, 14, 15]` (n = 6), `length: 3`:
///
///     horizon 1 (the next point), m = 3:      horizon 2, m = 2:
///     x[0] = [10, 11, 12]   t[0] = 13         x[0] = [10, 11, 12]   t[0] = 14
///     x[1] = [11, 12, 13]   t[1] = 14         x[1] = [11, 12, 13]   t[1] = 15
///     x[2] = [12, 13, 14]   t[2] = 15
///
/// Experiment 1 (noisy sine): 200 points, `length: 20`, `horizon: 1` → 180 windows, `x` `(180, 20)`,
/// `t` `(180)`. An RNN that wants `(batch, time, 1)` inputs and `(batch, 1)` targets (to match a
/// `Linear(…, 1)` output, so the loss does not broadcast) should get the series as `(n, 1)`:
///
/// ```swift
/// let (x, t) = windows(series.reshaped([200, 1]), length: 20)   // x: (180, 20, 1), t: (180, 1)
/// let (train, validation) = splitDataset(TupleDataset(x, t), firstCount: 144)
/// ```
///
/// - Precondition: `length >= 1`, `horizon >= 1` and the series has at least `length + horizon` points.
public func windows(_ series: NDArray, length: Int, horizon: Int = 1) -> (x: NDArray, t: NDArray) {
    require(series.ndim >= 1, "windows: the series needs a time axis, got shape \(series.shape)")
    require(length >= 1 && horizon >= 1, "windows: length \(length) and horizon \(horizon) must be ≥ 1")
    let n = series.shape[0]
    let m = n - length - horizon + 1
    require(m >= 1, "windows: a series of \(n) points is too short for windows of \(length) "
                 + "with horizon \(horizon) (needs at least \(length + horizon) points)")
    let x = series.takeWindows(starts: Array(0..<m), length: length)
    let t = series.takeRows(Array((length + horizon - 1)..<(length + horizon - 1 + m)))
    return (x, t)
}
