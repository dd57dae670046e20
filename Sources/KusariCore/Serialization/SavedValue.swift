// The values a saved training state is made of: integers kept as integers, everything else as arrays.

/// One entry of a saved state (a snapshot member): integer data, such as a counter, or floating-point
/// data as an ``NDArray``.
///
/// Counters (iterations, update counts, positions, seeds) are integers: a ``StateWriter`` stores them as
/// ``integers(_:shape:)`` and KusariIO writes them to `.npz` files as NumPy `int64` (`<i8`), so they
/// survive a snapshot exactly at any size. KusariCore cannot import KusariIO (the `.npz` layer is above
/// it), so this small enum is the core's own vocabulary; KusariIO converts it one to one to and from its
/// `NPYValue`.
///
/// ```swift
/// let entries: [String: SavedValue] = ["t": .integer(1200), "lr": .array(NDArray(scalar: 0.01, dtype: .float64))]
/// ```
public enum SavedValue: Sendable, Equatable {
    /// Floating-point data (`float32` or `float64`).
    case array(NDArray)
    /// Integer data (`int64` in a file), row-major; `values.count` is the product of `shape`.
    case integers(_ values: [Int], shape: [Int])

    /// A zero-dimensional integer (shape `[]`), like `numpy.int64(value)`.
    public static func integer(_ value: Int) -> SavedValue { .integers([value], shape: []) }

    /// A float64 zero-dimensional array holding `value`.
    public static func number(_ value: Double) -> SavedValue { .array(NDArray(scalar: value, dtype: .float64)) }

    /// The extent of each axis; `[]` for a scalar.
    public var shape: [Int] {
        switch self {
        case let .array(array): return array.shape
        case let .integers(_, shape): return shape
        }
    }

    /// The number of elements.
    public var count: Int {
        switch self {
        case let .array(array): return array.count
        case let .integers(values, _): return values.count
        }
    }

    /// NumPy's name for the element type: `float32`, `float64` or `int64`.
    public var dtypeName: String {
        switch self {
        case let .array(array): return array.dtype.rawValue
        case .integers: return "int64"
        }
    }

    /// The value as an ``NDArray``; integers become float64 (exact up to 2^53 in magnitude).
    public var ndarray: NDArray {
        switch self {
        case let .array(array): return array
        case let .integers(values, shape): return NDArray(values.map { Double($0) }, shape: shape, dtype: .float64)
        }
    }
}

/// The largest counter a saved state may hold (iterations, updates, log entries): 2^53, beyond which a
/// float64 no longer holds every whole number (snapshots written before counters were stored as
/// integers keep them as float64).
public let maximumSavedCount = 1 << 53
