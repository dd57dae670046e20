/// Splits `0..<count` into up to `threads` contiguous ranges of at least `minimumChunk` elements (each a
/// multiple of `alignment`, except the last) and runs `body` on them in parallel
/// (Kusari's `WorkPool`, the calling thread taking ranges too); one range runs inline.
///
/// Kusari's elementwise kernels use it for large arrays only (the LSTM cell at batch 64 × H 512 is
/// 32 768 units), with `threads` defaulting to the BLAS thread count (``BLAS/threads``), so one setting
/// decides how many cores a training step uses. Below the threshold, starting a thread costs more than the
/// loop: the tutorials' layers never split.
package func parallelFor(count: Int, minimumChunk: Int, alignment: Int = 16, threads: Int = BLAS.threads,
                 _ body: (Range<Int>) -> Void) {
    let parts = max(1, min(threads, count / max(minimumChunk, 1)))
    if parts == 1 { return body(0..<count) }
    let chunk = (count / parts + alignment - 1) / alignment * alignment
    // The ranges are disjoint and the pool returns only when every one is done, so the buffers `body`
    // captures are never touched by two threads at once.
    WorkPool.run(parts: parts) { part in
        let range = min(part * chunk, count)..<(part == parts - 1 ? count : min((part + 1) * chunk, count))
        if !range.isEmpty { body(range) }
    }
}
