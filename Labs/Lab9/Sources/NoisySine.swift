// Lab 9: the data, given (nothing to do here). The noisy-sine tutorial's task
// (Docs/Tutorials/noisy-sine-rnn.md), made smaller so that a debug build trains it in seconds.
import Foundation
import Kusari

/// Windows of a noisy sine and the point that follows each one:
///
///     series[k] = sin(2πk/100) + u,  u ~ U(−0.05, 0.05),  k = 0 … 199
///     window i = series[i ..< i+length],  target i = series[i+length]
///
/// `windows` is `(200 − length, length, 1)` (sample, time step, feature), `targets` `(200 − length, 1)`.
struct NoisySine {
    /// Every window, `(count, length, 1)`.
    let windows: NDArray
    /// The point after each window, `(count, 1)`.
    let targets: NDArray

    /// The series with its noise drawn from `generator` (one draw per point, in order).
    init(length: Int = 10, generator: RandomGenerator) {
        let noise = NDArray.uniform([200], low: -0.05, high: 0.05, dtype: .float64, generator: generator).doubleValues
        let series = (0..<200).map { Foundation.sin(2 * Double.pi * Double($0) / 100) + noise[$0] }
        (windows, targets) = KusariData.windows(NDArray(series, shape: [200, 1], dtype: .float32), length: length)
    }
}
