import Testing
import Kusari
@testable import KusariData

extension Datasets {
    @Suite struct InterpolationTests {
        @Test func linearInsideNearestAtTheEdges() {
            let filled = interpolateMissing([.nan, 1, .nan, .nan, 4, .nan])
            #expect(filled == [1, 1, 2, 3, 4, 4])
        }

        @Test func nothingToFillOrNothingKnown() {
            #expect(interpolateMissing([1, 2, 3]) == [1, 2, 3])
            #expect(interpolateMissing([Double]()) == [])
            #expect(interpolateMissing([.nan, .nan]).allSatisfy { $0.isNaN })
        }

        @Test func columnsOfASeriesAreFilledSeparately() {
            let series = NDArray([0, .nan, .nan, 10, 4, .nan, 8, 20] as [Double], shape: [4, 2], dtype: .float32)
            let filled = interpolateMissing(series)
            #expect(filled.dtype == .float32 && filled.shape == [4, 2])
            #expect(filled.doubleValues == [0, 10, 2, 10, 4, 15, 8, 20])
        }
    }
}
