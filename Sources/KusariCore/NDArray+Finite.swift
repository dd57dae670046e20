// The finiteness test behind `NDArray.isFinite`, which training uses to stop on NaN/Inf losses and gradients.

extension NDArray {
    /// True when every element is finite (no NaN, no ±Inf).
    ///
    /// Implemented as a vectorisable bit test over the contiguous buffer (`allFinite(_:)`), not a
    /// per-element `isFinite` call, because optimizers check every gradient before each update.
    public var isFinite: Bool {
        dtype == .float32 ? allFinite(floats) : allFinite(doubles)
    }
}

/// True when no element is NaN or ±∞: the exponent field of a non-finite value is all ones, so adding
/// one unit to the masked exponent carries into the sign bit exactly for those.
package func allFinite<T: NDScalar>(_ values: [T]) -> Bool {
    values.withUnsafeBytes { raw in
        if T.self == Float.self {
            var flags: UInt32 = 0
            for bits in raw.bindMemory(to: UInt32.self) { flags |= ((bits & 0x7f80_0000) &+ 0x0080_0000) }
            return flags & 0x8000_0000 == 0
        }
        var flags: UInt64 = 0
        for bits in raw.bindMemory(to: UInt64.self) {
            flags |= ((bits & 0x7ff0_0000_0000_0000) &+ 0x0010_0000_0000_0000)
        }
        return flags & 0x8000_0000_0000_0000 == 0
    }
}
