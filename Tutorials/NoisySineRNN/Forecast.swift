import Kusari
import TutorialSupport

// Step 4 — the closed-loop forecast of the blog:
//
//     in_ = x[:1]                                   # the first training window
//     for _ in range(180):
//         out_ = model.predict(in_)
//         in_ = concatenate(in_[1:], out_)          # drop the oldest point, append the prediction
//
// After 20 steps the window holds nothing but the model's own predictions: every error is fed back
// and can grow. That is why the blog's orange curve drifts away from the sine towards the end.

/// The model's predictions, one per step, each made from the previous `window.count` values, where
/// every prediction replaces the oldest value of the window (closed loop, no real data after the start).
///
/// ```swift
/// let predicted = closedLoopForecast(model, from: data.firstWindow, steps: 180)   // positions 20 … 199
/// ```
func closedLoopForecast(_ model: Model, from start: [Double], steps: Int) -> [Double] {
    var window = start
    var predictions: [Double] = []
    predictions.reserveCapacity(steps)
    usingConfig(train: false, enableBackprop: false) {     // inference: no graph is recorded
        for _ in 0..<steps {
            model.resetState()
            let input = NDArray(window, shape: [1, window.count, 1], dtype: .float32)
            let next = runWindow(input, through: model).data.scalar
            predictions.append(next)
            window.removeFirst()
            window.append(next)
        }
    }
    return predictions
}

/// The root-mean-square distance between the forecast and the clean sine at the same positions
/// (the forecast starts right after the first window, at position 20).
func forecastRMSE(_ predictions: [Double], data: NoisySineData) -> Double {
    let first = NoisySineData.windowLength
    let truth = data.clean.dropFirst(first)          // zip stops at the shorter of the two
    return rootMeanSquare(zip(predictions, truth).map { $0 - $1 })
}
