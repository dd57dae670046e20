// The loops of LSTMStepFunction (LSTMStep.swift): one time step of an LSTM layer, forward and backward,
// computed block of units by block of units, one block per part of a Kusari pool job.
//
// In Chainer's layout the four gates of unit j are columns 4j…4j+3 of the pre-activation z, so a block of
// units [u₀, u₁) owns the columns 4u₀…4u₁ − 1 of z, the rows 4u₀…4u₁ − 1 of W and V, and the units
// u₀…u₁ − 1 of c and h. A part computes its columns of z = x·Wᵀ + h·Vᵀ + b (two gemms on one thread)
// and then the cell on exactly those columns: no other part's result is needed in between. Backward, a
// part runs the cell's backward on its units, which gives its columns of ∂z, and with them adds its rows
// of ∂W = ∂zᵀ·x, ∂V = ∂zᵀ·h and ∂b, and computes its terms ∂z[:, cols]·W[cols, :] and ∂z[:, cols]·V[cols, :]
// of ∂x and ∂h (LSTMStepBlockProducts.swift), which are added after the job. Forward and the weight
// gradients, every element is computed by the same operations in the same order as the unfused path
// (linearSum, then lstm) with the same blocks, so the two are equal bit for bit; ∂x and ∂h are too on one
// thread, and within float rounding when split (a sum of the blocks' terms, not one product).
import CLSTMKernels
import KusariCore

extension KernelScalar {
    /// The cell's forward kernel on `units` consecutive cells of one batch row (the C kernel for Float,
    /// without `lstmForward`'s parallel split, which a block running on the pool must not start).
    @inline(__always)
    static func lstmForwardRow(_ units: Int, _ cPrev: UnsafePointer<Self>, _ x: UnsafePointer<Self>,
                               _ gates: UnsafeMutablePointer<Self>, _ c: UnsafeMutablePointer<Self>,
                               _ tanhC: UnsafeMutablePointer<Self>, _ h: UnsafeMutablePointer<Self>) {
        if Self.self == Float.self {
            kusari_lstm_forward_f32(units, cPrev.float, x.float, gates.float, c.float, tanhC.float, h.float)
        } else {
            lstmForward(cPrev: .init(start: cPrev, count: units), x: .init(start: x, count: 4 * units),
                        gates: .init(start: gates, count: 4 * units), c: .init(start: c, count: units),
                        tanhC: .init(start: tanhC, count: units), h: .init(start: h, count: units))
        }
    }

    /// The cell's backward kernel on `units` consecutive cells of one batch row (see ``lstmForwardRow``).
    @inline(__always)
    static func lstmBackwardRow(_ units: Int, _ cPrev: UnsafePointer<Self>, _ gates: UnsafePointer<Self>,
                                _ tanhC: UnsafePointer<Self>, _ gc: UnsafePointer<Self>, _ gh: UnsafePointer<Self>,
                                _ gcPrev: UnsafeMutablePointer<Self>, _ gx: UnsafeMutablePointer<Self>) {
        if Self.self == Float.self {
            kusari_lstm_backward_f32(units, cPrev.float, gates.float, tanhC.float, gc.float, gh.float,
                                     gcPrev.float, gx.float)
        } else {
            lstmBackward(cPrev: .init(start: cPrev, count: units), gates: .init(start: gates, count: 4 * units),
                         tanhC: .init(start: tanhC, count: units), gc: .init(start: gc, count: units),
                         gh: .init(start: gh, count: units), gcPrev: .init(start: gcPrev, count: units),
                         gx: .init(start: gx, count: 4 * units))
        }
    }

    /// out[j] += Σ_r x[r·stride + j] for j < columns, rows in order (vectorised C for Float).
    static func addColumnSums(rows: Int, columns: Int, _ x: UnsafePointer<Self>, stride: Int,
                              into out: UnsafeMutablePointer<Self>) {
        if Self.self == Float.self {
            return kusari_add_column_sums_f32(rows, columns, x.float, stride, out.float)
        }
        for r in 0..<rows {
            let row = x + r * stride
            for j in 0..<columns { out[j] += row[j] }
        }
    }
}

/// The blocks of units one step is split into: ``BLAS/threads`` blocks (a multiple of 16 units each,
/// the last taking the rest) when the step's products are at least ``BLAS/minimumParallelProduct``
/// multiply-adds, else one.
///
/// The blocks' products are smaller than the whole step's, and below about 10⁶ multiply-adds OpenBLAS
/// switches kernels (`BLAS.exactParts`), which can change the last bit of a result. The tests check the
/// split step's values (c, h) against one thread bit for bit at the benchmark's and tests' shapes; in
/// general, values with several threads agree with one thread's to float rounding, and so do the
/// gradients, whose ∂x and ∂h are sums of the blocks' terms (LSTMStepBlockProducts.swift). Trailing
/// blocks can be empty (e.g. 59 units on 3 threads: 32, 27 and 0).
func lstmStepBlocks(batch: Int, inSize: Int, hidden: Int) -> [Range<Int>] {
    let work = batch * 4 * hidden * (inSize + hidden)
    let parts = work >= BLAS.minimumParallelProduct ? max(1, min(BLAS.threads, hidden / 16)) : 1
    let size = (hidden / parts + 15) / 16 * 16
    return (0..<parts).map { p in min(p * size, hidden)..<(p == parts - 1 ? hidden : min((p + 1) * size, hidden)) }
}

/// Runs `body` on uninitialised scratch space for `count` elements that starts at a cache line (64
/// bytes). The pre-activation z is scratch: with 4H a multiple of 64 bytes' worth of floats, each part's
/// columns of a row start at a cache line, so no line holds two parts' elements and none bounces between
/// the cores while both write their rows (the output arrays, Swift arrays, cannot be aligned so).
func withCacheAlignedScratch<T: KernelScalar, R>(_ count: Int, of: T.Type, _ body: (UnsafeMutablePointer<T>) -> R) -> R {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<T>.stride, alignment: 64)
    defer { raw.deallocate() }
    return body(raw.bindMemory(to: T.self, capacity: count))
}

/// The i-th row a part visits: odd parts go from the last row up. Two neighbouring blocks share a cache
/// line where one block's part of a row ends and the next one's begins (the arrays are not aligned to
/// blocks), so in opposite orders the two threads meet on a row once instead of on every row.
@inline(__always)
func rowOrder(_ i: Int, part: Int, rows: Int) -> Int {
    part & 1 == 0 ? i : rows - 1 - i
}

/// Forward: z = x·Wᵀ + h·Vᵀ + b and the cell, per block. Shapes: cPrev, hPrev (batch, H); x (batch, in);
/// W (4H, in); V (4H, H); b (4H). Returns c and h (batch, H) and the activations backward needs.
func lstmStepForward<T: KernelScalar>(
    cPrev: NDArray, x: NDArray, w: NDArray, hPrev: NDArray, v: NDArray, b: NDArray, as: T.Type
) -> (c: NDArray, h: NDArray, saved: LSTMActivations) {
    let (batch, inSize, hidden) = (x.shape[0], x.shape[1], cPrev.shape[1])
    let width = 4 * hidden
    var gates: [T] = kernelOutput(batch * width)
    var c: [T] = kernelOutput(batch * hidden), tanhC: [T] = kernelOutput(batch * hidden)
    var h: [T] = kernelOutput(batch * hidden)
    let blocks = lstmStepBlocks(batch: batch, inSize: inSize, hidden: hidden)
    cPrev.withUnsafeBufferPointer(as: T.self) { cPrev in
    x.withUnsafeBufferPointer(as: T.self) { x in
    w.withUnsafeBufferPointer(as: T.self) { w in
    hPrev.withUnsafeBufferPointer(as: T.self) { hPrev in
    v.withUnsafeBufferPointer(as: T.self) { v in
    b.withUnsafeBufferPointer(as: T.self) { b in
    withCacheAlignedScratch(batch * width, of: T.self) { z in
    gates.withUnsafeMutableBufferPointer { gates in
    c.withUnsafeMutableBufferPointer { c in
    tanhC.withUnsafeMutableBufferPointer { tanhC in
    h.withUnsafeMutableBufferPointer { h in
        WorkPool.run(parts: blocks.count) { part in
            let units = blocks[part]
            guard !units.isEmpty else { return }
            let (first, count) = (4 * units.lowerBound, 4 * units.count)
            let zBlock = z + first
            for r in 0..<batch { (zBlock + r * width).update(from: b.baseAddress! + first, count: count) }
            T.gemm(transA: false, transB: true, m: batch, n: count, k: inSize, alpha: 1,
                   a: x.baseAddress!, lda: inSize, b: w.baseAddress! + first * inSize, ldb: inSize,
                   beta: 1, c: zBlock, ldc: width)
            T.gemm(transA: false, transB: true, m: batch, n: count, k: hidden, alpha: 1,
                   a: hPrev.baseAddress!, lda: hidden, b: v.baseAddress! + first * hidden, ldb: hidden,
                   beta: 1, c: zBlock, ldc: width)
            for i in 0..<batch {
                let r = rowOrder(i, part: part, rows: batch)
                let unit = r * hidden + units.lowerBound, lane = r * width + first
                T.lstmForwardRow(units.count, cPrev.baseAddress! + unit, UnsafePointer(z + lane),
                                 gates.baseAddress! + lane, c.baseAddress! + unit, tanhC.baseAddress! + unit,
                                 h.baseAddress! + unit)
            }
        }
    }}}}}}}}}}}
    let stateShape = [batch, hidden]
    return (T.makeArray(c, shape: stateShape), T.makeArray(h, shape: stateShape),
            LSTMActivations(gates: T.makeArray(gates, shape: [batch, width]), tanhC: T.makeArray(tanhC, shape: stateShape)))
}

/// Backward through the cell, per block: ∂cPrev (batch, H) and ∂z (batch, 4H) from ∂c and ∂h. When
/// `weightGradients` is given (∂W, ∂V, ∂b, to add into), each part also adds its rows of ∂W += ∂zᵀ·x,
/// ∂V += ∂zᵀ·h and its entries of ∂b += Σ_rows ∂z.
///
/// For each matrix M (4H, k) in `inputProducts` (V for ∂hPrev, W for ∂x) it also returns ∂z·M (batch, k),
/// in the same job: part p multiplies its own columns of ∂z by its rows of M, and the parts' products are
/// added in part order afterwards, ∂z·M = Σ_p ∂z[:, cols_p]·M[cols_p, :]. With one block this is the
/// single product ∂z·M; with several, a different order of the same sum (it rounds differently from one
/// thread, within float rounding), which saves a second parallel job and a second pass over ∂z per step.
func lstmStepBackward<T: KernelScalar>(
    cPrev: NDArray, x: NDArray, hPrev: NDArray, saved: LSTMActivations, gc: NDArray, gh: NDArray,
    weightGradients: inout [NDArray], inputProducts: [NDArray] = [], as: T.Type
) -> (gcPrev: NDArray, gz: NDArray, inputGradients: [NDArray]) {
    let (batch, inSize, hidden) = (x.shape[0], x.shape[1], cPrev.shape[1])
    let width = 4 * hidden
    var gcPrev: [T] = kernelOutput(batch * hidden), gz: [T] = kernelOutput(batch * width)
    let blocks = lstmStepBlocks(batch: batch, inSize: inSize, hidden: hidden)
    let products = BlockProducts<T>(matrices: inputProducts, rows: batch, parts: blocks.count)
    let addWeights = weightGradients.count == 3
    // Taken out of the array (and put back below) so each is uniquely owned and written in place.
    var gb = addWeights ? weightGradients.removeLast() : NDArray.zeros([0], dtype: x.dtype)
    var gv = addWeights ? weightGradients.removeLast() : NDArray.zeros([0], dtype: x.dtype)
    var gw = addWeights ? weightGradients.removeLast() : NDArray.zeros([0], dtype: x.dtype)
    cPrev.withUnsafeBufferPointer(as: T.self) { cPrev in
    x.withUnsafeBufferPointer(as: T.self) { x in
    hPrev.withUnsafeBufferPointer(as: T.self) { hPrev in
    saved.gates.withUnsafeBufferPointer(as: T.self) { gates in
    saved.tanhC.withUnsafeBufferPointer(as: T.self) { tanhC in
    gc.withUnsafeBufferPointer(as: T.self) { gc in
    gh.withUnsafeBufferPointer(as: T.self) { gh in
    gcPrev.withUnsafeMutableBufferPointer { gcPrev in
    gz.withUnsafeMutableBufferPointer { gz in
    gw.withUnsafeMutableBufferPointer(as: T.self) { gw in
    gv.withUnsafeMutableBufferPointer(as: T.self) { gv in
    gb.withUnsafeMutableBufferPointer(as: T.self) { gb in
        WorkPool.run(parts: blocks.count) { part in
            let units = blocks[part]
            let (first, count) = (4 * units.lowerBound, 4 * units.count)
            guard !units.isEmpty else {
                return products.multiply(part: part, gz: UnsafePointer(gz.baseAddress!), width: width, columns: first..<first)
            }
            for i in 0..<batch {
                let r = rowOrder(i, part: part, rows: batch)
                let unit = r * hidden + units.lowerBound, lane = r * width + first
                T.lstmBackwardRow(units.count, cPrev.baseAddress! + unit, gates.baseAddress! + lane,
                                  tanhC.baseAddress! + unit, gc.baseAddress! + unit, gh.baseAddress! + unit,
                                  gcPrev.baseAddress! + unit, gz.baseAddress! + lane)
            }
            let gzBlock = UnsafePointer(gz.baseAddress! + first)
            if addWeights {
                T.gemm(transA: true, transB: false, m: count, n: inSize, k: batch, alpha: 1,
                       a: gzBlock, lda: width, b: x.baseAddress!, ldb: inSize,
                       beta: 1, c: gw.baseAddress! + first * inSize, ldc: inSize)
                T.gemm(transA: true, transB: false, m: count, n: hidden, k: batch, alpha: 1,
                       a: gzBlock, lda: width, b: hPrev.baseAddress!, ldb: hidden,
                       beta: 1, c: gv.baseAddress! + first * hidden, ldc: hidden)
                // Rows added in order, as NDArray.addColumnSums adds them.
                T.addColumnSums(rows: batch, columns: count, gzBlock, stride: width, into: gb.baseAddress! + first)
            }
            products.multiply(part: part, gz: UnsafePointer(gz.baseAddress!), width: width, columns: first..<(first + count))
        }
    }}}}}}}}}}}}
    if addWeights { weightGradients = [gw, gv, gb] }
    return (T.makeArray(gcPrev, shape: [batch, hidden]), T.makeArray(gz, shape: [batch, width]), products.sums())
}

// Views of a generic pointer as Float, used only after checking `Self.self == Float.self`.
private extension UnsafePointer {
    var float: UnsafePointer<Float> { UnsafeRawPointer(self).assumingMemoryBound(to: Float.self) }
}

private extension UnsafeMutablePointer {
    var float: UnsafeMutablePointer<Float> { UnsafeMutableRawPointer(self).assumingMemoryBound(to: Float.self) }
}
