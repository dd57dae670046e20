import Testing
import Kusari

/// Which dtype an array literal gives, as Docs/Autodiff.md states it.
@Suite("NDArray from literals")
struct NDArrayLiteralTests {
    @Test func integersGiveFloat32() {
        let a = NDArray([1, 2, 3, 4], shape: [2, 2])
        #expect(a.dtype == .float32 && a.shape == [2, 2] && a.doubleValues == [1, 2, 3, 4])
        let v = NDArray([5, -6])
        #expect(v.shape == [2] && v.doubleValues == [5, -6])
        #expect(NDArray([1, 2], dtype: .float64).dtype == .float64)
    }

    @Test func doubleLiteralsGiveFloat64AndFloatsFloat32() {
        #expect(NDArray([1.0, 2.0], shape: [2]).dtype == .float64)
        #expect(NDArray([1.0, 2.0] as [Float], shape: [2]).dtype == .float32)
        #expect(NDArray([1.0, 2.0], shape: [2], dtype: .float32).dtype == .float32)
    }
}
