// Lab 13 (solution): anomaly detection on a simulated bearing.
import Foundation
import Kusari

/// Step 13.1: windows of `length` samples starting every `stride` samples, from a run `(samples, channels)`:
/// window w holds samples w·stride ..< w·stride + length, and there are
///
///     count = (samples − length) / stride + 1      (integer division; 0 if samples < length)
///
/// of them (the last samples are dropped when the stride does not fit exactly). Returns a float64 array
/// `(count, length, channels)`.
func slidingWindows(_ run: NDArray, length: Int, stride: Int) -> NDArray {
    ShapeCheck.require(run.ndim == 2 && length >= 1 && stride >= 1,
                       "slidingWindows: run \(run.shape) must be (samples, channels); length \(length), stride \(stride) ≥ 1")
    let (samples, channels) = (run.shape[0], run.shape[1])
    let count = samples >= length ? (samples - length) / stride + 1 : 0
    let values = run.doubleValues
    var out: [Double] = []
    out.reserveCapacity(count * length * channels)
    for w in 0..<count {
        let first = w * stride * channels                      // row w·stride, row-major
        out += values[first..<(first + length * channels)]
    }
    return NDArray(out, shape: [count, length, channels], dtype: .float64)
}

/// Step 13.2: every window's channels scaled to [0, 1] on their own, v ↦ (v − min) / (max − min) with the
/// min and max of that channel in that window (a constant channel becomes 0). `(n, length, channels)` in and
/// out, float64. The shape of the motion stays; its size is gone.
func minMaxScaled(_ windows: NDArray) -> NDArray {
    ShapeCheck.require(windows.ndim == 3, "minMaxScaled: windows \(windows.shape) must be (n, length, channels)")
    let (n, length, channels) = (windows.shape[0], windows.shape[1], windows.shape[2])
    var v = windows.doubleValues
    for w in 0..<n {
        for c in 0..<channels {
            let indices = (0..<length).map { (w * length + $0) * channels + c }
            let lo = indices.map { v[$0] }.min() ?? 0, hi = indices.map { v[$0] }.max() ?? 0
            let range = hi > lo ? hi - lo : 1
            for k in indices { v[k] = (v[k] - lo) / range }
        }
    }
    return NDArray(v, shape: windows.shape, dtype: .float64)
}

/// Step 13.3 (a): the reparameterised sample z = μ + σ·ε with σ = exp(½·lnσ²), for a given noise `epsilon`
/// of the shape of `mean` (a constant: no gradient reaches it). ∂z/∂μ = 1, ∂z/∂lnσ² = ½·σ·ε.
func reparameterize(_ mean: Variable, _ lnVar: Variable, epsilon: NDArray) -> Variable {
    mean + exp(0.5 * lnVar) * Variable(epsilon.astype(mean.dtype), requiresGrad: false)
}

/// Step 13.3 (b): KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ (μ² + σ² − lnσ² − 1), summed over every element.
func klDivergence(_ mean: Variable, _ lnVar: Variable) -> Variable {
    0.5 * sum(mean * mean + exp(lnVar) - lnVar - 1)
}

/// Step 13.4 (a): each window's anomaly score: the mean squared error between the window and the model's
/// reconstruction, over its length × channels values. `windows` `(n, length, channels)`; no graph is built.
func reconstructionScores(_ model: LSTMAutoencoder, _ windows: NDArray) -> [Double] {
    let x = windows.astype(.float32)
    let reconstruction = noGrad { model(Variable(x, requiresGrad: false)) }.data
    let perWindow = windows.shape[1] * windows.shape[2]
    let errors = ((reconstruction - x) * (reconstruction - x)).doubleValues
    return (0..<windows.shape[0]).map { w in
        errors[(w * perWindow)..<((w + 1) * perWindow)].reduce(0, +) / Double(perWindow)
    }
}

/// Step 13.4 (b): the q-quantile of `scores` with linear interpolation between the sorted values (NumPy's
/// default): position p = q·(n − 1) in the sorted scores s, value s[⌊p⌋] + (p − ⌊p⌋)·(s[⌊p⌋ + 1] − s[⌊p⌋]).
func quantile(_ scores: [Double], _ q: Double) -> Double {
    ShapeCheck.require(!scores.isEmpty && q >= 0 && q <= 1, "quantile: needs scores and q in [0, 1], got q = \(q)")
    let sorted = scores.sorted()
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down)), upper = Swift.min(lower + 1, sorted.count - 1)
    return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
}

/// Step 13.4 (c): F1 of the decisions "anomalous when score > threshold" against `labels` (true = anomalous):
/// precision P = TP / (TP + FP), recall R = TP / (TP + FN), F1 = 2PR / (P + R); 0 when TP = 0.
func f1Score(scores: [Double], labels: [Bool], threshold: Double) -> Double {
    var (tp, fp, fn) = (0, 0, 0)
    for (score, anomalous) in zip(scores, labels) {
        if score > threshold { if anomalous { tp += 1 } else { fp += 1 } } else if anomalous { fn += 1 }
    }
    guard tp > 0 else { return 0 }
    let precision = Double(tp) / Double(tp + fp), recall = Double(tp) / Double(tp + fn)
    return 2 * precision * recall / (precision + recall)
}

/// Step 13.5: trains `model` to reconstruct the healthy `windows` `(n, length, channels)`: `epochs` passes
/// in shuffled batches of `batchSize` (a `SerialIterator` drawing from `generator`), Adam (α =
/// `learningRate`), loss `model.loss(x)` (the mean squared reconstruction error). Returns each epoch's mean
/// batch loss.
func trainAutoencoder(_ model: LSTMAutoencoder, on windows: NDArray, epochs: Int, batchSize: Int = 16,
                      learningRate: Double = 0.02, generator: RandomGenerator) throws -> [Double] {
    let optimizer = Adam(alpha: learningRate).setup(model)
    let dataset = TupleDataset([windows.astype(.float32)])
    var epochLosses: [Double] = []
    for _ in 0..<epochs {
        let batches = SerialIterator(dataset, batchSize: batchSize, repeat: false, shuffle: true, generator: generator)
        var losses: [Double] = []
        while let batch = batches.next() {
            let loss = try optimizer.update { model.loss(Variable(batch[0], requiresGrad: false)) }
            losses.append(loss.data.scalar)
        }
        epochLosses.append(losses.reduce(0, +) / Double(Swift.max(losses.count, 1)))
    }
    return epochLosses
}
