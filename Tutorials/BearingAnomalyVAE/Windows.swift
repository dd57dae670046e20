import Kusari

// Cutting a run of (x, y, z) samples into windows, and the per-window scaling of the Part 2 models.

/// Windows of `length` samples starting every `stride` samples: `(n, length, 3)` from a `(samples, 3)` run.
func windows(of run: NDArray, length: Int, stride: Int) -> NDArray {
    let samples = run.shape[0], channels = run.shape[1]
    let count = samples >= length ? (samples - length) / stride + 1 : 0
    let values = run.doubleValues
    var out = [Double]()
    out.reserveCapacity(count * length * channels)
    for w in 0..<count {
        let start = w * stride * channels
        out += values[start..<(start + length * channels)]
    }
    return NDArray(out, shape: [count, length, channels], dtype: .float64)
}

/// Each window's channels scaled to [0, 1] on their own: (v − min) / (max − min) over the window. The
/// shape of the motion remains; its size is gone (that is what the amplitude score looks at).
func minMaxScaled(_ w: NDArray) -> NDArray {
    let (n, length, channels) = (w.shape[0], w.shape[1], w.shape[2])
    var v = w.doubleValues
    for i in 0..<n {
        for c in 0..<channels {
            let indices = (0..<length).map { (i * length + $0) * channels + c }
            let lo = indices.map { v[$0] }.min() ?? 0, hi = indices.map { v[$0] }.max() ?? 1
            let range = Swift.max(hi - lo, 1e-12)
            for k in indices { v[k] = (v[k] - lo) / range }
        }
    }
    return NDArray(v, shape: w.shape, dtype: .float64)
}

/// The raw-amplitude score: the standard deviation of each unscaled window's values, `[n]`.
func amplitudeScores(_ w: NDArray) -> [Double] {
    let per = w.shape[1] * w.shape[2]
    let v = w.doubleValues
    return (0..<w.shape[0]).map { i in
        let slice = v[(i * per)..<((i + 1) * per)]
        let mean = slice.reduce(0, +) / Double(per)
        return (slice.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(per)).squareRoot()
    }
}

/// `(n, length, channels)` windows as `(n, length·channels)` rows, for PCA.
func flattened(_ w: NDArray) -> NDArray { w.reshaped([w.shape[0], -1]) }
