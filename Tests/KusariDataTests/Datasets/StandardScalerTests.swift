import Foundation
import Testing
import Kusari
@testable import KusariData

extension Datasets {
    @Suite struct StandardScalerTests {
        @Test func usesPopulationStandardDeviationPerColumn() {
            // Column 0: 1, 2, 3, 4 → mean 2.5, variance 1.25 (ddof 0; ddof 1 would give 1.6667).
            let x = NDArray([1, 10, 2, 20, 3, 30, 4, 40] as [Double], shape: [4, 2])
            var scaler = StandardScaler()
            let z = scaler.fitTransform(x)
            #expect(scaler.mean == [2.5, 25])
            #expect(abs(scaler.variance[0] - 1.25) < 1e-12 && abs(scaler.variance[1] - 125) < 1e-9)
            #expect(abs(scaler.scale[0] - 1.25.squareRoot()) < 1e-12)
            let column0 = (0..<4).map { z.doubleValues[$0 * 2] }
            #expect(abs(column0.reduce(0, +)) < 1e-12)
            #expect(abs(column0.map { $0 * $0 }.reduce(0, +) / 4 - 1) < 1e-12)
        }

        @Test func roundTripKeepsDtypeAndValues() {
            let values = (0..<30).map { sin(Double($0)) * 7 + 3 }
            let x = NDArray(values, shape: [10, 3], dtype: .float32)
            var scaler = StandardScaler()
            let z = scaler.fitTransform(x)
            #expect(z.dtype == .float32)
            let back = scaler.inverseTransform(z)
            for (a, b) in zip(back.doubleValues, x.doubleValues) { #expect(abs(a - b) < 1e-5) }
        }

        @Test func constantColumnBecomesZeroNotNaN() {
            let x = NDArray([0.1, 1, 0.1, 2, 0.1, 3] as [Double], shape: [3, 2])
            var scaler = StandardScaler()
            let z = scaler.fitTransform(x)
            #expect(scaler.scale[0] == 1)
            #expect(z.doubleValues.allSatisfy { !$0.isNaN })
            #expect((0..<3).allSatisfy { abs(z.doubleValues[$0 * 2]) < 1e-15 })
        }

        @Test func vectorIsOneFeatureAndNaNIsIgnored() {
            var scaler = StandardScaler()
            scaler.fit(NDArray([1, .nan, 3] as [Double]))
            #expect(scaler.mean == [2] && scaler.variance == [1])
            let z = scaler.transform(NDArray([1, .nan, 3] as [Double]))
            #expect(z.doubleValues[0] == -1 && z.doubleValues[1].isNaN && z.doubleValues[2] == 1)
        }
    }
}
