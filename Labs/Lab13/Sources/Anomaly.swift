// Lab 13: anomaly detection on a simulated bearing. Fill in the TODOs (Steps 13.1-13.5), then run
// `make lab N=13`. Docs/Tutorials/bearing-anomaly-vae.md explains the windows (section 3), the
// LSTM-VAE's loss (section 3, "the four detectors") and thresholds and F1 (section 4).
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
    // TODO (Step 13.1): read run.doubleValues (row-major: sample i, channel c is element i·channels + c);
    // the count from the formula above; copy length·channels values per window; build the float64 array
    // with NDArray(values, shape: [count, length, channels], dtype: .float64).
    return NDArray.zeros([0, length, run.shape[1]], dtype: .float64)
}

/// Step 13.2: every window's channels scaled to [0, 1] on their own, v ↦ (v − min) / (max − min) with the
/// min and max of that channel in that window (a constant channel becomes 0). `(n, length, channels)` in and
/// out, float64. The shape of the motion stays; its size is gone.
func minMaxScaled(_ windows: NDArray) -> NDArray {
    // TODO (Step 13.2): for every window w and channel c: the min and max of v[(w·length + t)·channels + c]
    // over t, then (v − min) / (max − min), or 0 where max = min.
    return windows
}

/// Step 13.3 (a): the reparameterised sample z = μ + σ·ε with σ = exp(½·lnσ²), for a given noise `epsilon`
/// of the shape of `mean` (a constant: no gradient reaches it). ∂z/∂μ = 1, ∂z/∂lnσ² = ½·σ·ε.
func reparameterize(_ mean: Variable, _ lnVar: Variable, epsilon: NDArray) -> Variable {
    // TODO (Step 13.3): with Kusari's exp(_:) on Variables; ε enters as a constant Variable(…, requiresGrad: false).
    return mean
}

/// Step 13.3 (b): KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ (μ² + σ² − lnσ² − 1), summed over every element.
func klDivergence(_ mean: Variable, _ lnVar: Variable) -> Variable {
    // TODO (Step 13.3): the formula with Variables (mean * mean, exp(lnVar), …), then sum(_:) and ½.
    return Variable(NDArray(scalar: 0, dtype: mean.dtype))
}

/// Step 13.4 (a): each window's anomaly score: the mean squared error between the window and the model's
/// reconstruction, over its length × channels values. `windows` `(n, length, channels)`; no graph is built.
func reconstructionScores(_ model: LSTMAutoencoder, _ windows: NDArray) -> [Double] {
    // TODO (Step 13.4): noGrad { model(Variable(x, requiresGrad: false)) } with x = windows.astype(.float32);
    // then, per window, the mean of (x̂ − x)² over its length × channels values.
    return [Double](repeating: 0, count: windows.shape[0])
}

/// Step 13.4 (b): the q-quantile of `scores` with linear interpolation between the sorted values (NumPy's
/// default): position p = q·(n − 1) in the sorted scores s, value s[⌊p⌋] + (p − ⌊p⌋)·(s[⌊p⌋ + 1] − s[⌊p⌋]).
func quantile(_ scores: [Double], _ q: Double) -> Double {
    // TODO (Step 13.4): sort, then the formula above (check: the 0.5-quantile of 1, 2, 3, 4 is 2.5).
    return 0
}

/// Step 13.4 (c): F1 of the decisions "anomalous when score > threshold" against `labels` (true = anomalous):
/// precision P = TP / (TP + FP), recall R = TP / (TP + FN), F1 = 2PR / (P + R); 0 when TP = 0.
func f1Score(scores: [Double], labels: [Bool], threshold: Double) -> Double {
    // TODO (Step 13.4): count TP, FP, FN, then the formula above.
    return 0
}

/// Step 13.5: trains `model` to reconstruct the healthy `windows` `(n, length, channels)`: `epochs` passes
/// in shuffled batches of `batchSize` (a `SerialIterator` drawing from `generator`), Adam (α =
/// `learningRate`), loss `model.loss(x)` (the mean squared reconstruction error). Returns each epoch's mean
/// batch loss.
func trainAutoencoder(_ model: LSTMAutoencoder, on windows: NDArray, epochs: Int, batchSize: Int = 16,
                      learningRate: Double = 0.02, generator: RandomGenerator) throws -> [Double] {
    // TODO (Step 13.5): an Adam(alpha: learningRate) set up with the model; a TupleDataset([windows.astype(.float32)]);
    // every epoch a SerialIterator(dataset, batchSize: batchSize, repeat: false, shuffle: true, generator: generator)
    // and, per batch, `try optimizer.update { model.loss(Variable(batch[0], requiresGrad: false)) }`.
    return []
}
