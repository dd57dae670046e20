// Kusari's thread settings are process-wide (`BLAS.threads`, `BLAS.minimumParallelProduct`,
// `BLAS.idleSpinMicroseconds`), and Swift Testing runs suites in parallel. A test that changes them, or
// whose expectations depend on them (one thread's numbers against two threads'), holds this lock, so no
// other such test changes them under it.
import Foundation
import Kusari

/// Exclusive use of Kusari's thread settings for the duration of a test.
///
///     ThreadSettings.acquire()
///     defer { ThreadSettings.release() }
///     BLAS.threads = 1
///     …
///
/// `release` puts back the settings `acquire` found. The lock is recursive (a test's helper may acquire it
/// again) and must be released on the thread that acquired it, so hold it only in synchronous code.
public enum ThreadSettings {
    /// Held from `acquire` to `release`; recursive, so a helper of a test that holds it can take it again.
    private static let lock = NSRecursiveLock()
    /// The settings to restore, one entry per nested `acquire`.
    nonisolated(unsafe) private static var saved: [(threads: Int, minimumParallelProduct: Int, spin: Int)] = []

    /// Waits until no other test holds the settings, then holds them and remembers their values.
    public static func acquire() {
        lock.lock()
        saved.append((BLAS.threads, BLAS.minimumParallelProduct, BLAS.idleSpinMicroseconds))
    }

    /// Restores the settings `acquire` remembered and lets the next test have them.
    public static func release() {
        if let last = saved.popLast() {
            (BLAS.threads, BLAS.minimumParallelProduct, BLAS.idleSpinMicroseconds) = last
        }
        lock.unlock()
    }
}
