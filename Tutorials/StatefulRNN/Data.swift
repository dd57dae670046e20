// Step 1 of the tutorial: the data. Two hourly temperature series, prepared the same way as the blog
// prepares its ten years of Osaka temperatures: fill the gaps by linear interpolation, standardise over
// the whole series, cut windows of 6 hours that predict the next hour, keep a multiple of the batch size.
import Foundation
import Kusari

/// Why the tutorial could not load its data.
enum TutorialDataError: Error, CustomStringConvertible {
    /// The CSV file that ships with the tutorial is not in the resource bundle.
    case missingResource(String)

    var description: String {
        switch self {
        case let .missingResource(name):
            return "\(name) is missing from the tutorial's resources; it should be at "
                + "Tutorials/StatefulRNN/\(name) and listed in Package.swift (resources: [.copy(\"\(name)\")]). "
                + "Restore it with `git checkout -- Tutorials/StatefulRNN/\(name)` and rebuild."
        }
    }
}

/// Seattle's hourly temperatures for 2010 in °F (8,759 values), with missing readings filled by linear
/// interpolation. `limit` keeps only the first `limit` hours (the tests use it to stay fast).
func loadSeattleTemperatures(limit: Int? = nil) throws -> [Double] {
    guard let url = Bundle.module.url(forResource: "seattle-temps", withExtension: "csv") else {
        throw TutorialDataError.missingResource("seattle-temps.csv")
    }
    let table = try loadCSVColumns(url, columns: ["temp"])
    let temps = interpolateMissing(table["temp"] ?? [])
    return limit.map { Array(temps.prefix($0)) } ?? temps
}

/// Ten years (87,600 hours) of synthetic hourly temperatures in °C, drawn with `seed`: yearly and daily
/// cycles plus autocorrelated weather noise (see `SyntheticTemperatureSeries`). The same seed gives the
/// same series.
func syntheticTemperatures(hours: Int = 87_600, seed: UInt64) -> [Double] {
    SyntheticTemperatureSeries().generate(hours: hours, generator: RandomGenerator(seed: seed))
}

/// The loss below which no model can go on the synthetic series: its weather noise gets a fresh random
/// kick of standard deviation `noiseStd` every hour, which no look at the past can foresee. In standardised
/// units that is `(noiseStd / std of the series)²`.
func syntheticNoiseFloor(_ data: PreparedSeries) -> Double {
    let kick = SyntheticTemperatureSeries().noiseStd / data.scaler.scale[0]
    return kick * kick
}

/// A temperature series made ready for training: standardised, cut into windows, truncated.
struct PreparedSeries {
    /// The series' name in figures and metrics ("Seattle", "synthetic").
    let name: String
    /// The unit of the raw values ("°F", "°C").
    let unit: String
    /// The raw series (after interpolation), in `unit`.
    let raw: [Double]
    /// The scaler fitted on the whole series (mean and population standard deviation).
    let scaler: StandardScaler
    /// The standardised series, shape `(n, 1)`, float32: what the stateful iterator walks along.
    let scaled: NDArray
    /// The windows: `x[i] = scaled[i ..< i + timesteps]`, shape `(count, timesteps, 1)`.
    let x: NDArray
    /// The targets: `t[i] = scaled[i + timesteps]`, the hour after window `i`, shape `(count, 1)`.
    let t: NDArray
    /// Hours per window.
    let timesteps: Int

    /// The number of windows kept (a multiple of the batch size).
    var count: Int { x.shape[0] }
}

/// Prepares `series` as the blog does: z-score over the whole series (scikit-learn's `StandardScaler`,
/// population standard deviation), windows of `timesteps` hours predicting the next hour, and only the
/// first `⌊windows / batchSize⌋ · batchSize` windows kept, so every batch is full.
func prepare(_ series: [Double], name: String, unit: String, timesteps: Int, batchSize: Int) -> PreparedSeries {
    var scaler = StandardScaler()
    // Fitted in Double like scikit-learn on a float64 DataFrame, then stored as float32 like the blog's
    // `std.astype(np.float32)`.
    let scaled = scaler.fitTransform(NDArray(series, shape: [series.count, 1], dtype: .float64)).astype(.float32)
    let (x, t) = windows(scaled, length: timesteps)                // (n − 6, 6, 1) and (n − 6, 1)
    let kept = x.shape[0] / batchSize * batchSize                   // blog: batch_size * int(len(x) / batch_size)
    return PreparedSeries(name: name, unit: unit, raw: series, scaler: scaler, scaled: scaled,
                          x: x[0..<kept], t: t[0..<kept], timesteps: timesteps)
}
