// Shared helpers of the iterators: saving their configuration to check it on resume, storing a 64-bit
// seed exactly as two integers, and deriving an independent random generator per epoch or iteration.
//
// Why derived generators: an iterator draws one 64-bit seed from the caller's generator when it is
// created, and makes the random numbers for epoch (or iteration) k from RandomGenerator(seed: mix(seed, k)).
// Its randomness is then a pure function of (seed, k): saving the seed and the counters is enough to
// reproduce every future batch after a restore, and reset() replays the same order.
import KusariCore

/// Saves each `(key, value)` of an iterator's configuration; reading, checks that the saved values are
/// this iterator's.
/// - Throws: ``DatasetError/invalidIteratorState(_:)`` naming the key and both values on a mismatch.
func serializeConfiguration(_ serializer: any StateSerializer, _ configuration: KeyValuePairs<String, Int>,
                            iterator: String) throws {
    for (key, expected) in configuration {
        var saved = expected
        try serializer.serialize(key, &saved, in: Int.min...Int.max)
        guard saved == expected else {
            throw DatasetError.invalidIteratorState(
                "\(iterator): saved with \(serializer.fullKey(key)) = \(saved), but this iterator has \(expected)")
        }
    }
}

/// Saves a 64-bit seed as two exact 32-bit halves, `seed_high` and `seed_low`, or reads it back.
func serializeSeed(_ serializer: any StateSerializer, _ seed: inout UInt64) throws {
    var high = Int(seed >> 32), low = Int(seed & 0xFFFF_FFFF)
    try serializer.serialize("seed_high", &high, in: 0...0xFFFF_FFFF)
    try serializer.serialize("seed_low", &low, in: 0...0xFFFF_FFFF)
    seed = UInt64(high) << 32 | UInt64(low)
}

/// An independent generator for stream `k` of `seed` (SplitMix64's finaliser mixes both, so neighbouring
/// `k` give unrelated streams).
func derivedGenerator(seed: UInt64, stream k: Int) -> RandomGenerator {
    var z = seed ^ (UInt64(truncatingIfNeeded: k) &+ 1) &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return RandomGenerator(seed: z ^ (z >> 31))
}
