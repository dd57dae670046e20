import Testing
@testable import KusariNN
import KusariCore

/// The float32 LSTM kernels (C, compiled per vector width) against the generic Swift loops they stand for.
@Suite("LSTM kernels: the float32 fast path")
struct LSTMKernelTests {
    @Test("the float32 backward kernel equals the reference loop bit for bit", arguments: [1, 15, 17, 1000, 8200])
    func backwardEqualsTheReferenceLoop(units: Int) {
        let g = RandomGenerator(seed: UInt64(units))
        func values(_ count: Int, _ low: Double, _ high: Double) -> [Float] {
            NDArray.uniform([count], low: low, high: high, generator: g).floats
        }
        let cPrev = values(units, -3, 3), gates = values(4 * units, -1, 1), tanhC = values(units, -1, 1)
        let gc = values(units, -2, 2), gh = values(units, -2, 2)
        func run(_ kernel: (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>,
                            UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>,
                            UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
            var gcPrev = [Float](repeating: 0, count: units), gx = [Float](repeating: 0, count: 4 * units)
            cPrev.withUnsafeBufferPointer { a in gates.withUnsafeBufferPointer { b in tanhC.withUnsafeBufferPointer { c in
            gc.withUnsafeBufferPointer { d in gh.withUnsafeBufferPointer { e in
            gcPrev.withUnsafeMutableBufferPointer { f in gx.withUnsafeMutableBufferPointer { h in
                kernel(a, b, c, d, e, f, h)
            }}}}}}}
            return gcPrev + gx
        }
        let fast = run { Float.lstmBackward(cPrev: $0, gates: $1, tanhC: $2, gc: $3, gh: $4, gcPrev: $5, gx: $6) }
        let reference = run { lstmBackwardKernel(cPrev: $0, gates: $1, tanhC: $2, gc: $3, gh: $4, gcPrev: $5, gx: $6) }
        #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern))
    }
}
