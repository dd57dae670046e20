import KusariCore
import KusariNN

/// One array as stored in an `.npy` file or an `.npz` member: floating-point data as an ``/KusariCore/NDArray``, or
/// integer data (Kusari has no integer dtype) as row-major `Int`s with a shape.
///
/// Floats are written as `<f4` / `<f8` and integers as `<i8` (NumPy's `int64`). On reading, `int8`...`int64`,
/// `uint8`...`uint64` and `bool` members all become ``integers(_:shape:)`` (a `uint64` above `Int.max`
/// is an error). Integers suit counters that must survive a snapshot exactly: an optimizer's step count,
/// an iterator's epoch and position.
///
/// ```swift
/// let archive = NPZArchive(["l1/W": .array(weights), "t": .integer(1200)])
/// ```
public enum NPYValue: Sendable, Equatable {
    /// Floating-point data (`<f4` or `<f8`).
    case array(NDArray)
    /// Integer data (`<i8` when written), row-major. `values.count` must equal the product of `shape`.
    case integers(_ values: [Int], shape: [Int])

    /// A zero-dimensional (shape `()`) integer, like `numpy.int64(value)`.
    public static func integer(_ value: Int) -> NPYValue { .integers([value], shape: []) }

    /// A one-dimensional integer array (shape `(n,)`).
    public static func integers(_ values: [Int]) -> NPYValue { .integers(values, shape: [values.count]) }

    /// The extent of each axis; `[]` for a scalar.
    public var shape: [Int] {
        switch self {
        case let .array(array): return array.shape
        case let .integers(_, shape): return shape
        }
    }

    /// NumPy's name for the element type as Kusari writes it: `float32`, `float64` or `int64`.
    public var dtypeName: String {
        switch self {
        case let .array(array): return array.dtype.rawValue
        case .integers: return "int64"
        }
    }

    /// The value as an ``/KusariCore/NDArray``. Integers are converted to float64, which is exact for magnitudes up
    /// to 2^53.
    public var ndarray: NDArray {
        switch self {
        case let .array(array): return array
        case let .integers(values, shape): return NDArray(doubles: values.map { Double($0) }, shape: shape)
        }
    }

    /// The integers, row-major, or `nil` when the value holds floating-point data.
    public var integerValues: [Int]? {
        if case let .integers(values, _) = self { return values }
        return nil
    }
}
