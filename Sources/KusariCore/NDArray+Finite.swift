// The finiteness test behind `NDArray.isFinite`, which training uses to stop on NaN/Inf losses and gradients.

extension NDArray {
    /// True when every element is finite (no NaN, no ±Inf).
    ///
    /// Implemented as a vectorisable bit test over the contiguous buffer (``NDScalar/allFinite(_:)``), not
    /// a per-element `isFinite` call, because optimizers check every gradient before each update.
    public var isFinite: Bool {
        switch storage {
        case .float32(let elements): Float.allFinite(elements)
        case .float64(let elements): Double.allFinite(elements)
        }
    }
}

/// True when no element of `values` (IEEE floats read as their bit patterns `Bits`) is NaN or ±∞: the
/// exponent field of a non-finite value is all ones, so adding one unit to the masked exponent carries
/// into the sign bit exactly for those. `Float` uses it with `UInt32` masks, `Double` with `UInt64`.
@inline(__always)
func allExponentsFinite<T, Bits: FixedWidthInteger & UnsignedInteger>(
    _ values: [T], exponentMask: Bits, lowestExponentBit: Bits
) -> Bool {
    precondition(MemoryLayout<T>.stride == MemoryLayout<Bits>.stride)
    return values.withUnsafeBytes { raw in
        var flags: Bits = 0
        for bits in raw.bindMemory(to: Bits.self) { flags |= ((bits & exponentMask) &+ lowestExponentBit) }
        return flags & (1 << (Bits.bitWidth - 1)) == 0
    }
}
