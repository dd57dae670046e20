import KusariCore

/// Lays one long series out as `batchSize` parallel streams and walks them in step, so sample `j` of
/// batch `k + 1` continues sample `j` of batch `k` for any batch size: the iterator for a stateful RNN
/// (experiment 3), after the parallel sequential iterator of Chainer's PTB example.
///
/// Each batch is `[x, t]`: for every stream, a window of ``timesteps`` consecutive inputs and the value
/// ``horizon`` steps after the window's last input. With `M = n − timesteps − horizon + 1` valid window
/// starts, each stream owns `S = ⌊M / batchSize⌋` consecutive starts (``streamLength``); stream `j` begins at
/// `j · S`, and batch `k` (counted within the epoch) takes for stream `j` the window starting at
///
///     start(j, k) = j · S + k · stride
///     x[j] = series[start ..< start + timesteps]      t[j] = series[start + timesteps + horizon − 1]
///
/// An epoch is one pass along the streams: ``batchesPerEpoch`` `= ⌊S / stride⌋` batches; the next epoch
/// starts again at `k = 0`. Example: `n = 40`, `batchSize = 3`, `timesteps = stride = 4`, `horizon = 1`, so
/// `M = 36`, `S = 12` and 3 batches per epoch; each `[k=…]` is one window of 4 points:
///
///     position:  0    4    8    12   16   20   24   28   32   36  39
///     stream 0:  [k=0][k=1][k=2]
///     stream 1:                 [k=0][k=1][k=2]
///     stream 2:                                [k=0][k=1][k=2]
///
///     batch 0: x = series[0..<4], series[12..<16], series[24..<28]   t = series[4], series[16], series[28]
///     batch 1: x = series[4..<8], series[16..<20], series[28..<32]   t = series[8], series[20], series[32]
///
/// With `stride == timesteps` each stream's windows tile it without gaps or overlap (window `k + 1` starts
/// right after window `k` ends), so carrying sample `j`'s final RNN state into sample `j` of the next batch
/// is exact continuation, and each point is an input at most once per epoch. With `stride == 1` every window start
/// of a stream is used once per epoch (a stateless setting: consecutive windows overlap, so do not carry
/// state). Reset the RNN state when ``isNewEpoch`` is true (and at the start).
///
/// Shapes: a series `(n)` gives `x` `(batchSize, timesteps)` and `t` `(batchSize)`; a series `(n, features)`
/// gives `(batchSize, timesteps, features)` and `(batchSize, features)`. There is no randomness.
///
/// **Every offset in one epoch (`everyOffset: true`).** With `stride == timesteps` a pass uses only the
/// window starts `j · S + k · stride`, one in `stride` of them. Keras' stateful set-up (batch size equal to
/// timesteps, stride-1 windows) trains on every window start each epoch; to match that amount of data for
/// any batch size, `everyOffset` makes an epoch `stride` passes, pass `p` shifted by `p` points:
///
///     start(j, k, p) = j · S + p + k · stride          p = 0 ..< stride
///
/// Continuation holds within a pass; reset the state when ``startsNewPass`` is true (before each pass).
/// An epoch then has `stride · ⌊S / stride⌋` batches, about as many as a serial iterator over all windows.
///
/// ```swift
/// let iterator = ParallelSequentialIterator(series.reshaped([-1, 1]), batchSize: 6, timesteps: 6)
/// for batch in iterator { … }   // repeats forever unless created with repeat: false
/// ```
public final class ParallelSequentialIterator: DatasetIterator {
    /// The series, time first.
    public let series: NDArray
    /// The number of parallel streams (samples per batch).
    public let batchSize: Int
    /// Inputs per window.
    public let timesteps: Int
    /// How far a stream's window moves from one batch to the next.
    public let stride: Int
    /// How far after the window's last input the target lies.
    public let horizon: Int
    /// Whether the iterator runs epoch after epoch or stops after one.
    public let repeats: Bool
    /// Window starts owned by each stream: `⌊(n − timesteps − horizon + 1) / batchSize⌋`.
    public let streamLength: Int
    /// Batches in one pass along the streams: `⌊streamLength / stride⌋`.
    public let batchesPerPass: Int
    /// Passes per epoch: `stride` with `everyOffset`, else 1.
    public let passesPerEpoch: Int
    /// Batches in one epoch: `passesPerEpoch · batchesPerPass`.
    public var batchesPerEpoch: Int { passesPerEpoch * batchesPerPass }

    public private(set) var iteration = 0

    /// An iterator over `series` (shape `(n)` or `(n, features)`); `stride` defaults to `timesteps`.
    public init(_ series: NDArray, batchSize: Int, timesteps: Int, stride: Int? = nil, horizon: Int = 1,
                everyOffset: Bool = false, repeat repeats: Bool = true) {
        require(series.ndim >= 1, "ParallelSequentialIterator: the series needs a time axis, got \(series.shape)")
        let step = stride ?? timesteps
        require(batchSize >= 1 && timesteps >= 1 && step >= 1 && horizon >= 1,
                     "ParallelSequentialIterator: batchSize, timesteps, stride and horizon must be at least 1")
        let starts = series.shape[0] - timesteps - horizon + 1
        self.series = series
        self.batchSize = batchSize
        self.timesteps = timesteps
        self.stride = step
        self.horizon = horizon
        self.repeats = repeats
        self.streamLength = Swift.max(0, starts) / batchSize
        self.batchesPerPass = streamLength / step
        self.passesPerEpoch = everyOffset ? step : 1
        require(batchesPerPass >= 1,
                     "ParallelSequentialIterator: a series of \(series.shape[0]) points is too short for "
                     + "\(batchSize) streams of windows of \(timesteps) moving by \(step)")
    }

    public var epoch: Int { iteration / batchesPerEpoch }
    public var epochDetail: Double { Double(iteration) / Double(batchesPerEpoch) }
    public var previousEpochDetail: Double? { iteration == 0 ? nil : Double(iteration - 1) / Double(batchesPerEpoch) }
    public var isNewEpoch: Bool { iteration > 0 && iteration % batchesPerEpoch == 0 }

    /// True when the next batch begins a pass (so a stateful model should reset its state first).
    public var startsNewPass: Bool { iteration % batchesPerPass == 0 }

    /// Where stream `stream`'s window starts in batch `batch` of an epoch:
    /// `stream · streamLength + pass + k · stride`, with `pass = batch / batchesPerPass` and
    /// `k = batch % batchesPerPass` (the pass is always 0 without `everyOffset`).
    public func windowStart(stream: Int, batch: Int) -> Int {
        require(stream >= 0 && stream < batchSize && batch >= 0 && batch < batchesPerEpoch,
                     "ParallelSequentialIterator: no stream \(stream) / batch \(batch)")
        return stream * streamLength + batch / batchesPerPass + (batch % batchesPerPass) * stride
    }

    /// The next batch `[x, t]`; nil after one epoch of a non-repeating iterator.
    public func next() -> [NDArray]? {
        if !repeats && iteration >= batchesPerEpoch { return nil }
        let k = iteration % batchesPerEpoch
        let starts = (0..<batchSize).map { windowStart(stream: $0, batch: k) }
        iteration += 1
        return [series.takeWindows(starts: starts, length: timesteps),
                series.takeRows(starts.map { $0 + timesteps + horizon - 1 })]
    }

    public func reset() { iteration = 0 }

    /// Saves or restores the position. Keys (all integers): `iteration`, and `count`, `batch_size`,
    /// `timesteps`, `stride`, `horizon`, `passes` to check the configuration.
    public func serialize(_ serializer: any StateSerializer) throws {
        try serializeConfiguration(serializer, ["count": series.shape[0], "batch_size": batchSize,
                                                "timesteps": timesteps, "stride": stride, "horizon": horizon,
                                                "passes": passesPerEpoch],
                                   iterator: "ParallelSequentialIterator")
        var iteration = self.iteration
        try serializer.serialize("iteration", &iteration)
        self.iteration = iteration
    }
}

extension ParallelSequentialIterator: Sequence, IteratorProtocol {}
