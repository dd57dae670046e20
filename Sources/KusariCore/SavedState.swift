// Reading a saved training state (a snapshot's arrays) as untrusted input: every counter must be a
// finite whole number in its range before it is used to index, allocate or loop.
//
// A snapshot is a file like any other: it may be damaged, tampered with, or from another model or
// optimizer. Restoring code asks this reader for typed values instead of calling `Int(array.scalar)`,
// which traps on NaN, infinity and 1e300 and silently truncates 2.5.

/// Why a saved state cannot be restored: a sentence naming the owner (`MomentumSGD`, `LogReport`), the
/// key, and what was wrong, e.g. "LogReport: 'count' = 1e+10 is out of range (0...1000000)".
public struct StateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The complete message.
    public let message: String
    /// An error with the complete message `message`.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The arrays of one component's saved state, read with checks (see the top of this file).
///
/// ```swift
/// let saved = SavedState(state, owner: "LogReport")
/// let count = try saved.integer("count", in: 0...1_000_000)
/// let best = try saved.optionalNumber("best")
/// ```
public struct SavedState {
    /// The arrays by key.
    public let arrays: [String: NDArray]
    /// Who the state belongs to, for messages.
    public let owner: String

    /// A reader of `arrays` (a snapshot's state) belonging to `owner`, the name its errors start with.
    public init(_ arrays: [String: NDArray], owner: String) {
        self.arrays = arrays
        self.owner = owner
    }

    /// The entries under `prefix` (e.g. `"updater/"`), with the prefix removed: the one place that
    /// splits a flat state into its components' parts.
    public static func part(of arrays: [String: NDArray], _ prefix: String) -> [String: NDArray] {
        var result: [String: NDArray] = [:]
        for (key, value) in arrays where key.hasPrefix(prefix) { result[String(key.dropFirst(prefix.count))] = value }
        return result
    }

    /// ``part(of:_:)`` of this state, owned by `owner`.
    public func part(_ prefix: String, owner: String) -> SavedState {
        SavedState(Self.part(of: arrays, prefix), owner: owner)
    }

    /// The array stored under `key`.
    public func array(_ key: String) throws(StateError) -> NDArray {
        guard let array = arrays[key] else { throw StateError("\(owner): the saved state has no '\(key)'") }
        return array
    }

    /// The one number stored under `key`, which must be finite.
    public func number(_ key: String) throws(StateError) -> Double {
        let array = try array(key)
        guard array.count == 1 else {
            throw StateError("\(owner): '\(key)' should be one number, but has shape \(array.shape)")
        }
        let value = array.scalar
        guard value.isFinite else { throw StateError("\(owner): '\(key)' = \(value) is not a finite number") }
        return value
    }

    /// ``number(_:)`` when `key` is present, `nil` when it is not.
    public func optionalNumber(_ key: String) throws(StateError) -> Double? {
        arrays[key] == nil ? nil : try number(key)
    }

    /// The whole number stored under `key`, which must lie in `range`.
    public func integer(_ key: String, in range: ClosedRange<Int>) throws(StateError) -> Int {
        let value = try number(key)
        guard value == value.rounded() else {
            throw StateError("\(owner): '\(key)' = \(value) is not a whole number")
        }
        guard abs(value) <= Double(maximumSavedCount) else {
            throw StateError("\(owner): '\(key)' = \(value) is out of range (beyond ±2^53)")
        }
        guard range.contains(Int(value)) else {
            throw StateError("\(owner): '\(key)' = \(Int(value)) is out of range (\(range.lowerBound)...\(range.upperBound))")
        }
        return Int(value)
    }

    /// ``integer(_:in:)`` when `key` is present, `fallback` when it is not.
    public func integer(_ key: String, in range: ClosedRange<Int>, default fallback: Int) throws(StateError) -> Int {
        arrays[key] == nil ? fallback : try integer(key, in: range)
    }
}

/// The largest counter a saved state may hold (iterations, updates, log entries): 2^53, beyond which a
/// float64 no longer holds every whole number.
public let maximumSavedCount = 1 << 53
