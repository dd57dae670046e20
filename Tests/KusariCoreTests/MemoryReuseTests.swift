import Testing
import KusariCore

@Suite("Core: malloc settings for reused large buffers")
struct MemoryReuseTests {
    @Test("glibc accepts the settings, and large arrays still work after them")
    func reuseLargeBuffers() {
        #if os(Linux)
        #expect(Memory.reuseLargeBuffers(upToMegabytes: 64))
        #endif
        // A 16 MB array, freed and allocated again, keeps its values (the allocator now reuses its pages).
        for value in [1.0, 2.0] {
            let big = NDArray.full([2048, 2048], value: value)
            #expect(big.sum().scalar == value * 2048 * 2048)
        }
    }
}

@Suite("Core: malloc settings clamp their argument")
struct MemoryReuseClampTests {
    @Test("any megabyte count, even absurd ones, becomes a valid setting")
    func clamps() {
        #if os(Linux)
        #expect(Memory.reuseLargeBuffers(upToMegabytes: Int.max))
        #expect(Memory.reuseLargeBuffers(upToMegabytes: -5))
        #expect(Memory.reuseLargeBuffers(upToMegabytes: 1024))
        #endif
    }
}
