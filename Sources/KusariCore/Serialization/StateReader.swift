// The restoring side of StateSerializer: hands saved entries to a component, checked by the typed entry
// points of StateSerializer.

/// A ``StateSerializer`` that replaces a component's values with saved ones (Chainer's
/// `NpzDeserializer`), reading from the entries of a snapshot.
///
/// ```swift
/// let reader = StateReader(NPZArchive(contentsOf: url).savedState)   // KusariIO
/// try trainer.serialize(reader)
/// ```
/// Every value is checked before the component uses it (see ``StateSerializer``); a failure throws a
/// ``StateError`` naming the full key. Keys that begin with `/` (the layout of optimizer files written
/// by earlier versions, `/l1/W/m`) are read as if the slash were not there, unless that key also exists.
public final class StateReader: StateSerializer {
    private let entries: [String: SavedValue]
    /// The prefix of this reader's keys (`""` at the root).
    public let prefix: String

    /// A reader of `entries` (keys as a ``StateWriter`` records them).
    public init(_ entries: [String: SavedValue]) {
        var normalized = entries
        for (key, value) in entries where key.hasPrefix("/") {
            let bare = String(key.drop { $0 == "/" })
            if !bare.isEmpty && entries[bare] == nil {
                normalized[key] = nil
                normalized[bare] = value
            }
        }
        self.entries = normalized
        prefix = ""
    }

    /// A reader of floating-point `arrays`, such as a state saved when every value was an array (counters
    /// as float64 whole numbers).
    public convenience init(arrays: [String: NDArray]) {
        self.init(arrays.mapValues { SavedValue.array($0) })
    }

    private init(entries: [String: SavedValue], prefix: String) {
        self.entries = entries
        self.prefix = prefix
    }

    /// Always true.
    public var isReading: Bool { true }

    /// The saved keys under ``prefix``, without it, sorted.
    public var savedKeys: [String] {
        entries.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }

    /// The reader for the part `name`: the entries under `prefix + name + "/"`.
    public subscript(_ name: String) -> any StateSerializer {
        StateReader(entries: entries, prefix: childPrefix(prefix, name))
    }

    /// Sets `value` to the entry saved under ``prefix`` + `key`, or `nil`.
    public func serialize(_ key: String, _ value: inout SavedValue?) throws {
        value = entries[prefix + key]
    }
}
