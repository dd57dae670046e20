// Converting between the core's saved-state entries (SavedValue) and `.npz` members (NPYValue): integers
// stay integers (`<i8`), arrays keep their dtype.
import KusariCore

extension NPYValue {
    /// The `.npz` member holding `saved`: integer data as ``integers(_:shape:)``, arrays as ``array(_:)``.
    public init(_ saved: SavedValue) {
        switch saved {
        case let .array(array): self = .array(array)
        case let .integers(values, shape): self = .integers(values, shape: shape)
        }
    }

    /// The member as a saved-state entry (integer and bool members as integers).
    public var savedValue: SavedValue {
        switch self {
        case let .array(array): return .array(array)
        case let .integers(values, shape): return .integers(values, shape: shape)
        }
    }
}

extension NPZArchive {
    /// An archive holding a saved state (from a ``/KusariCore/StateWriter``): counters become `int64`
    /// members, arrays keep their dtype.
    public init(state: [String: SavedValue], name: String = "npz archive") {
        self.init(state.mapValues { NPYValue($0) }, name: name)
    }

    /// Every member as a saved-state entry, for a ``/KusariCore/StateReader``.
    public var savedState: [String: SavedValue] { members.mapValues(\.savedValue) }
}
