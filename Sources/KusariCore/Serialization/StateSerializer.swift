// Saving and restoring training state with one method per component (Chainer's `serialize(serializer)`):
// the component names its values once, and the serializer either records them (StateWriter) or replaces
// them with checked saved values (StateReader).

/// A visitor that saves or restores a component's state: the one method a stateful component implements
/// for both directions (Chainer's `Serializer`).
///
/// A component lists its values by key; writing, the serializer records them; reading, it replaces them
/// with the saved values after checking them (a snapshot is untrusted input). `serializer["updater"]` is
/// the serializer for a part, whose keys are prefixed with `updater/`, so no component ever builds or
/// strips a prefix:
///
/// ```swift
/// func serialize(_ serializer: any StateSerializer) throws {
///     var shifts = self.shifts                          // read into locals, assign at the end: a bad
///     try serializer.serialize("shifts", &shifts)       // saved value leaves the component unchanged
///     try optimizer.serialize(serializer["optimizer"])  // keys "optimizer/t", "optimizer/lr", …
///     if serializer.isReading { self.shifts = shifts }
/// }
/// ```
///
/// Implementations provide the untyped primitive ``serialize(_:_:)-(String,SavedValue?)`` and the child
/// subscript; the typed entry points (`Int`, `Double`, `Bool`, ``NDArray``, and optionals) are written once,
/// in a protocol extension, with the checks every reader makes: a required key must be present, a counter
/// must be one whole number in its range, a number must be finite, an array must have the expected shape.
/// Counters are written as integers; they are also read from float64 whole numbers, the format of
/// snapshots written before counters were integers.
public protocol StateSerializer: AnyObject {
    /// True when restoring (``StateReader``), false when saving (``StateWriter``).
    var isReading: Bool { get }
    /// The prefix of this serializer's keys in the whole state: `""` at the root, `"updater/model/"` for
    /// `root["updater"]["model"]`. Messages name keys with it, so they match the snapshot's member names.
    var prefix: String { get }
    /// The serializer for the part `name` (keys `prefix + name + "/" + key`). Slashes at either end of
    /// `name` are dropped, so a parameter path such as `/l1/W` gives the keys `l1/W/…`, as in Chainer.
    subscript(_ name: String) -> any StateSerializer { get }
    /// Reading: the saved keys under ``prefix``, without it, sorted (for parts whose keys are not known in
    /// advance, such as a log's columns). Writing: empty.
    var savedKeys: [String] { get }
    /// The primitive: writing, records `value` under `key` when it is not `nil`; reading, sets `value` to
    /// the entry saved under `key`, or `nil` when there is none.
    func serialize(_ key: String, _ value: inout SavedValue?) throws
}

extension StateSerializer {
    /// The full key of `key` in the whole state (``prefix`` + `key`), as messages name it.
    public func fullKey(_ key: String) -> String { prefix + key }

    /// A counter or other whole number, saved as an integer; reading, it must be present, be one whole
    /// number (an int64, or a float64 from an older snapshot) and lie in `range`.
    public func serialize(_ key: String, _ value: inout Int,
                          in range: ClosedRange<Int> = 0...maximumSavedCount) throws {
        var saved: SavedValue? = isReading ? nil : .integer(value)
        try serialize(key, &saved)
        if isReading { value = try checkedInteger(try required(saved, key), key, in: range) }
    }

    /// An optional whole number: nothing is saved for `nil`; reading, a missing key gives `nil`.
    public func serialize(_ key: String, _ value: inout Int?,
                          in range: ClosedRange<Int> = 0...maximumSavedCount) throws {
        var saved: SavedValue? = isReading ? nil : value.map { .integer($0) }
        try serialize(key, &saved)
        if isReading { value = try saved.map { try checkedInteger($0, key, in: range) } }
    }

    /// A number, saved as a float64 scalar; reading, it must be present, be one number and (unless
    /// `finite` is false) be finite.
    public func serialize(_ key: String, _ value: inout Double, finite: Bool = true) throws {
        var saved: SavedValue? = isReading ? nil : .number(value)
        try serialize(key, &saved)
        if isReading { value = try checkedNumber(try required(saved, key), key, finite: finite) }
    }

    /// An optional number: nothing is saved for `nil`; reading, a missing key gives `nil`.
    public func serialize(_ key: String, _ value: inout Double?, finite: Bool = true) throws {
        var saved: SavedValue? = isReading ? nil : value.map { .number($0) }
        try serialize(key, &saved)
        if isReading { value = try saved.map { try checkedNumber($0, key, finite: finite) } }
    }

    /// A flag, saved as the integer 0 or 1; reading, it must be present and be 0 or 1.
    public func serialize(_ key: String, _ value: inout Bool) throws {
        var number = value ? 1 : 0
        try serialize(key, &number, in: 0...1)
        value = number == 1
    }

    /// An array; reading, it must be present and, when `shape` is given, have that shape. Saved integer
    /// data is returned as float64.
    public func serialize(_ key: String, _ value: inout NDArray, shape: [Int]? = nil) throws {
        var saved: SavedValue? = isReading ? nil : .array(value)
        try serialize(key, &saved)
        if isReading { value = try checkedArray(try required(saved, key), key, shape: shape) }
    }

    /// An optional array: nothing is saved for `nil`; reading, a missing key gives `nil`.
    public func serialize(_ key: String, _ value: inout NDArray?, shape: [Int]? = nil) throws {
        var saved: SavedValue? = isReading ? nil : value.map { .array($0) }
        try serialize(key, &saved)
        if isReading { value = try saved.map { try checkedArray($0, key, shape: shape) } }
    }

    private func required(_ saved: SavedValue?, _ key: String) throws(StateError) -> SavedValue {
        guard let saved else { throw StateError("the saved state has no '\(fullKey(key))'") }
        return saved
    }

    private func checkedNumber(_ saved: SavedValue, _ key: String, finite: Bool) throws(StateError) -> Double {
        guard saved.count == 1 else {
            throw StateError("'\(fullKey(key))' should be one number, but has shape \(saved.shape)")
        }
        switch saved {
        case let .integers(values, _): return Double(values[0])
        case let .array(array):
            let value = array.scalar
            guard value.isFinite || !finite else {
                throw StateError("'\(fullKey(key))' = \(value) is not a finite number")
            }
            return value
        }
    }

    private func checkedInteger(_ saved: SavedValue, _ key: String, in range: ClosedRange<Int>) throws(StateError) -> Int {
        let integer: Int
        switch saved {
        case let .integers(values, shape):
            guard values.count == 1 else {
                throw StateError("'\(fullKey(key))' should be one integer, but has shape \(shape)")
            }
            integer = values[0]
        case .array:
            // A float64 counter, as snapshots held before counters were integers.
            let value = try checkedNumber(saved, key, finite: true)
            guard value == value.rounded() else {
                throw StateError("'\(fullKey(key))' = \(value) is not a whole number")
            }
            guard abs(value) <= Double(maximumSavedCount) else {
                throw StateError("'\(fullKey(key))' = \(value) is out of range (beyond ±2^53)")
            }
            integer = Int(value)
        }
        guard range.contains(integer) else {
            throw StateError("'\(fullKey(key))' = \(integer) is out of range (\(range.lowerBound)...\(range.upperBound))")
        }
        return integer
    }

    private func checkedArray(_ saved: SavedValue, _ key: String, shape: [Int]?) throws(StateError) -> NDArray {
        if let shape, saved.shape != shape {
            throw StateError("'\(fullKey(key))' has shape \(saved.shape), expected \(shape)")
        }
        return saved.ndarray
    }
}

/// Why a saved state cannot be restored: a sentence naming the key as the snapshot stores it and what was
/// wrong, e.g. "'extensions/LogReport/count' = -5 is out of range (0...9007199254740992)".
public struct StateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The complete message.
    public let message: String
    /// An error with the complete message `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
