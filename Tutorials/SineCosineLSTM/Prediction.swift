import Kusari
import TutorialSupport

/// A free-running forecast: what the model predicts, step after step, from a start point of the series.
struct Forecast {
    /// Index in the series of the first input.
    let start: Int
    /// Steps that got the true input before the model ran on its own predictions.
    let warmUp: Int
    /// `(steps, 2)`: row i is the prediction of the point at index `start + i + 1`.
    let predictions: NDArray

    /// The series index each prediction is for: `start + 1 … start + steps`.
    var indices: [Int] { (0..<predictions.shape[0]).map { start + 1 + $0 } }
}

/// Step 5 of the tutorial: prediction beyond the data (the blog's `pred`). From a reset state, the model
/// is fed the true points `series[start] … series[start + warmUp − 1]`, then its own previous prediction,
/// for `steps` steps in all; it can run on past the end of the series, where no true point exists.
///
///     input:   x[s]   x[s+1] … x[s+w−1]   ŷ[s+w]   ŷ[s+w+1] …
///     output:  ŷ[s+1] ŷ[s+2] … ŷ[s+w]     ŷ[s+w+1] ŷ[s+w+2] …
func forecast(_ model: any Layer, series: NDArray, start: Int, warmUp: Int, steps: Int) -> Forecast {
    require(warmUp >= 1 && start >= 0 && start + warmUp <= series.shape[0],
                 "forecast: the warm-up needs the true points \(start)..<\(start + warmUp), "
                 + "but the series has \(series.shape[0])")
    var outputs: [NDArray] = []
    usingConfig(train: false, enableBackprop: false) {
        model.resetState()
        var previous: Variable?
        for i in 0..<steps {
            let truth = i < warmUp ? Variable(series[(start + i)..<(start + i + 1)], requiresGrad: false) : nil
            guard let input = truth ?? previous else { break }
            let y = model(input)
            outputs.append(y.data)
            previous = y
        }
    }
    let rows = outputs.flatMap(\.doubleValues)
    let predictions = NDArray(rows, shape: [outputs.count, 2], dtype: .float32)
    return Forecast(start: start, warmUp: warmUp, predictions: predictions)
}

/// RMSE of the free-running part of `forecast` (the steps after the warm-up) against the waves, split at
/// the end of the data: `within` compares with the series, `beyond` with the formula continued past it.
func forecastRMSE(_ forecast: Forecast) -> (within: Double, beyond: Double) {
    var within: [Double] = [], beyond: [Double] = []
    let values = forecast.predictions.doubleValues
    for (i, index) in forecast.indices.enumerated() where i >= forecast.warmUp {
        let truth = SineCosineData.point(at: Double(index))
        let errors = (0..<2).map { values[2 * i + $0] - truth[$0] }
        if index < SineCosineData.count { within += errors } else { beyond += errors }
    }
    return (rootMeanSquare(within), rootMeanSquare(beyond))
}
