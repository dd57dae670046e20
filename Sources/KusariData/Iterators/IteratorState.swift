// Shared helpers of the iterators: reading a saved state safely, storing a 64-bit seed exactly in
// Doubles, and deriving an independent random generator per epoch or iteration.
//
// Why derived generators: an iterator draws one 64-bit seed from the caller's generator when it is
// created, and makes the random numbers for epoch (or iteration) k from RandomGenerator(seed: mix(seed, k)).
// Its randomness is then a pure function of (seed, k): saving the seed and the counters is enough to
// reproduce every future batch after a restore, and reset() replays the same order.
import KusariCore

/// Reads typed values out of a saved iterator state, throwing a clear error for a missing or bad key.
struct IteratorStateReader {
    let state: [String: Double]
    let iterator: String

    func number(_ key: String) throws -> Double {
        guard let value = state[key] else {
            throw DatasetError.invalidIteratorState("\(iterator): the state has no '\(key)'")
        }
        return value
    }

    func integer(_ key: String) throws -> Int {
        let value = try number(key)
        guard value.isFinite, value == value.rounded() else {
            throw DatasetError.invalidIteratorState("\(iterator): '\(key)' = \(value) is not a whole number")
        }
        guard abs(value) < 0x1p53 else {
            throw DatasetError.invalidIteratorState("\(iterator): '\(key)' = \(value) is out of range (2^53 or more)")
        }
        return Int(value)
    }

    /// A counter: a whole number ≥ 0.
    func count(_ key: String) throws -> Int {
        let value = try integer(key)
        guard value >= 0 else {
            throw DatasetError.invalidIteratorState("\(iterator): '\(key)' = \(value) is negative")
        }
        return value
    }

    func flag(_ key: String) throws -> Bool { try integer(key) != 0 }

    /// Throws unless the saved `key` equals `expected` (the same configuration as this iterator).
    func expect(_ key: String, equals expected: Int) throws {
        let saved = try integer(key)
        guard saved == expected else {
            throw DatasetError.invalidIteratorState(
                "\(iterator): saved with \(key) = \(saved), but this iterator has \(expected)")
        }
    }

    /// The seed saved by ``seedEntries(_:)``.
    func seed() throws -> UInt64 {
        let high = try integer("seed_high"), low = try integer("seed_low")
        guard (0..<(1 << 32)).contains(high), (0..<(1 << 32)).contains(low) else {
            throw DatasetError.invalidIteratorState("\(iterator): seed halves out of range")
        }
        return UInt64(high) << 32 | UInt64(low)
    }
}

/// A 64-bit seed as two exact 32-bit halves, `seed_high` and `seed_low`.
func seedEntries(_ seed: UInt64) -> [String: Double] {
    ["seed_high": Double(seed >> 32), "seed_low": Double(seed & 0xFFFF_FFFF)]
}

/// An independent generator for stream `k` of `seed` (SplitMix64's finaliser mixes both, so neighbouring
/// `k` give unrelated streams).
func derivedGenerator(seed: UInt64, stream k: Int) -> RandomGenerator {
    var z = seed ^ (UInt64(truncatingIfNeeded: k) &+ 1) &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return RandomGenerator(seed: z ^ (z >> 31))
}
