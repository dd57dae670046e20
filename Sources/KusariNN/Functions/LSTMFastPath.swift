// The float32 fast path of the LSTM cell kernels (the reference loops are lstmForwardReference and
// lstmBackwardKernel in LSTMFunction.swift; KernelScalar.swift picks these for Float).
//
// What it computes: what the scalar loops compute, to float32 rounding — gates = [tanh a, σ(i), σ(f), σ(o)]
// per unit, c = tanh(a)·σ(i) + σ(f)·cPrev, h = σ(o)·tanh(c) — in four passes over contiguous buffers, and
// the backward pass from the saved gates.
//
// Why it is fast: the cost of an LSTM cell outside the matrix products is its five transcendental
// functions per unit. libm evaluates them one scalar call at a time (tens of ns per tanh); here they are
// plain arithmetic on vector registers:
//   σ(x) = 1 / (1 + e^(−x)),   tanh(x) = 2σ(2x) − 1,
//   e^x = 2ⁿ · p(r) with n = round(x·log₂e), r = x − n·ln 2 and p Cephes' degree-6 polynomial for expf.
// The loops are C (Sources/CLSTMKernels), compiled three times: for AVX-512, AVX2 and baseline x86-64,
// and the loader picks the widest the CPU has. Swift itself compiles for the baseline (four float lanes):
// on this project's AVX-512 VM the forward kernel took ≈ 10 ns per unit that way and takes ≈ 3.7 ns now
// (a C loop over 32,768 units). The C code does the same operations in the same order as the Swift SIMD
// kernel it replaced, without fused multiply-adds, so the results are the same bit for bit (checked on
// random, extreme and non-finite inputs when it was replaced; the tutorials reproduce their metrics.json).
// Accuracy, measured over [−20, 20] against Double: σ within 1.5e-7 relative (≈ 1 ulp); tanh within 1.8e-7
// absolute (through 2σ(2x) − 1 it loses relative, not absolute, accuracy near 0). That is float32 rounding
// noise. NaN inputs stay NaN; ±∞ saturate. The tests check the kernels against the scalar Double path.
import KusariCore
import CLSTMKernels

/// The forward kernel for Float (see the file comment), in blocks of 1024 units (16 KB of `x`) so the four
/// passes over a block find it in the L1 cache; large batches are split over `threads` (parallelFor).
func lstmForwardFloat(
    cPrev: UnsafeBufferPointer<Float>, x: UnsafeBufferPointer<Float>, gates: UnsafeMutableBufferPointer<Float>,
    c: UnsafeMutableBufferPointer<Float>, tanhC: UnsafeMutableBufferPointer<Float>, h: UnsafeMutableBufferPointer<Float>,
    threads: Int = BLAS.threads
) {
    parallelFor(count: cPrev.count, minimumChunk: lstmParallelChunk, threads: threads) { range in
        for start in stride(from: range.lowerBound, to: range.upperBound, by: 1024) {
            let count = min(1024, range.upperBound - start)
            kusari_lstm_forward_f32(count, cPrev.baseAddress! + start, x.baseAddress! + 4 * start,
                                    gates.baseAddress! + 4 * start, c.baseAddress! + start,
                                    tanhC.baseAddress! + start, h.baseAddress! + start)
        }
    }
}

/// The fewest units an LSTM kernel gives one thread (batch 64 × H 128 = 8192 units is ≈ 30 µs of work).
let lstmParallelChunk = 2048

/// The backward kernel for Float over one range of units (the callers split large batches with
/// parallelFor): gcPrev and gx from gc and gh and the saved activations.
func lstmBackwardFloat(
    cPrev: UnsafeBufferPointer<Float>, gates: UnsafeBufferPointer<Float>, tanhC: UnsafeBufferPointer<Float>,
    gc: UnsafeBufferPointer<Float>, gh: UnsafeBufferPointer<Float>,
    gcPrev: UnsafeMutableBufferPointer<Float>, gx: UnsafeMutableBufferPointer<Float>
) {
    guard cPrev.count > 0 else { return }
    kusari_lstm_backward_f32(cPrev.count, cPrev.baseAddress!, gates.baseAddress!, tanhC.baseAddress!,
                             gc.baseAddress!, gh.baseAddress!, gcPrev.baseAddress!, gx.baseAddress!)
}
