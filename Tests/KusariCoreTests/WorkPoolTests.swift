import Foundation
import Synchronization
import Testing
import KusariTestFixtures
@testable import KusariCore

/// Kusari's thread pool (`WorkPool`, Sources/CWorkPool): every part runs exactly once, on any thread
/// count, nested and concurrent callers included.
@Suite("Core: the work pool", .serialized)
struct WorkPoolTests {
    /// How many times each part ran.
    private func runCounts(parts: Int) -> [Int] {
        let counts = Mutex([Int](repeating: 0, count: parts))
        WorkPool.run(parts: parts) { part in counts.withLock { $0[part] += 1 } }
        return counts.withLock { $0 }
    }

    @Test("every part runs once", arguments: [1, 2, 3, 4])
    func everyPartRunsOnce(threads: Int) {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.threads = threads
        #expect(BLAS.threads == threads)
        for parts in [0, 1, 2, 3, 17, 1000] {
            #expect(runCounts(parts: parts) == [Int](repeating: 1, count: parts), "parts \(parts)")
        }
    }

    @Test("parts really run on two threads when two are set")
    func partsUseTheWorkers() {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        // Each part waits (up to 20 ms) until both have started: only two threads running at once can pass.
        // Other suites run beside this one and take the pool or change the thread count for a moment (a
        // job then runs on its caller alone), so it tries again, for up to about 5 s, until one attempt
        // finds the pool free.
        let started = Atomic<Int>(0)
        let bothStarted = Mutex([Bool](repeating: false, count: 2))
        var sawTwoThreads = false
        for _ in 0..<250 where !sawTwoThreads {
            BLAS.threads = 2
            started.store(0, ordering: .sequentiallyConsistent)
            bothStarted.withLock { $0 = [false, false] }
            WorkPool.run(parts: 2) { part in
                started.add(1, ordering: .sequentiallyConsistent)
                let deadline = Date().addingTimeInterval(0.02)
                while started.load(ordering: .sequentiallyConsistent) < 2 && Date() < deadline {}
                bothStarted.withLock { $0[part] = started.load(ordering: .sequentiallyConsistent) == 2 }
            }
            sawTwoThreads = bothStarted.withLock { $0 == [true, true] }
        }
        #expect(sawTwoThreads)
    }

    @Test("a part that starts a job runs it inline, without deadlock")
    func nestedJobsRunInline() {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.threads = 2
        let counts = Mutex([Int](repeating: 0, count: 12))
        WorkPool.run(parts: 3) { outer in
            WorkPool.run(parts: 4) { inner in counts.withLock { $0[outer * 4 + inner] += 1 } }
        }
        #expect(counts.withLock { $0 } == [Int](repeating: 1, count: 12))
    }

    @Test("callers on several threads at once all get their parts run once")
    func concurrentCallers() {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.threads = 2
        let totals = Mutex([Int](repeating: 0, count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { caller in
            for _ in 0..<200 {
                let counts = Mutex([Int](repeating: 0, count: 5))
                WorkPool.run(parts: 5) { part in counts.withLock { $0[part] += 1 } }
                if counts.withLock({ $0 }) == [1, 1, 1, 1, 1] { totals.withLock { $0[caller] += 1 } }
            }
        }
        #expect(totals.withLock { $0 } == [Int](repeating: 200, count: 8))
    }

    @Test("threads sleep after the spin budget and wake for the next job")
    func sleepingWorkersWake() {
        ThreadSettings.acquire()
        defer { ThreadSettings.release() }
        BLAS.threads = 3
        BLAS.idleSpinMicroseconds = 0
        for _ in 0..<50 {
            #expect(runCounts(parts: 6) == [1, 1, 1, 1, 1, 1])
            usleep(200)
        }
        BLAS.idleSpinMicroseconds = -5
        #expect(BLAS.idleSpinMicroseconds == 0)
    }
}
