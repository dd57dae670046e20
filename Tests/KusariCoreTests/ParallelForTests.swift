import Synchronization
import Testing
import Kusari
@testable import KusariCore
@testable import KusariNN

/// parallelFor's ranges, and the LSTM forward kernel split over threads against one thread.
@Suite("parallelFor")
struct ParallelForTests {
    /// The ranges `parallelFor` hands out, sorted.
    private func ranges(count: Int, minimumChunk: Int, alignment: Int = 16, threads: Int) -> [Range<Int>] {
        let seen = Mutex<[Range<Int>]>([])
        parallelFor(count: count, minimumChunk: minimumChunk, alignment: alignment, threads: threads) { r in
            seen.withLock { $0.append(r) }
        }
        return seen.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound }
    }

    @Test(arguments: [1, 2, 3, 4])
    func rangesCoverEveryIndexOnceInAlignedPieces(threads: Int) {
        for count in [0, 1, 15, 16, 100, 8191, 8192, 40_000, 65_537] {
            let parts = ranges(count: count, minimumChunk: 1000, threads: threads)
            #expect(parts.map(\.count).reduce(0, +) == count, "count \(count)")
            #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(parts.first?.lowerBound ?? 0 == 0 && parts.last?.upperBound ?? 0 == count)
            #expect(parts.dropLast().allSatisfy { $0.count % 16 == 0 })
            #expect(parts.count <= max(1, min(threads, count / 1000)))
        }
    }

    @Test func smallWorkRunsInline() {
        #expect(ranges(count: 999, minimumChunk: 1000, threads: 2) == [0..<999])
    }

    @Test func lstmForwardKernelSplitOverThreadsMatchesOneThread() {
        let units = 3 * lstmParallelChunk + 37
        let generator = RandomGenerator(seed: 81)
        let cPrev = NDArray.normal([units], generator: generator).floatValues
        let x = NDArray.normal([4 * units], std: 3, generator: generator).floatValues
        func run(threads: Int) -> [[Float]] {
            var gatesOut = [Float](repeating: 0, count: 4 * units)
            var (cOut, tanhOut, hOut) = ([Float](repeating: 0, count: units), [Float](repeating: 0, count: units),
                                         [Float](repeating: 0, count: units))
            cPrev.withUnsafeBufferPointer { cPrev in
                x.withUnsafeBufferPointer { x in
                    gatesOut.withUnsafeMutableBufferPointer { gates in
                        cOut.withUnsafeMutableBufferPointer { c in
                            tanhOut.withUnsafeMutableBufferPointer { tanhC in
                                hOut.withUnsafeMutableBufferPointer { h in
                                    lstmForwardFloat(cPrev: cPrev, x: x, gates: gates, c: c, tanhC: tanhC, h: h,
                                                     threads: threads)
                                }
                            }
                        }
                    }
                }
            }
            return [gatesOut, cOut, tanhOut, hOut]
        }
        let one = run(threads: 1)
        #expect(run(threads: 2) == one)
        #expect(run(threads: 3) == one)
    }
}
