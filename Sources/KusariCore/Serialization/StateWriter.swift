// The saving side of StateSerializer: collects a component's values as typed entries.

/// A ``StateSerializer`` that records every value a component serializes (Chainer's
/// `DictionarySerializer`): counters as integers, numbers and arrays as arrays.
///
/// ```swift
/// let writer = StateWriter()
/// try trainer.serialize(writer)
/// writer.entries["updater/iteration"]   // .integers([150], shape: [])
/// ```
/// Children (`writer["updater"]`) share the root's entries.
public final class StateWriter: StateSerializer {
    /// The entries shared by a writer and its children.
    private final class Storage {
        var entries: [String: SavedValue] = [:]
    }

    private let storage: Storage
    /// The prefix of this writer's keys (`""` at the root).
    public let prefix: String

    /// An empty writer (the root).
    public init() {
        storage = Storage()
        prefix = ""
    }

    private init(storage: Storage, prefix: String) {
        self.storage = storage
        self.prefix = prefix
    }

    /// Everything recorded so far through this writer and every writer derived from it, by full key.
    public var entries: [String: SavedValue] { storage.entries }

    /// Always false.
    public var isReading: Bool { false }

    /// Empty: a writer has no saved keys to list.
    public var savedKeys: [String] { [] }

    /// The writer for the part `name`, recording into the same entries under `prefix + name + "/"`.
    public subscript(_ name: String) -> any StateSerializer {
        StateWriter(storage: storage, prefix: childPrefix(prefix, name))
    }

    /// Records `value` under ``prefix`` + `key` (nothing for `nil`).
    public func serialize(_ key: String, _ value: inout SavedValue?) throws {
        if let value { storage.entries[prefix + key] = value }
    }
}

/// The prefix of the part `name` of a serializer with prefix `prefix`: `name` without slashes at either
/// end, followed by a slash (an empty `name` gives `prefix` itself).
func childPrefix(_ prefix: String, _ name: String) -> String {
    var trimmed = Substring(name)
    while trimmed.first == "/" { trimmed = trimmed.dropFirst() }
    while trimmed.last == "/" { trimmed = trimmed.dropLast() }
    return trimmed.isEmpty ? prefix : prefix + trimmed + "/"
}
