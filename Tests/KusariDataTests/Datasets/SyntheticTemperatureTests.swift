import Foundation
import Testing
import Kusari
@testable import KusariData

extension Datasets {
    @Suite struct SyntheticTemperatureTests {
        @Test func tenYearsReproducibleWithPlausibleSeasons() {
            let series = SyntheticTemperatureSeries()
            let a = series.generate(generator: RandomGenerator(seed: 7))
            let b = series.generate(generator: RandomGenerator(seed: 7))
            #expect(a.count == 87_600)
            #expect(a == b)
            #expect(a != series.generate(hours: 87_600, generator: RandomGenerator(seed: 8)))
            let mean = a.reduce(0, +) / Double(a.count)
            #expect(abs(mean - 16.9) < 0.5)
            // August is warmer than January in every year.
            for year in 0..<10 {
                let january = a[(year * 8760)..<(year * 8760 + 744)].reduce(0, +) / 744
                let august = a[(year * 8760 + 5088)..<(year * 8760 + 5832)].reduce(0, +) / 744
                #expect(august - january > 15)
            }
        }

        @Test func withoutNoiseItIsTheFormula() {
            var series = SyntheticTemperatureSeries()
            series.noiseStd = 0
            let values = series.generate(hours: 48, generator: RandomGenerator(seed: 1))
            let expected = 16.9 + 11.5 * cos(2 * .pi * (14 - 5160) / 8760) + 3.5
            #expect(abs(values[14] - expected) < 1e-12)
            #expect(abs(values[38] - values[14]) < 0.2)   // one day later: only the slow yearly cycle moved
        }
    }
}
