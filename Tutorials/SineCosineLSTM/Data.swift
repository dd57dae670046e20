import Foundation
import Kusari

/// Step 1 of the tutorial: the data. Two waves sampled at the same 200 instants,
///
///     t_k = 8π·k / 199,  k = 0 … 199          (NumPy's linspace(0, 8π, 200): four turns of cos t)
///     column 0 ("sin"):  0.8·sin(2·t_k)        (twice the frequency)
///     column 1 ("cos"):  0.8·cos(t_k)
///
/// stored as a `(200, 2)` Float array, time first. The first 150 points (k = 0 … 149) train the model,
/// the last 50 (k = 150 … 199) test it, without shuffling: the test set is the future of the training set.
struct SineCosineData {
    /// Points in the whole series.
    static let count = 200
    /// Points used for training (the first three quarters).
    static let trainCount = 150
    /// The column names, in order (used in metrics.json and the figures).
    static let columnNames = ["sin", "cos"]

    /// The whole series `(200, 2)`: row k is `[0.8·sin 2t_k, 0.8·cos t_k]`.
    let series: NDArray
    /// Rows 0 … 149, shape `(150, 2)`.
    let train: NDArray
    /// Rows 150 … 199, shape `(50, 2)`.
    let test: NDArray

    init() {
        let rows = (0..<Self.count).flatMap { Self.point(at: Double($0)) }
        series = NDArray(rows.map { Float($0) }, shape: [Self.count, 2])
        train = series[0..<Self.trainCount]
        test = series[Self.trainCount..<Self.count]
    }

    /// The time t of sample k: `8π·k / 199`. Also defined for k ≥ 200, to continue the waves past the data.
    static func time(at k: Double) -> Double { 8 * Double.pi * k / Double(count - 1) }

    /// `[0.8·sin 2t, 0.8·cos t]` at sample k (computed in Double; the series stores it as Float, like the
    /// blog's `astype(np.float32)`).
    static func point(at k: Double) -> [Double] {
        let t = time(at: k)
        return [0.8 * sin(2 * t), 0.8 * cos(t)]
    }

    /// Column `j` of `array` (shape `(n, 2)`) as Doubles, for plots and metrics.
    static func column(_ j: Int, of array: NDArray) -> [Double] {
        let values = array.doubleValues
        let width = array.shape[1]
        return stride(from: j, to: values.count, by: width).map { values[$0] }
    }
}
