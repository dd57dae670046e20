// Keeping large freed buffers for reuse instead of handing them back to the kernel after every step.
//
// Why it matters: glibc's malloc serves blocks above its mmap threshold (128 KB at first, adjusted
// upwards to at most 32 MB as such blocks are freed) straight from the kernel, and returns freed memory at
// the top of the heap once more than its trim threshold is free. A training step that allocates and frees
// the same few large arrays every iteration (SequenceLSTM's packed activations are several MB each) then
// pays a page fault and a zeroed page from the kernel for every 4 KB it touches, every step: on the
// w4seq benchmark (Docs/Performance.md) about a quarter of the step's time.
#if os(Linux)
import CMalloc
#endif

/// Process-wide settings of the C allocator that Kusari's arrays use.
public enum Memory {
    /// Asks the C allocator (glibc's malloc) to serve every block of up to 32 MB from its heap and to keep
    /// up to `megabytes` (32…2047) of freed memory for reuse, instead of mapping large blocks from the kernel and
    /// returning them when freed. Returns false when the allocator refused (or is not glibc's).
    ///
    /// A training loop that allocates the same large arrays in every step then reuses the same pages,
    /// without a page fault per 4 KB each time. The cost is that up to `megabytes` stay with the process
    /// between steps. The setting holds for the whole process, like ``BLAS/threads``; the environment
    /// variables `MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=…` do the same from outside
    /// (for PyTorch too).
    ///
    /// ```swift
    /// Memory.reuseLargeBuffers()
    /// ```
    @discardableResult
    public static func reuseLargeBuffers(upToMegabytes megabytes: Int = 1024) -> Bool {
        #if os(Linux)
        let trim = Int32(min(max(megabytes, 32), 2047) << 20)     // glibc takes an int: at most 2047 MB
        return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, trim) == 1
        #else
        return false
        #endif
    }
}
