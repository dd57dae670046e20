// Float fast paths of the per-element update rules of Adam and RMSprop, with the plain reference loops
// they are tested against at the end of this file (KernelScalar picks which one runs: Float the fast
// path, Double the reference).
//
// What they compute: the scalar loops' arithmetic, operation for operation in the same order (IEEE
// add, multiply, divide and square root are correctly rounded lane by lane, and Swift does not fuse
// multiply-adds), so the results are bit-identical to the reference loops below.
//
// Why they are fast: the scalar loops are bound by the latency of a square root and a division per
// parameter, and stay scalar: on Linux `Float.squareRoot()` compiles to libm's `sqrtf` with an errno
// check, which LLVM does not vectorise. Here eight parameters go through each step, the square root as
// two SSE `sqrtps` (the x86 intrinsic; other architectures take the square root lane by lane).

#if arch(x86_64)
import _Builtin_intrinsics.intel
import KusariCore
#endif

/// √x lane by lane (correctly rounded, as `squareRoot()`).
@inline(__always)
func squareRoot(_ x: SIMD8<Float>) -> SIMD8<Float> {
    #if arch(x86_64)
    SIMD8(lowHalf: _mm_sqrt_ps(x.lowHalf), highHalf: _mm_sqrt_ps(x.highHalf))
    #else
    SIMD8((0..<8).map { x[$0].squareRoot() })
    #endif
}

/// Runs `vector` on each full chunk of eight elements of `0..<count` (starting at offset i), then `scalar`
/// on each remaining element; large arrays (an LSTM with H = 512 has 1M weights) are split over the
/// BLAS thread count (parallelFor).
@inline(__always)
private func forEachLane(count: Int, _ vector: (Int) -> Void, _ scalar: (Int) -> Void) {
    parallelFor(count: count, minimumChunk: 1 << 17, alignment: 8) { range in
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            vector(i)
            i += 8
        }
        while i < range.upperBound {
            scalar(i)
            i += 1
        }
    }
}

@inline(__always)
private func load(_ p: UnsafeMutableBufferPointer<Float>, _ i: Int) -> SIMD8<Float> {
    UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always)
private func load(_ p: UnsafeBufferPointer<Float>, _ i: Int) -> SIMD8<Float> {
    UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always)
private func store(_ v: SIMD8<Float>, _ p: UnsafeMutableBufferPointer<Float>, _ i: Int) {
    UnsafeMutableRawPointer(p.baseAddress! + i).storeBytes(of: v, as: SIMD8<Float>.self)
}

/// Adam's step (Adam.swift): m += (1 − β1)(g − m), v += (1 − β2)(g² − v), then
/// w −= stepSize · m / (√v / divisor + ε), where `divisor` is nil for Chainer's placement of ε (√v + ε).
func adamStepFloat(w: UnsafeMutableBufferPointer<Float>, g: UnsafeBufferPointer<Float>,
                   m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>,
                   oneMinusBeta1: Float, oneMinusBeta2: Float, stepSize: Float, divisor: Float?, eps: Float) {
    forEachLane(count: w.count, { i in
        let gi = load(g, i)
        let mi = load(m, i) + oneMinusBeta1 * (gi - load(m, i))
        let vi = load(v, i) + oneMinusBeta2 * (gi * gi - load(v, i))
        let root = divisor.map { squareRoot(vi) / $0 } ?? squareRoot(vi)
        store(mi, m, i)
        store(vi, v, i)
        store(load(w, i) - stepSize * mi / (root + eps), w, i)
    }, { i in
        m[i] += oneMinusBeta1 * (g[i] - m[i])
        v[i] += oneMinusBeta2 * (g[i] * g[i] - v[i])
        let root = divisor.map { v[i].squareRoot() / $0 } ?? v[i].squareRoot()
        w[i] -= stepSize * m[i] / (root + eps)
    })
}

/// RMSprop's step (RMSprop.swift): ms = ρ·ms + (1 − ρ)·g², then w −= lr · g / (√ms + ε), or
/// w −= lr · g / √(ms + ε) with `inside`.
func rmspropStepFloat(w: UnsafeMutableBufferPointer<Float>, g: UnsafeBufferPointer<Float>,
                      ms: UnsafeMutableBufferPointer<Float>,
                      lr: Float, rho: Float, oneMinusRho: Float, eps: Float, inside: Bool) {
    forEachLane(count: w.count, { i in
        let gi = load(g, i)
        let msi = rho * load(ms, i) + oneMinusRho * gi * gi
        let denominator = inside ? squareRoot(msi + eps) : squareRoot(msi) + eps
        store(msi, ms, i)
        store(load(w, i) - lr * gi / denominator, w, i)
    }, { i in
        ms[i] = rho * ms[i] + oneMinusRho * g[i] * g[i]
        let denominator = inside ? (ms[i] + eps).squareRoot() : ms[i].squareRoot() + eps
        w[i] -= lr * g[i] / denominator
    })
}

/// Adam's step as a plain loop: the reference the Float kernel above is bit-identical to, and what
/// Double runs (``KernelScalar/adamStep(w:g:m:v:oneMinusBeta1:oneMinusBeta2:stepSize:divisor:eps:)``).
func adamStepReference<T: NDScalar>(w: UnsafeMutableBufferPointer<T>, g: UnsafeBufferPointer<T>,
                                    m: UnsafeMutableBufferPointer<T>, v: UnsafeMutableBufferPointer<T>,
                                    oneMinusBeta1: T, oneMinusBeta2: T, stepSize: T, divisor: T?, eps: T) {
    for i in 0..<w.count {
        m[i] += oneMinusBeta1 * (g[i] - m[i])
        v[i] += oneMinusBeta2 * (g[i] * g[i] - v[i])
        let root = divisor.map { v[i].squareRoot() / $0 } ?? v[i].squareRoot()
        w[i] -= stepSize * m[i] / (root + eps)
    }
}

/// RMSprop's step as a plain loop: the reference the Float kernel above is bit-identical to, and what
/// Double runs (``KernelScalar/rmspropStep(w:g:ms:lr:rho:oneMinusRho:eps:inside:)``).
func rmspropStepReference<T: NDScalar>(w: UnsafeMutableBufferPointer<T>, g: UnsafeBufferPointer<T>,
                                       ms: UnsafeMutableBufferPointer<T>,
                                       lr: T, rho: T, oneMinusRho: T, eps: T, inside: Bool) {
    for i in 0..<w.count {
        ms[i] = rho * ms[i] + oneMinusRho * g[i] * g[i]
        let denominator = inside ? (ms[i] + eps).squareRoot() : ms[i].squareRoot() + eps
        w[i] -= lr * g[i] / denominator
    }
}
