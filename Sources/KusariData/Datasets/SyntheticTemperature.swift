import RealModule
import KusariCore

/// A synthetic hourly temperature series (°C): yearly and daily cycles plus autocorrelated noise, a
/// stand-in for ten years of real measurements (experiment 3's long series).
///
/// Hour `h` (h = 0 is midnight, 1 January; a year is 8,760 hours, leap days ignored) has the value
///
///     T(h) = mean + yearlyAmplitude · cos(2π (h − yearlyPeakHour) / 8760)
///                 + dailyAmplitude  · cos(2π (h − dailyPeakHour) / 24)
///                 + e(h)
///     e(h) = noiseCorrelation · e(h − 1) + noiseStd · ε(h),   ε(h) ~ N(0, 1) from the generator
///
/// and `e(0)` is drawn from the noise's stationary distribution, N(0, noiseStd² / (1 − noiseCorrelation²)),
/// so the series has no warm-up transient. The defaults resemble Osaka: 16.9 °C on average, ±11.5 °C over
/// the year with the warmest time in early August (day 215), ±3.5 °C over the day with the warmest hour
/// at 14:00, and AR(1) weather noise with correlation 0.95 from hour to hour and a stationary standard
/// deviation of about 1.3 °C.
///
/// ```swift
/// let temps = SyntheticTemperatureSeries().generate(hours: 87_600, generator: RandomGenerator(seed: 0))
/// ```
public struct SyntheticTemperatureSeries: Sendable {
    /// The long-term average.
    public var mean = 16.9
    /// Half the difference between the warmest and coldest time of the year.
    public var yearlyAmplitude = 11.5
    /// The hour of the year at which the yearly cycle peaks.
    public var yearlyPeakHour = 215.0 * 24
    /// Half the difference between the warmest and coldest hour of the day.
    public var dailyAmplitude = 3.5
    /// The hour of the day at which the daily cycle peaks.
    public var dailyPeakHour = 14.0
    /// The AR(1) coefficient of the noise, in (−1, 1).
    public var noiseCorrelation = 0.95
    /// The standard deviation of the noise's innovations.
    public var noiseStd = 0.4

    /// The default, Osaka-like parameters.
    public init() {}

    /// `hours` consecutive hourly values (10 years = 87,600 by default), drawn from `generator`.
    public func generate(hours: Int = 87_600, generator: RandomGenerator) -> [Double] {
        require(hours >= 0, "SyntheticTemperatureSeries: hours must be non-negative, got \(hours)")
        require(abs(noiseCorrelation) < 1,
                     "SyntheticTemperatureSeries: noiseCorrelation must lie in (-1, 1), got \(noiseCorrelation)")
        var noise = noiseStd / (1 - noiseCorrelation * noiseCorrelation).squareRoot() * generator.nextNormal()
        var values: [Double] = []
        values.reserveCapacity(hours)
        for h in 0..<hours {
            if h > 0 { noise = noiseCorrelation * noise + noiseStd * generator.nextNormal() }
            let t = Double(h)
            values.append(mean
                          + yearlyAmplitude * Double.cos(2 * .pi * (t - yearlyPeakHour) / 8760)
                          + dailyAmplitude * Double.cos(2 * .pi * (t - dailyPeakHour) / 24)
                          + noise)
        }
        return values
    }
}
