// The loops behind LSTMSequenceFunction (equations there): forward through time, then backward through
// time, over contiguous packed buffers. Row block t (rows offsets[t] ..< offsets[t] + n_t) is step t; the
// first n_t rows of a step's block are a prefix of the previous step's, so the state a step reads is the
// start of the previous block, and no gather is needed.
import KusariCore

/// Forward through time for element type `T`; returns packed h and c and the saved activations.
func lstmSequenceForward<T: KernelScalar>(
    _ projected: NDArray, _ weight: NDArray, _ layout: PackedSequences, _ mask: NDArray?, as: T.Type
) -> (h: NDArray, c: NDArray, saved: SavedSteps) {
    let hidden = weight.shape[1], width = 4 * hidden
    let rows = layout.totalSteps, first = layout.batchSizes.first ?? 0
    var gates: [T] = kernelOutput(rows * width)
    var c: [T] = kernelOutput(rows * hidden), tanhC: [T] = kernelOutput(rows * hidden), h: [T] = kernelOutput(rows * hidden)
    var fed: [T] = kernelOutput((rows - first) * hidden)
    var z: [T] = kernelOutput(first * width)
    let zeros = [T](repeating: 0, count: first * hidden)
    let maskValues: [T]? = mask.map { T.elements(of: $0) }
    projected.withUnsafeBufferPointer(as: T.self) { p in
    weight.withUnsafeBufferPointer(as: T.self) { w in
    gates.withUnsafeMutableBufferPointer { gates in
    c.withUnsafeMutableBufferPointer { c in
    tanhC.withUnsafeMutableBufferPointer { tanhC in
    h.withUnsafeMutableBufferPointer { h in
    fed.withUnsafeMutableBufferPointer { fed in
    z.withUnsafeMutableBufferPointer { z in
    zeros.withUnsafeBufferPointer { zeros in
        for (t, n) in layout.batchSizes.enumerated() {
            let row = layout.offsets[t]
            let pStep = p.baseAddress! + row * width
            if t == 0 {
                z.baseAddress!.update(from: pStep, count: n * width)
            } else {
                // fedₜ = m ⊙ hₜ₋₁[0..<n], then zₜ = fedₜ·Wᵀ + Pₜ (the product first, as linear(h, W) + P
                // computes it, so the values match the reference bit for bit).
                let source = h.baseAddress! + layout.offsets[t - 1] * hidden
                let target = fed.baseAddress! + (row - first) * hidden
                if let maskValues {
                    for i in 0..<(n * hidden) { target[i] = source[i] * maskValues[i] }
                } else {
                    target.update(from: source, count: n * hidden)
                }
                T.gemm(transA: false, transB: true, m: n, n: width, k: hidden, alpha: 1, a: target, lda: hidden,
                       b: w.baseAddress!, ldb: hidden, beta: 0, c: z.baseAddress!, ldc: width)
                for i in 0..<(n * width) { z[i] += pStep[i] }
            }
            let cPrev = t == 0 ? zeros.baseAddress! : UnsafePointer(c.baseAddress! + layout.offsets[t - 1] * hidden)
            T.lstmForward(
                cPrev: UnsafeBufferPointer(start: cPrev, count: n * hidden),
                x: UnsafeBufferPointer(start: z.baseAddress!, count: n * width),
                gates: UnsafeMutableBufferPointer(start: gates.baseAddress! + row * width, count: n * width),
                c: UnsafeMutableBufferPointer(start: c.baseAddress! + row * hidden, count: n * hidden),
                tanhC: UnsafeMutableBufferPointer(start: tanhC.baseAddress! + row * hidden, count: n * hidden),
                h: UnsafeMutableBufferPointer(start: h.baseAddress! + row * hidden, count: n * hidden))
        }
    }}}}}}}}}
    let saved = SavedSteps(gates: T.makeArray(gates, shape: [rows, width]), c: T.makeArray(c, shape: [rows, hidden]),
                           tanhC: T.makeArray(tanhC, shape: [rows, hidden]),
                           fed: T.makeArray(fed, shape: [rows - first, hidden]))
    return (T.makeArray(h, shape: [rows, hidden]), saved.c, saved)
}

/// Backward through time for element type `T`: gz = ∂L/∂P `(Σ, 4H)` and the deferred ∂L/∂W.
func lstmSequenceBackward<T: KernelScalar>(
    _ gH: NDArray, _ gC: NDArray, _ weight: NDArray, _ layout: PackedSequences, _ mask: NDArray?,
    _ saved: SavedSteps, as: T.Type
) -> (NDArray, WeightGradient) {
    let hidden = weight.shape[1], width = 4 * hidden
    let rows = layout.totalSteps, first = layout.batchSizes.first ?? 0, steps = layout.maxLength
    var gz: [T] = kernelOutput(rows * width)
    var dh: [T] = kernelOutput(first * hidden), dc: [T] = kernelOutput(first * hidden)
    var dhCarry = [T](repeating: 0, count: first * hidden), dcCarry = [T](repeating: 0, count: first * hidden)
    let zeros = [T](repeating: 0, count: first * hidden)
    let maskValues: [T]? = mask.map { T.elements(of: $0) }
    gH.withUnsafeBufferPointer(as: T.self) { gH in
    gC.withUnsafeBufferPointer(as: T.self) { gC in
    weight.withUnsafeBufferPointer(as: T.self) { w in
    saved.gates.withUnsafeBufferPointer(as: T.self) { gates in
    saved.c.withUnsafeBufferPointer(as: T.self) { c in
    saved.tanhC.withUnsafeBufferPointer(as: T.self) { tanhC in
    gz.withUnsafeMutableBufferPointer { gz in
    dh.withUnsafeMutableBufferPointer { dh in
    dc.withUnsafeMutableBufferPointer { dc in
    dhCarry.withUnsafeMutableBufferPointer { dhCarry in
    dcCarry.withUnsafeMutableBufferPointer { dcCarry in
    zeros.withUnsafeBufferPointer { zeros in
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let n = layout.batchSizes[t], row = layout.offsets[t]
            let carried = (t + 1 < steps ? layout.batchSizes[t + 1] : 0) * hidden
            // What reaches hₜ and cₜ: the outputs' gradients, plus (for the sequences still running at
            // t + 1) what step t + 1 sends back.
            for i in 0..<carried {
                dh[i] = gH[row * hidden + i] + dhCarry[i]
                dc[i] = gC[row * hidden + i] + dcCarry[i]
            }
            for i in carried..<(n * hidden) {
                dh[i] = gH[row * hidden + i]
                dc[i] = gC[row * hidden + i]
            }
            let cPrev = t == 0 ? zeros.baseAddress! : c.baseAddress! + layout.offsets[t - 1] * hidden
            let gzStep = gz.baseAddress! + row * width
            let gateStep = gates.baseAddress! + row * width, tanhStep = tanhC.baseAddress! + row * hidden
            let (dhBase, dcBase, carryBase) = (dh.baseAddress!, dc.baseAddress!, dcCarry.baseAddress!)
            parallelFor(count: n * hidden, minimumChunk: lstmParallelChunk) { u in
                T.lstmBackward(
                    cPrev: UnsafeBufferPointer(start: cPrev + u.lowerBound, count: u.count),
                    gates: UnsafeBufferPointer(start: gateStep + 4 * u.lowerBound, count: 4 * u.count),
                    tanhC: UnsafeBufferPointer(start: tanhStep + u.lowerBound, count: u.count),
                    gc: UnsafeBufferPointer(start: dcBase + u.lowerBound, count: u.count),
                    gh: UnsafeBufferPointer(start: dhBase + u.lowerBound, count: u.count),
                    gcPrev: UnsafeMutableBufferPointer(start: carryBase + u.lowerBound, count: u.count),
                    gx: UnsafeMutableBufferPointer(start: gzStep + 4 * u.lowerBound, count: 4 * u.count))
            }
            guard t > 0 else { continue }
            // ∂L/∂hₜ₋₁ (rows 0..<n) = m ⊙ (gzₜ·W).
            T.gemm(transA: false, transB: false, m: n, n: hidden, k: width, alpha: 1, a: gzStep, lda: width,
                   b: w.baseAddress!, ldb: hidden, beta: 0, c: dhCarry.baseAddress!, ldc: hidden)
            if let maskValues { for i in 0..<(n * hidden) { dhCarry[i] *= maskValues[i] } }
        }
    }}}}}}}}}}}}
    let gP = T.makeArray(gz, shape: [rows, width])
    // ∂L/∂W = Σₜ gzₜᵀ·fedₜ over steps 1…: the rows of gz after the first block against `fed`.
    let fed = saved.fed
    func product(into gradient: inout NDArray, beta: T) {
        guard rows > first else { return }
        gP.withUnsafeBufferPointer(as: T.self) { gz in
            fed.withUnsafeBufferPointer(as: T.self) { fed in
                gradient.withUnsafeMutableBufferPointer(as: T.self) { g in
                    T.gemm(transA: true, transB: false, m: width, n: hidden, k: rows - first, alpha: 1,
                           a: gz.baseAddress! + first * width, lda: width, b: fed.baseAddress!, ldb: hidden,
                           beta: beta, c: g.baseAddress!, ldc: hidden)
                }
            }
        }
    }
    let weightGradient = WeightGradient(
        addInto: { product(into: &$0, beta: 1) },
        make: {
            var g = NDArray.zeros([width, hidden], dtype: weight.dtype)
            product(into: &g, beta: 0)
            return g
        })
    return (gP, weightGradient)
}
