import KusariCore
import KusariNN

/// Why reading or writing an `.npy` / `.npz` file failed.
///
/// Every case carries a `source`: the file name (`"weights.npy"`), an archive member
/// (`"weights.npz: member 'l1/W.npy'"`), or the name given to an in-memory decode. The ``description``
/// is a complete sentence naming that source and what is wrong, ready to show to a user:
///
/// ```text
/// weights.npz: member 'l1/W.npy' is truncated: header says shape (100, 2) float32 = 800 bytes, found 312
/// ```
public enum SerializationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The bytes do not start with an `.npy` preamble (magic string `\x93NUMPY`, version, header length).
    case notNPY(source: String, detail: String)
    /// An `.npy` format version other than 1.0, 2.0 or 3.0.
    case unsupportedVersion(source: String, major: UInt8, minor: UInt8)
    /// The header dictionary cannot be parsed, or lacks or misuses `descr`, `fortran_order`, `shape`.
    case malformedHeader(source: String, detail: String)
    /// A dtype Kusari cannot represent: big-endian, object (pickled), structured, complex, string, ...
    case unsupportedDType(source: String, descr: String, detail: String)
    /// The array is stored in Fortran (column-major) order; Kusari reads only C (row-major) order.
    case fortranOrder(source: String, shape: [Int])
    /// Fewer data bytes follow the header than its shape and dtype require.
    case truncated(source: String, shape: [Int], dtype: String, expectedBytes: Int, foundBytes: Int)
    /// More data bytes follow the header than its shape and dtype require.
    case trailingBytes(source: String, expectedBytes: Int, foundBytes: Int)
    /// The zip container (or one of its members) is damaged: no central directory, bad checksum, ...
    case corruptArchive(source: String, detail: String)
    /// An archive has no member with this key (`available` lists the keys it does have).
    case missingMember(source: String, key: String, available: [String])
    /// A member holds a different kind of value than was asked for (e.g. floats where integers were expected).
    case wrongType(source: String, key: String, detail: String)
    /// A key that cannot name an archive member (empty, or two keys naming the same member).
    case invalidKey(key: String, detail: String)
    /// The file system refused: the file is missing, unreadable, or the directory is not writable.
    case io(path: String, operation: String, detail: String)

    /// A sentence naming the source and what is wrong with it.
    public var description: String {
        switch self {
        case let .notNPY(source, detail):
            return "\(source) is not an .npy array: \(detail)"
        case let .unsupportedVersion(source, major, minor):
            return "\(source) uses .npy format version \(major).\(minor); Kusari reads versions 1.0, 2.0 and 3.0"
        case let .malformedHeader(source, detail):
            return "\(source) has a malformed .npy header: \(detail)"
        case let .unsupportedDType(source, descr, detail):
            return "\(source) has unsupported dtype '\(descr)': \(detail)"
        case let .fortranOrder(source, shape):
            return "\(source) is stored in Fortran (column-major) order, shape \(pythonShape(shape)); "
                + "Kusari reads only C order (save it from NumPy with numpy.ascontiguousarray)"
        case let .truncated(source, shape, dtype, expected, found):
            return "\(source) is truncated: header says shape \(pythonShape(shape)) \(dtype) = \(expected) bytes, "
                + "found \(found)"
        case let .trailingBytes(source, expected, found):
            return "\(source) has \(found - expected) unexpected bytes after its data: "
                + "header says \(expected) bytes, found \(found)"
        case let .corruptArchive(source, detail):
            return "\(source) is corrupt: \(detail)"
        case let .missingMember(source, key, available):
            let list = available.isEmpty
                ? "it is empty" : "it has " + available.map { "'\($0)'" }.joined(separator: ", ")
            return "\(source) has no member '\(key)' (\(list))"
        case let .wrongType(source, key, detail):
            return "\(source): member '\(key)' \(detail)"
        case let .invalidKey(key, detail):
            return "invalid .npz key '\(key)': \(detail)"
        case let .io(path, operation, detail):
            return "cannot \(operation) \(path): \(detail)"
        }
    }
}

/// A shape the way NumPy prints it: `()`, `(3,)`, `(2, 3)`.
func pythonShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
