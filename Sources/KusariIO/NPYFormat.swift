import Foundation
import KusariCore
import KusariNN

// The .npy format (NumPy's numpy/lib/format.py), version 1.0:
//
//   bytes 0-5   magic string "\x93NUMPY"
//   bytes 6-7   format version, major then minor: 1 0
//   bytes 8-9   header length N, little-endian UInt16 (versions 2.0 and 3.0: bytes 8-11, UInt32)
//   N bytes     header: a Python dict literal, padded with spaces and ending in "\n" so that the
//               whole preamble (10 + N bytes) is a multiple of 64, e.g.
//               {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
//   the rest    the elements, row-major (C order), in the byte order and size given by 'descr'.

private let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
private let alignment = 64
/// The longest header NumPy reads without `max_header_size=` (numpy.lib.format._MAX_HEADER_SIZE).
let maximumHeaderLength = 10_000

/// Encodes `value` as the bytes of an `.npy` file (format version 1.0; 2.0 only for a header over 64 KiB).
///
/// Float arrays are written as `<f4` / `<f8`, integers as `<i8`, always little-endian and in C order.
/// The header is padded with spaces so the data starts at a multiple of 64 bytes, as NumPy does.
public func encodeNPY(_ value: NPYValue) -> Data {
    let elementType: NPYElementType
    switch value {
    case let .array(array): elementType = array.dtype == .float32 ? .float32 : .float64
    case let .integers(values, shape):
        require(values.count == shape.product,
                     "encodeNPY: \(values.count) integers do not fill shape \(pythonShape(shape))")
        elementType = .signed(bytes: 8)
    }
    var data = npyPreamble(NPYHeader(elementType: elementType, shape: value.shape))
    switch value {
    case let .array(array) where array.dtype == .float32:
        appendLittleEndian(array.floats.map(\.bitPattern), to: &data)
    case let .array(array):
        appendLittleEndian(array.doubles.map(\.bitPattern), to: &data)
    case let .integers(values, _):
        appendLittleEndian(values.map { Int64($0) }, to: &data)
    }
    return data
}

/// Decodes the bytes of an `.npy` file (format version 1.0, 2.0 or 3.0).
///
/// - Parameters:
///   - data: the bytes of the whole file.
///   - name: what to call the data in error messages (a file name, an archive member).
/// - Returns: `.array` for `<f4` / `<f8` data, `.integers` for integer and bool data.
/// - Throws: ``SerializationError`` when the data is not `.npy`, is truncated, has trailing bytes, is in
///   Fortran order, or has a dtype Kusari cannot represent (big-endian, object, structured, complex, ...).
public func decodeNPY(_ data: Data, name: String = "npy data") throws -> NPYValue {
    try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws -> NPYValue in
        let (header, dataOffset) = try parsePreamble(bytes, source: name)
        guard let expected = header.byteCount else {
            throw SerializationError.malformedHeader(
                source: name, detail: "shape \(pythonShape(header.shape)) is too large")
        }
        let found = bytes.count - dataOffset
        if found < expected {
            throw SerializationError.truncated(
                source: name, shape: header.shape, dtype: header.elementType.name,
                expectedBytes: expected, foundBytes: found)
        }
        if found > expected {
            throw SerializationError.trailingBytes(source: name, expectedBytes: expected, foundBytes: found)
        }
        let elements = UnsafeRawBufferPointer(rebasing: bytes[dataOffset...])
        return try decodeElements(elements, header: header, source: name)
    }
}

/// Writes `array` to `url` as an `.npy` file (see ``encodeNPY(_:)``), atomically: a crash never leaves a
/// half-written file, and an existing file at `url` is replaced only once the new one is complete.
public func saveNPY(_ array: NDArray, to url: URL) throws {
    try writeAtomically(encodeNPY(.array(array)), to: url)
}

/// Reads an `.npy` file as an ``/KusariCore/NDArray``. Float32 and float64 data keep their dtype; integer and bool
/// data are converted to float64 (exact up to 2^53). Use ``decodeNPY(_:name:)`` to get integers as `Int`s.
///
/// - Throws: ``SerializationError``, naming the file and what is wrong with it.
public func loadNPY(from url: URL) throws -> NDArray {
    try decodeNPY(readFile(at: url), name: url.lastPathComponent).ndarray
}

/// The magic string, version, header length and padded header for `header`.
private func npyPreamble(_ header: NPYHeader) -> Data {
    let dict = Array(header.dictLiteral.utf8)
    // Version 1.0 stores the header length in 2 bytes; fall back to 2.0 (4 bytes) for enormous shapes.
    var lengthBytes = 2
    var total = (magic.count + 2 + lengthBytes + dict.count + 1 + alignment - 1) / alignment * alignment
    if total - magic.count - 2 - lengthBytes > Int(UInt16.max) {
        lengthBytes = 4
        total = (magic.count + 2 + lengthBytes + dict.count + 1 + alignment - 1) / alignment * alignment
    }
    let headerLength = total - magic.count - 2 - lengthBytes
    var data = Data(magic)
    data.append(contentsOf: lengthBytes == 2 ? [1, 0] : [2, 0])
    if lengthBytes == 2 {
        appendLittleEndian([UInt16(headerLength)], to: &data)
    } else {
        appendLittleEndian([UInt32(headerLength)], to: &data)
    }
    data.append(contentsOf: dict)
    data.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: headerLength - dict.count - 1))
    data.append(UInt8(ascii: "\n"))
    return data
}

/// Validates the magic string and version, and parses the header; returns it with the data's offset.
private func parsePreamble(_ bytes: UnsafeRawBufferPointer, source: String) throws -> (NPYHeader, Int) {
    guard bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic) else {
        let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        let hint = bytes.prefix(4).elementsEqual(zipMagic) ? " (it looks like a zip archive: an .npz?)" : ""
        let start = bytes.prefix(8).map { String(format: "%02X", $0) }.joined(separator: " ")
        throw SerializationError.notNPY(
            source: source, detail: "it does not start with the magic string \\x93NUMPY, but with [\(start)]\(hint)")
    }
    guard bytes.count >= magic.count + 2 else {
        throw SerializationError.notNPY(source: source, detail: "it ends before the format version")
    }
    let (major, minor) = (bytes[magic.count], bytes[magic.count + 1])
    let lengthBytes: Int
    switch (major, minor) {
    case (1, 0): lengthBytes = 2
    case (2, 0), (3, 0): lengthBytes = 4
    default: throw SerializationError.unsupportedVersion(source: source, major: major, minor: minor)
    }
    let lengthOffset = magic.count + 2
    guard bytes.count >= lengthOffset + lengthBytes else {
        throw SerializationError.notNPY(source: source, detail: "it ends before the header length")
    }
    let headerLength = bytes[lengthOffset..<lengthOffset + lengthBytes].reversed().reduce(0) { $0 << 8 | Int($1) }
    let headerOffset = lengthOffset + lengthBytes
    // NumPy refuses headers over 10,000 bytes (numpy.lib.format's max_header_size) as unsafe to parse.
    guard headerLength <= maximumHeaderLength else {
        throw SerializationError.malformedHeader(
            source: source, detail: "the header is \(headerLength) bytes long; NumPy and Kusari read headers "
                + "of at most \(maximumHeaderLength) bytes")
    }
    guard bytes.count >= headerOffset + headerLength else {
        throw SerializationError.notNPY(
            source: source,
            detail: "its header is cut short: the preamble says \(headerLength) bytes, "
                + "found \(bytes.count - headerOffset)")
    }
    let headerBytes = bytes[headerOffset..<headerOffset + headerLength]
    // Versions 1.0 and 2.0 store the header in Latin-1, 3.0 in UTF-8.
    let text = major == 3
        ? String(decoding: headerBytes, as: UTF8.self)
        : String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
    return (try NPYHeader.parse(text, source: source), headerOffset + headerLength)
}

/// Converts the raw little-endian elements in `bytes` (exactly `header.byteCount` of them) to a value.
private func decodeElements(_ bytes: UnsafeRawBufferPointer, header: NPYHeader, source: String) throws -> NPYValue {
    let shape = header.shape
    switch header.elementType {
    case .float32:
        let floats = readLittleEndian(UInt32.self, bytes).map(Float.init(bitPattern:))
        return .array(NDArray(floats: floats, shape: shape))
    case .float64:
        let doubles = readLittleEndian(UInt64.self, bytes).map(Double.init(bitPattern:))
        return .array(NDArray(doubles: doubles, shape: shape))
    case .bool: return .integers(readLittleEndian(UInt8.self, bytes).map { $0 == 0 ? 0 : 1 }, shape: shape)
    case .signed(bytes: 1): return .integers(readLittleEndian(Int8.self, bytes).map { Int($0) }, shape: shape)
    case .signed(bytes: 2): return .integers(readLittleEndian(Int16.self, bytes).map { Int($0) }, shape: shape)
    case .signed(bytes: 4): return .integers(readLittleEndian(Int32.self, bytes).map { Int($0) }, shape: shape)
    case .signed: return .integers(readLittleEndian(Int64.self, bytes).map { Int($0) }, shape: shape)
    case .unsigned(bytes: 1): return .integers(readLittleEndian(UInt8.self, bytes).map { Int($0) }, shape: shape)
    case .unsigned(bytes: 2): return .integers(readLittleEndian(UInt16.self, bytes).map { Int($0) }, shape: shape)
    case .unsigned(bytes: 4): return .integers(readLittleEndian(UInt32.self, bytes).map { Int($0) }, shape: shape)
    case .unsigned:
        let values = readLittleEndian(UInt64.self, bytes)
        if let big = values.first(where: { $0 > UInt64(Int.max) }) {
            throw SerializationError.unsupportedDType(
                source: source, descr: header.elementType.descriptor,
                detail: "value \(big) does not fit in a 64-bit signed Int")
        }
        return .integers(values.map { Int($0) }, shape: shape)
    }
}

/// The integers stored little-endian in `bytes` (whose alignment may be anything).
private func readLittleEndian<T: FixedWidthInteger>(_ type: T.Type, _ bytes: UnsafeRawBufferPointer) -> [T] {
    let count = bytes.count / MemoryLayout<T>.size
    let source = UnsafeRawBufferPointer(rebasing: bytes.prefix(count * MemoryLayout<T>.size))
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
        initialized = count
        #if _endian(big)
        for i in 0..<count { buffer[i] = T(littleEndian: buffer[i]) }
        #endif
    }
}

/// Appends `values` to `data`, each as little-endian bytes.
private func appendLittleEndian<T: FixedWidthInteger>(_ values: [T], to data: inout Data) {
    #if _endian(big)
    values.map(\.littleEndian).withUnsafeBytes { data.append(contentsOf: $0) }
    #else
    values.withUnsafeBytes { data.append(contentsOf: $0) }
    #endif
}
