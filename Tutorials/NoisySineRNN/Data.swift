import Foundation
import Kusari

// Step 1 — the data: two periods of a sine wave with a little noise, cut into windows.
//
// The blog builds the same thing with NumPy:
//
//     rawdata = sin(2πx/100) + uniform(−0.05, 0.05),   x = 0, 1, …, 199
//     input[i] = rawdata[i ..< i+20],  target[i] = rawdata[i+20]     (180 windows)
//     first 144 windows train, last 36 validate (train_test_split with shuffle=False)

/// The noisy sine series of the experiment and its training and validation windows.
///
/// ```swift
/// let data = NoisySineData(generator: RandomGenerator(seed: 0))
/// data.windows.shape            // [180, 20, 1]: (sample, time step, feature)
/// data.training.count           // 144
/// data.validation.count         // 36
/// ```
struct NoisySineData {
    /// Points per period of the sine.
    static let period = 100
    /// Points in the series: two periods.
    static let length = 200
    /// Half the width of the uniform noise: every point moves by at most this much.
    static let noiseAmplitude = 0.05
    /// Points in one input window.
    static let windowLength = 20
    /// Windows used for training; the remaining ones validate (80 % / 20 %, in order).
    static let trainingCount = 144

    /// Positions 0, 1, …, 199.
    let positions: [Double]
    /// `sin(2πx/100)` without noise: what a perfect model would predict.
    let clean: [Double]
    /// The series the model sees: `clean` plus uniform noise in [−0.05, 0.05].
    let noisy: [Double]
    /// Every window of 20 consecutive noisy points, `(180, 20, 1)`.
    let windows: NDArray
    /// The point right after each window, `(180, 1)`.
    let targets: NDArray
    /// The first 144 (window, target) pairs.
    let training: SubDataset<TupleDataset>
    /// The last 36 (window, target) pairs.
    let validation: SubDataset<TupleDataset>

    /// Generates the series, drawing the noise from `generator` (one draw per point, in order).
    init(generator: RandomGenerator) {
        let n = Self.length
        positions = (0..<n).map(Double.init)
        clean = positions.map { Foundation.sin(2 * Double.pi * $0 / Double(Self.period)) }
        let noise = NDArray.uniform([n], low: -Self.noiseAmplitude, high: Self.noiseAmplitude,
                                    dtype: .float64, generator: generator).doubleValues
        noisy = zip(clean, noise).map(+)

        // The series as (200, 1) — one feature per time step — gives windows (180, 20, 1) and
        // targets (180, 1), the shapes Keras' SimpleRNN and Dense(1) work with.
        let series = NDArray(noisy, shape: [n, 1], dtype: .float32)
        (windows, targets) = KusariData.windows(series, length: Self.windowLength)
        (training, validation) = splitDataset(TupleDataset(windows, targets), firstCount: Self.trainingCount)
    }

    /// Where in the series the target of window `i` sits: `i + 20`.
    static func targetPosition(ofWindow i: Int) -> Int { i + windowLength }

    /// The training targets with their positions in the series (20 … 163).
    var trainingTargets: (x: [Double], y: [Double]) { targetSlice(0..<Self.trainingCount) }

    /// The validation targets with their positions in the series (164 … 199).
    var validationTargets: (x: [Double], y: [Double]) { targetSlice(Self.trainingCount..<targets.shape[0]) }

    /// The first training window: the 20 noisy points the forecast starts from.
    var firstWindow: [Double] { Array(noisy[0..<Self.windowLength]) }

    private func targetSlice(_ windowsRange: Range<Int>) -> (x: [Double], y: [Double]) {
        let values = targets.doubleValues
        return (windowsRange.map { Double(Self.targetPosition(ofWindow: $0)) }, windowsRange.map { values[$0] })
    }
}
