// The loops behind LSTMSequenceFunction (equations there): forward through time, then backward through
// time, over contiguous packed buffers. Row block t (rows offsets[t] ..< offsets[t] + n_t) is step t; the
// first n_t rows of a step's block are a prefix of the previous step's, so the state a step reads is the
// start of the previous block, and no gather is needed.
//
// Each step is split into blocks of units (lstmStepBlocks), one per part of a Kusari pool job, as the
// LSTM link's step is (LSTMStepKernels.swift): in Chainer's gate layout the gates of unit j are columns
// 4j…4j+3 of z, so a block of units [u₀, u₁) owns the columns 4u₀…4u₁ − 1 of zₜ and of gzₜ, the rows
// 4u₀…4u₁ − 1 of W, and the units u₀…u₁ − 1 of c, h and the gradients that reach them.
//   Forward, one job per step: a part computes its columns of zₜ = fedₜ·Wᵀ + Pₜ, runs the cell on its
//   units, and writes its units of the next step's fedₜ₊₁ = m ⊙ hₜ, the only input of step t + 1 that
//   needs every block; the end of the job is the barrier between the steps.
//   Backward, two jobs per step: a part adds the gradients carried from step t + 1 to its units of
//   ∂L/∂hₜ and ∂L/∂cₜ and runs the cell's backward on them, which gives its columns of gzₜ; then
//   ∂L/∂hₜ₋₁ = gzₜ·W, which needs all of gzₜ, is a split product (BLAS.product).
// Every element is computed by the same operations in the same order as in the unsplit loops (product,
// then + P; product, then ⊙ m, then + the output gradient). A block's product is smaller than the whole
// step's, and OpenBLAS picks its kernel by size, which for some shapes changes the last bit (see
// BLAS.exactParts): the tests check one, two and three threads bit for bit at their shapes.
import KusariCore

/// The blocks of units a step of `n` sequences is split into (the lateral product's size decides).
func lstmSequenceBlocks(batch n: Int, hidden: Int) -> [Range<Int>] {
    lstmStepBlocks(batch: n, inSize: 0, hidden: hidden)
}

/// Forward through time for element type `T`; returns packed h and c and the saved activations.
func lstmSequenceForward<T: KernelScalar>(
    _ projected: NDArray, _ weight: NDArray, _ layout: PackedSequences, _ mask: NDArray?, as: T.Type
) -> (h: NDArray, c: NDArray, saved: SavedSteps) {
    let hidden = weight.shape[1], width = 4 * hidden
    let rows = layout.totalSteps, first = layout.batchSizes.first ?? 0, steps = layout.maxLength
    var gates: [T] = kernelOutput(rows * width)
    var c: [T] = kernelOutput(rows * hidden), tanhC: [T] = kernelOutput(rows * hidden), h: [T] = kernelOutput(rows * hidden)
    var fed: [T] = kernelOutput((rows - first) * hidden)
    let zeros = [T](repeating: 0, count: first * hidden)
    let maskValues: [T] = mask.map { T.elements(of: $0) } ?? [], masked = mask != nil
    projected.withUnsafeBufferPointer(as: T.self) { p in
    weight.withUnsafeBufferPointer(as: T.self) { w in
    gates.withUnsafeMutableBufferPointer { gates in
    c.withUnsafeMutableBufferPointer { c in
    tanhC.withUnsafeMutableBufferPointer { tanhC in
    h.withUnsafeMutableBufferPointer { h in
    fed.withUnsafeMutableBufferPointer { fed in
    withCacheAlignedZeros(first * width, of: T.self) { z in
    zeros.withUnsafeBufferPointer { zeros in
    maskValues.withUnsafeBufferPointer { mask in
        for (t, n) in layout.batchSizes.enumerated() {
            let row = layout.offsets[t]
            let pStep = p.baseAddress! + row * width
            let cPrev = t == 0 ? zeros.baseAddress! : UnsafePointer(c.baseAddress! + layout.offsets[t - 1] * hidden)
            let next = t + 1 < steps ? layout.batchSizes[t + 1] : 0
            // Step t reads row block t − 1 of `fed` and writes block t (both empty for one-step sequences).
            let fedStep = t > 0 ? UnsafePointer(fed.baseAddress! + (row - first) * hidden) : nil
            let fedNext = next > 0 ? fed.baseAddress! + (layout.offsets[t + 1] - first) * hidden : nil
            let blocks = lstmSequenceBlocks(batch: n, hidden: hidden)
            WorkPool.run(parts: blocks.count) { part in
                let units = blocks[part]
                guard !units.isEmpty else { return }
                let (lane, count) = (4 * units.lowerBound, 4 * units.count)
                // zₜ = fedₜ·Wᵀ + Pₜ on this block's columns: the product first, as linear(h, W) + P
                // computes it, so the values match the reference bit for bit. z₀ = P₀ is read in place.
                let x: UnsafePointer<T>
                if let fedStep {
                    let zBlock = z + lane
                    T.gemm(transA: false, transB: true, m: n, n: count, k: hidden, alpha: 1, a: fedStep, lda: hidden,
                           b: w.baseAddress! + lane * hidden, ldb: hidden, beta: 0, c: zBlock, ldc: width)
                    for r in 0..<n {
                        let (zRow, pRow) = (zBlock + r * width, pStep + lane + r * width)
                        for j in 0..<count { zRow[j] += pRow[j] }
                    }
                    x = UnsafePointer(zBlock)
                } else {
                    x = pStep + lane
                }
                for r in 0..<n {
                    let unit = (row + r) * hidden + units.lowerBound
                    T.lstmForwardRow(units.count, cPrev + r * hidden + units.lowerBound, x + r * width,
                                     gates.baseAddress! + (row + r) * width + lane, c.baseAddress! + unit,
                                     tanhC.baseAddress! + unit, h.baseAddress! + unit)
                }
                // This block's units of fedₜ₊₁ = m ⊙ hₜ[0..<nₜ₊₁].
                guard let fedNext else { return }
                for r in 0..<next {
                    let (source, target) = (h.baseAddress! + (row + r) * hidden, fedNext + r * hidden)
                    if masked {
                        let m = mask.baseAddress! + r * hidden
                        for u in units { target[u] = source[u] * m[u] }
                    } else {
                        (target + units.lowerBound).update(from: source + units.lowerBound, count: units.count)
                    }
                }
            }
        }
    }}}}}}}}}}
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
    let zeros = [T](repeating: 0, count: first * hidden)
    let maskValues: [T] = mask.map { T.elements(of: $0) } ?? [], masked = mask != nil
    gH.withUnsafeBufferPointer(as: T.self) { gH in
    gC.withUnsafeBufferPointer(as: T.self) { gC in
    weight.withUnsafeBufferPointer(as: T.self) { w in
    saved.gates.withUnsafeBufferPointer(as: T.self) { gates in
    saved.c.withUnsafeBufferPointer(as: T.self) { c in
    saved.tanhC.withUnsafeBufferPointer(as: T.self) { tanhC in
    gz.withUnsafeMutableBufferPointer { gz in
    withCacheAlignedZeros(first * hidden, of: T.self) { dhCarry in
    withCacheAlignedZeros(first * hidden, of: T.self) { dcCarry in
    zeros.withUnsafeBufferPointer { zeros in
    maskValues.withUnsafeBufferPointer { mask in
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let n = layout.batchSizes[t], row = layout.offsets[t]
            let carried = t + 1 < steps ? layout.batchSizes[t + 1] : 0
            let cPrev = t == 0 ? zeros.baseAddress! : c.baseAddress! + layout.offsets[t - 1] * hidden
            let gzStep = gz.baseAddress! + row * width
            let blocks = lstmSequenceBlocks(batch: n, hidden: hidden)
            WorkPool.run(parts: blocks.count) { part in
                let units = blocks[part]
                guard !units.isEmpty else { return }
                let (lane, u0) = (4 * units.lowerBound, units.lowerBound)
                // ∂L/∂hₜ and ∂L/∂cₜ of one row of this block's units, in scratch space of the part's own.
                withUnsafeTemporaryAllocation(of: T.self, capacity: 2 * units.count) { scratch in
                    let (dh, dc) = (scratch.baseAddress!, scratch.baseAddress! + units.count)
                    for r in 0..<n {
                        // What reaches hₜ and cₜ: the outputs' gradients, plus (for the sequences still
                        // running at t + 1) what step t + 1 sends back, m ⊙ (gzₜ₊₁·W) and the cell's gcPrev.
                        let (state, local) = ((row + r) * hidden + u0, r * hidden + u0)
                        let (gHRow, gCRow) = (gH.baseAddress! + state, gC.baseAddress! + state)
                        let (dhCarried, dcCarried) = (dhCarry + local, dcCarry + local)
                        if r < carried {
                            if masked {
                                let m = mask.baseAddress! + local
                                for u in 0..<units.count { dh[u] = gHRow[u] + dhCarried[u] * m[u] }
                            } else {
                                for u in 0..<units.count { dh[u] = gHRow[u] + dhCarried[u] }
                            }
                            for u in 0..<units.count { dc[u] = gCRow[u] + dcCarried[u] }
                        } else {
                            dh.update(from: gHRow, count: units.count)
                            dc.update(from: gCRow, count: units.count)
                        }
                        T.lstmBackwardRow(units.count, cPrev + local, gates.baseAddress! + (row + r) * width + lane,
                                          tanhC.baseAddress! + state, dc, dh, dcCarried, gzStep + r * width + lane)
                    }
                }
            }
            guard t > 0 else { continue }
            // gzₜ·W (rows 0..<n), all of gzₜ against all of W: a split product; the mask is applied as
            // step t − 1 reads it.
            T.gemm(transA: false, transB: false, m: n, n: hidden, k: width, alpha: 1, a: gzStep, lda: width,
                   b: w.baseAddress!, ldb: hidden, beta: 0, c: dhCarry, ldc: hidden)
        }
    }}}}}}}}}}}
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

/// Runs `body` on `count` zeros that start at a cache line (64 bytes). The blocks of units are multiples of
/// 16, so (with H a multiple of 16 for the (batch, H) buffers) no cache line holds two parts' elements and
/// none bounces between cores while both write their rows.
private func withCacheAlignedZeros<T: KernelScalar, R>(_ count: Int, of: T.Type,
                                                       _ body: (UnsafeMutablePointer<T>) -> R) -> R {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<T>.stride, alignment: 64)
    defer { raw.deallocate() }
    return body(raw.initializeMemory(as: T.self, repeating: 0, count: count))
}
