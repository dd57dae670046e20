import Testing
import Kusari
@testable import KusariCore

/// NDArray's storage (NDArray+Storage.swift): one buffer whose case is the dtype, mutated in place
/// without copies when not shared, copied when shared (copy-on-write).
@Suite("NDArray storage")
struct NDArrayStorageTests {
    private func address(_ a: NDArray) -> UnsafeRawPointer? {
        switch a.dtype {
        case .float32: a.withUnsafeBufferPointer(as: Float.self) { UnsafeRawPointer($0.baseAddress) }
        case .float64: a.withUnsafeBufferPointer(as: Double.self) { UnsafeRawPointer($0.baseAddress) }
        }
    }

    @Test func theDtypeIsTheStorageCase() {
        let a = NDArray([1, 2, 3] as [Float]), b = NDArray([1, 2, 3.0])
        #expect(a.dtype == .float32 && a.floats == [1, 2, 3] && a.doubles.isEmpty)
        #expect(b.dtype == .float64 && b.doubles == [1, 2, 3] && b.floats.isEmpty)
        #expect(a != b && a.astype(.float64) == b)
    }

    @Test(.tags(.performanceContract), arguments: [DType.float32, .float64])
    func mutationOfAnUnsharedArrayHappensInPlace(dtype: DType) {
        var a = NDArray.ones([1000], dtype: dtype)
        let before = address(a)
        a += NDArray.ones([1000], dtype: dtype)
        #expect(address(a) == before)
        switch dtype {
        case .float32: a.withUnsafeMutableBufferPointer(as: Float.self) { $0[0] = 5 }
        case .float64: a.withUnsafeMutableBufferPointer(as: Double.self) { $0[0] = 5 }
        }
        #expect(address(a) == before)
        #expect(a.element(at: [0]) == 5 && a.element(at: [999]) == 2)
    }

    @Test func mutationOfASharedArrayCopiesFirst() {
        var a = NDArray([1, 2, 3.0])
        let b = a
        a += NDArray([1, 1, 1.0])
        #expect(a.doubleValues == [2, 3, 4] && b.doubleValues == [1, 2, 3])
        #expect(address(a) != address(b))
    }
}
