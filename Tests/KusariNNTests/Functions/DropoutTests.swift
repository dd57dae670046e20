import Testing
import Kusari
import KusariTestFixtures
import KusariTesting

@Suite("Functions: dropout")
struct DropoutTests {
    @Test func maskIsSeededAndScaled() {
        let a = dropoutMask([1000], ratio: 0.25, dtype: .float64, generator: RandomGenerator(seed: 3))
        let b = dropoutMask([1000], ratio: 0.25, dtype: .float64, generator: RandomGenerator(seed: 3))
        #expect(a == b)
        let values = a.doubleValues
        #expect(values.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3) < 1e-12 })
        let dropped = values.filter { $0 == 0 }.count
        #expect(dropped > 200 && dropped < 300)      // 250 expected, sd ≈ 14
    }

    @Test func identityAtTestTime() {
        let x = Variable(FnFixtures.normal([3, 4], seed: 1))
        let y = usingConfig(train: false) { dropout(x, ratio: 0.5) }
        #expect(y === x)
        #expect(dropout(x, ratio: 0) === x)
    }

    @Test func trainingZeroesAndRescales() {
        let x = Variable(NDArray.ones([2, 50], dtype: .float64))
        let y = dropout(x, ratio: 0.5, generator: RandomGenerator(seed: 9)).data.doubleValues
        #expect(y.allSatisfy { $0 == 0 || $0 == 2 })
        #expect(y.contains(0) && y.contains(2))
    }

    @Test func gradientWithFixedMask() throws {
        let mask = dropoutMask([3, 4], ratio: 0.3, dtype: .float64, generator: RandomGenerator(seed: 5))
        let x = FnFixtures.normal([3, 4], seed: 2)
        try FnFixtures.check("dropout(mask)", [x]) { dropout(tanh($0[0]), mask: mask) }
    }
}
