import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: reshape, transpose")
struct ReshapeTests {
    let x = FnFixtures.normal([2, 3, 4], seed: 61)

    @Test func forward() {
        let v = Variable(NDArray.arange(0, 6, dtype: .float64).reshaped([2, 3]))
        #expect(reshape(v, [3, -1]).shape == [3, 2])
        #expect(reshape(v, [2, 3]) === v)
        #expect(v.reshaped([6]).data.doubleValues == [0, 1, 2, 3, 4, 5])
        #expect(v.T.shape == [3, 2])
        #expect(v.T.data.doubleValues == [0, 3, 1, 4, 2, 5])
        let t = transpose(Variable(x), axes: [1, 2, 0])
        #expect(t.shape == [3, 4, 2])
        #expect(t.data.element(at: [2, 1, 1]) == x.element(at: [1, 2, 1]))
    }

    @Test func reshapeGradient() throws {
        try FnFixtures.check("reshape (6,-1)", [x]) { reshape($0[0], [6, -1]) }
        try FnFixtures.check("reshape (24)", [x]) { $0[0].reshaped([24]) }
        try FnFixtures.check("reshape x² (4,6)", [x]) { reshape($0[0] * $0[0], [4, 6]) }
    }

    @Test func transposeGradient() throws {
        try FnFixtures.check("transpose (2,0,1)", [x]) { transpose($0[0], axes: [2, 0, 1]) }
        try FnFixtures.check("transpose (1,2,0)", [x]) { $0[0].transposed([1, 2, 0]) }
        try FnFixtures.check("transpose reversed", [x]) { transpose($0[0]) }
        try FnFixtures.check("T", [FnFixtures.normal([3, 5], seed: 62)]) { $0[0].T }
        // Transposed then multiplied by itself: the second derivative goes through the inverse permutation.
        try FnFixtures.check("transpose x·xᵀ", [x]) { transpose($0[0], axes: [2, 0, 1]) * transpose($0[0], axes: [2, 0, 1]) }
    }
}
