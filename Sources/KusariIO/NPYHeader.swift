import Foundation
import KusariCore
import KusariNN

/// The element types Kusari can read from an `.npy` file. Floats become ``NDArray``s; integers and booleans
/// become ``NPYValue/integers(_:shape:)``. Kusari writes only `<f4`, `<f8` and `<i8`.
enum NPYElementType: Equatable {
    case float32
    case float64
    case signed(bytes: Int)    // <i1 <i2 <i4 <i8
    case unsigned(bytes: Int)  // |u1 <u2 <u4 <u8
    case bool                  // |b1

    /// Bytes per element.
    var itemSize: Int {
        switch self {
        case .float32: return 4
        case .float64: return 8
        case let .signed(bytes), let .unsigned(bytes): return bytes
        case .bool: return 1
        }
    }

    /// NumPy's name for the dtype, as used in error messages: `float32`, `int64`, `uint8`, `bool`.
    var name: String {
        switch self {
        case .float32: return "float32"
        case .float64: return "float64"
        case let .signed(bytes): return "int\(bytes * 8)"
        case let .unsigned(bytes): return "uint\(bytes * 8)"
        case .bool: return "bool"
        }
    }

    /// The little-endian type string NumPy writes for this dtype.
    var descriptor: String {
        switch self {
        case .float32: return "<f4"
        case .float64: return "<f8"
        case let .signed(bytes): return bytes == 1 ? "|i1" : "<i\(bytes)"
        case let .unsigned(bytes): return bytes == 1 ? "|u1" : "<u\(bytes)"
        case .bool: return "|b1"
        }
    }

    /// Interprets a NumPy type string such as `<f4`, rejecting what Kusari cannot represent.
    init(descriptor descr: String, source: String) throws(SerializationError) {
        func unsupported(_ detail: String) -> SerializationError {
            .unsupportedDType(source: source, descr: descr, detail: detail)
        }
        var rest = Substring(descr)
        var byteOrder: Character = "="
        if let first = rest.first, "<>|=".contains(first) {
            byteOrder = first
            rest = rest.dropFirst()
        }
        guard let kind = rest.first else { throw unsupported("empty type string") }
        switch kind {
        case "O": throw unsupported("object arrays hold pickled Python objects, which Kusari cannot read")
        case "M", "m": throw unsupported("datetime and timedelta arrays are not supported")
        case "c": throw unsupported("complex numbers are not supported")
        case "U", "S", "a": throw unsupported("string arrays are not supported")
        case "V": throw unsupported("structured (record) and void dtypes are not supported")
        default: break
        }
        guard let size = Int(rest.dropFirst()), size > 0 else {
            throw unsupported("cannot parse the item size '\(rest.dropFirst())'")
        }
        switch (kind, size) {
        case ("f", 4): self = .float32
        case ("f", 8): self = .float64
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): self = .signed(bytes: size)
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): self = .unsigned(bytes: size)
        case ("b", 1): self = .bool
        case ("f", _): throw unsupported("only float32 ('<f4') and float64 ('<f8') floats are supported")
        default: throw unsupported("Kusari reads float32, float64, integer and bool arrays only")
        }
        if byteOrder == ">" && size > 1 {
            throw unsupported("big-endian data is not supported "
                + "(convert it with NumPy first: a.astype(a.dtype.newbyteorder('<')))")
        }
    }
}

/// The header of an `.npy` file: a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
struct NPYHeader: Equatable {
    var elementType: NPYElementType
    var shape: [Int]

    /// The element count and data size the header promises, or `nil` when they overflow `Int`.
    var byteCount: Int? {
        var count = 1
        for extent in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            if overflow { return nil }
            count = product
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: elementType.itemSize)
        return overflow ? nil : bytes
    }

    /// The dict literal exactly as NumPy writes it (keys in sorted order, a trailing `, `), unpadded.
    var dictLiteral: String {
        "{'descr': '\(elementType.descriptor)', 'fortran_order': False, 'shape': \(pythonShape(shape)), }"
    }

    /// Parses and validates the header text (already decoded from bytes).
    static func parse(_ text: String, source: String) throws(SerializationError) -> NPYHeader {
        func malformed(_ detail: String) -> SerializationError { .malformedHeader(source: source, detail: detail) }
        let literal: PythonLiteral
        do {
            literal = try PythonLiteral.parse(text)
        } catch {
            throw malformed("\(error.reason) in \(quoted(text))")
        }
        guard case let .dict(entries) = literal else {
            throw malformed("expected a dict literal, found \(quoted(text))")
        }
        var fields: [String: PythonLiteral] = [:]
        for (key, value) in entries {
            guard case let .string(name) = key else { throw malformed("dict keys must be strings in \(quoted(text))") }
            fields[name] = value
        }
        let expected: Set<String> = ["descr", "fortran_order", "shape"]
        guard Set(fields.keys) == expected else {
            let keys = fields.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw malformed("expected keys 'descr', 'fortran_order', 'shape', found \(keys)")
        }
        // Structured dtypes have a list of (name, type) pairs as their descr.
        guard case let .string(descr)? = fields["descr"] else {
            throw SerializationError.unsupportedDType(
                source: source, descr: fields["descr"].map(\.repr) ?? "",
                detail: "structured (record) dtypes are not supported")
        }
        guard case let .bool(fortranOrder)? = fields["fortran_order"] else {
            throw malformed("'fortran_order' must be True or False")
        }
        guard case let .tuple(items)? = fields["shape"] else { throw malformed("'shape' must be a tuple") }
        var shape: [Int] = []
        for item in items {
            guard case let .int(extent) = item, extent >= 0 else {
                throw malformed("'shape' must hold non-negative integers, found \(PythonLiteral.tuple(items).repr)")
            }
            shape.append(extent)
        }
        let elementType = try NPYElementType(descriptor: descr, source: source)
        if fortranOrder { throw SerializationError.fortranOrder(source: source, shape: shape) }
        return NPYHeader(elementType: elementType, shape: shape)
    }
}

/// `text` in single quotes, shortened if long, for error messages.
private func quoted(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.count > 120 ? "'\(trimmed.prefix(120))...'" : "'\(trimmed)'"
}

extension PythonLiteral {
    /// The literal as Python's `repr` would print it (approximately; for error messages).
    var repr: String {
        switch self {
        case let .string(s): return "'\(s)'"
        case let .bool(b): return b ? "True" : "False"
        case .none: return "None"
        case let .int(n): return String(n)
        case let .tuple(items):
            return items.count == 1 ? "(\(items[0].repr),)" : "(" + items.map(\.repr).joined(separator: ", ") + ")"
        case let .list(items): return "[" + items.map(\.repr).joined(separator: ", ") + "]"
        case let .dict(entries):
            return "{" + entries.map { "\($0.key.repr): \($0.value.repr)" }.joined(separator: ", ") + "}"
        }
    }
}
