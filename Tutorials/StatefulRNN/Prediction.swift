// Step 4 of the tutorial: the trained models at work, each used the way it was trained. Every prediction
// is one hour ahead, from the 6 measured hours before it; values come back in the series' unit (°F, °C).
import Kusari
import TutorialSupport

/// The stateless way: each hour predicted from the 6 hours before it, starting from a zero state. All
/// the windows go through together as one batch.
func predictFromZeroState(_ model: Model, _ data: PreparedSeries, hours: Range<Int>) -> [Double] {
    require(hours.lowerBound >= data.timesteps && hours.upperBound <= data.raw.count,
                 "hours \(hours) out of range")
    let scaled = data.scaled.doubleValues
    let windows = hours.flatMap { h in scaled[(h - data.timesteps) ..< h] }
    return noGrad {
        model.resetState()
        let y = runWindow(NDArray(windows, shape: [hours.count, data.timesteps, 1], dtype: .float32), through: model)
        return data.scaler.inverseTransform(y.data).doubleValues
    }
}

/// The stateful way: the model carries its state from window to window, as in training. Six streams, the
/// p-th starting p hours after the first, each read as consecutive 6-hour windows, so between them they
/// predict every hour:
///
///     stream 0: [ 0 … 5][ 6 …11][12 …17] …   predicts hours  6, 12, 18, …
///     stream 1:  [ 1 … 6][ 7 …12][13 …18] …  predicts hours  7, 13, 19, …
///     …
///
/// The streams start `warmUp` hours before `hours`, so the state has built up by the first predicted
/// hour (`warmUp` and the number of hours must be multiples of 6).
func predictCarryingState(_ model: Model, _ data: PreparedSeries, hours: Range<Int>, warmUp: Int) -> [Double] {
    let steps = data.timesteps
    require(warmUp % steps == 0 && hours.count % steps == 0, "warm-up and hours must be whole windows")
    require(hours.lowerBound - warmUp - steps >= 0 && hours.upperBound <= data.raw.count,
                 "hours \(hours) with a warm-up of \(warmUp) do not fit in the series")
    let scaled = data.scaled.doubleValues
    let first = hours.lowerBound - warmUp - steps               // stream 0's first window starts here
    var predicted = [Double](repeating: .nan, count: hours.count)
    noGrad {
        model.resetState()
        for k in 0 ..< (warmUp + hours.count) / steps {
            let starts = (0 ..< steps).map { first + $0 + k * steps }
            let windows = starts.flatMap { scaled[$0 ..< $0 + steps] }
            let y = runWindow(NDArray(windows, shape: [steps, steps, 1], dtype: .float32), through: model)
            let values = data.scaler.inverseTransform(y.data).doubleValues
            for (stream, start) in starts.enumerated() {
                let hour = start + steps - hours.lowerBound            // the hour this window predicts
                if hour >= 0 { predicted[hour] = values[stream] }
            }
        }
    }
    return predicted
}

/// Predictions of `variant`'s model over `hours`, made the way that variant was trained.
func predict(_ model: Model, _ variant: Variant, _ data: PreparedSeries, hours: Range<Int>, warmUp: Int) -> [Double] {
    variant.carriesState
        ? predictCarryingState(model, data, hours: hours, warmUp: warmUp)
        : predictFromZeroState(model, data, hours: hours)
}

/// A trained model's predictions of a stretch of the series, against the measurements.
struct Prediction {
    /// The variant that was trained.
    let variant: Variant
    /// The first predicted hour (an index into the series).
    let start: Int
    /// The predicted values, in the series' unit.
    let values: [Double]
    /// The measured values of the same hours.
    let truth: [Double]

    /// prediction − measurement, hour by hour.
    var errors: [Double] { zip(values, truth).map { $0 - $1 } }
    /// The root mean square error, in the series' unit.
    var rmse: Double { rootMeanSquare(errors) }

    /// The RMSE of each whole block of `hours` consecutive hours (a leftover shorter block is dropped).
    func rmse(per hours: Int) -> [Double] {
        let errors = errors
        return (0 ..< errors.count / hours).map { rootMeanSquare(Array(errors[($0 * hours) ..< ($0 * hours + hours)])) }
    }
}

/// Predicts `hours` with `model`, the way `variant` was trained.
func prediction(_ model: Model, _ variant: Variant, _ data: PreparedSeries, hours: Range<Int>,
                warmUp: Int) -> Prediction {
    Prediction(variant: variant, start: hours.lowerBound,
               values: predict(model, variant, data, hours: hours, warmUp: warmUp),
               truth: Array(data.raw[hours]))
}

/// The final model on the whole series: every window's target, predicted the way `variant` was trained
/// (the stateful models read the series from the start with their state carried along).
func wholeSeries(_ model: Model, _ variant: Variant, _ data: PreparedSeries) -> Prediction {
    let count = data.count / data.timesteps * data.timesteps    // whole windows (all of them by default)
    return prediction(model, variant, data, hours: data.timesteps ..< data.timesteps + count, warmUp: 0)
}
