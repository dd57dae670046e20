/// Kusari's seeded pseudo-random generator: every random source in Kusari (initializers, iterators,
/// shuffles, data generators) takes one, so the same seed always gives the same numbers.
///
/// Algorithm: xoshiro256** (Blackman & Vigna, 2018) with its 256-bit state filled from the seed by
/// SplitMix64, as the authors recommend. Uniform doubles use the top 53 bits; normal samples use the
/// Box–Muller transform (both values of each pair are used).
///
/// It is a class, so links and iterators that share one generator draw from one stream:
/// ```swift
/// let generator = RandomGenerator(seed: 42)
/// let l1 = Linear(2, 100, generator: generator)   // draws first
/// let l2 = Linear(100, 1, generator: generator)   // continues the same stream
/// ```
/// A generator is not thread-safe; give each thread its own.
public final class RandomGenerator: RandomNumberGenerator {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    private var spareNormal: Double?

    /// The generator used when a link or iterator is given none. Its seed is 0 at program start; call
    /// `RandomGenerator.shared.reseed(_:)` to choose another. Prefer passing your own generator.
    nonisolated(unsafe) public static let shared = RandomGenerator(seed: 0)

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        state = RandomGenerator.initialState(seed)
    }

    /// Restarts the stream as if the generator had just been created with `seed`.
    public func reseed(_ seed: UInt64) {
        state = RandomGenerator.initialState(seed)
        spareNormal = nil
    }

    /// The complete state (four xoshiro words and a pending normal sample), for snapshots: assigning a
    /// saved value back makes the generator continue exactly where it was.
    public var snapshotState: [Double] {
        get {
            // UInt64 words are stored as two exact 32-bit halves each, so they survive a Double round trip.
            let words = [state.0, state.1, state.2, state.3]
            return words.flatMap { [Double($0 >> 32), Double($0 & 0xFFFF_FFFF)] } + [spareNormal ?? .nan]
        }
        set {
            require(newValue.count == 9, "RandomGenerator: a snapshot state has 9 numbers, got \(newValue.count)")
            func word(_ i: Int) -> UInt64 { UInt64(newValue[2 * i]) << 32 | UInt64(newValue[2 * i + 1]) }
            state = (word(0), word(1), word(2), word(3))
            spareNormal = newValue[8].isNaN ? nil : newValue[8]
        }
    }

    /// The 256-bit xoshiro state filled from `seed` by SplitMix64.
    private static func initialState(_ seed: UInt64) -> (UInt64, UInt64, UInt64, UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits (xoshiro256**).
    public func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    /// A uniform sample in [0, 1).
    public func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal sample (Box–Muller).
    public func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        var u1 = nextUniform()
        while u1 == 0 { u1 = nextUniform() }
        let u2 = nextUniform()
        let radius = (-2 * Double.log(u1)).squareRoot()
        spareNormal = radius * Double.sin(2 * .pi * u2)
        return radius * Double.cos(2 * .pi * u2)
    }

    /// A uniform integer in `0..<upperBound`.
    public func nextInt(below upperBound: Int) -> Int {
        require(upperBound > 0, "RandomGenerator.nextInt: upper bound must be positive")
        var generator = self  // a class: draws advance this generator's own state
        return Int.random(in: 0..<upperBound, using: &generator)
    }

    /// A random permutation of `0..<n` (Fisher–Yates).
    public func permutation(_ n: Int) -> [Int] {
        var indices = Array(0..<n)
        var i = n - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            indices.swapAt(i, j)
            i -= 1
        }
        return indices
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
