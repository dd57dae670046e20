// Reading the structure of a zip archive (an .npz) while treating every byte as hostile.
//
// A zip file ends with an "end of central directory" record (EOCD) that says where the central directory
// is and how many entries it has; each central-directory entry gives a member's name, sizes, CRC-32 and
// the offset of its local header, which is followed by the member's (possibly deflated) bytes. Archives
// over 4 GiB or 65,535 members store the real values in ZIP64 records instead (APPNOTE.TXT 4.3.14-4.5.3).
//
//   [local header 1][data 1] ... [local header n][data n][central directory][ZIP64 EOCD + locator]?[EOCD]
//
// Every offset and size read here is checked against the real length of the file before it is used, the
// number of entries read must equal the count the end record promises, and nothing is skipped: a member
// Kusari cannot read is an error that names it, never a silent omission.
import Foundation

/// One member of a zip archive, located and checked by ``ZipDirectory``.
struct ZipMember: Equatable {
    /// The member's name as stored (e.g. `l1/W.npy`).
    var name: String
    /// 0 = stored, 8 = deflate.
    var method: UInt16
    /// Where the member's (compressed) bytes lie in the file.
    var dataRange: Range<Int>
    /// The size of the member once decompressed.
    var uncompressedSize: Int
    /// The CRC-32 of the uncompressed bytes, from the central directory.
    var crc32: UInt32
}

/// The members of a zip archive, read from its central directory with every field checked against the
/// file (see the top of this file). Reading never traps, hangs or allocates more than the file's size.
struct ZipDirectory {
    /// The members in central-directory order.
    var members: [ZipMember]

    /// Deflate cannot expand data by more than about 1032:1; a larger declared ratio is a lie (or a bomb).
    static let maximumDeflateRatio = 1032

    /// Parses the structure of the zip `bytes`; `source` names the archive in errors.
    init(_ bytes: [UInt8], source: String) throws(SerializationError) {
        func corrupt(_ detail: String) -> SerializationError { .corruptArchive(source: source, detail: detail) }
        let reader = LittleEndianReader(bytes: bytes)
        let end = try EndRecord(reader, source: source)
        guard end.directoryOffset <= end.directoryLimit,
              end.directorySize <= end.directoryLimit - end.directoryOffset else {
            throw corrupt("the central directory (offset \(end.directoryOffset), \(end.directorySize) bytes) "
                + "does not fit before the end record at offset \(end.directoryLimit)")
        }
        // Each central-directory entry takes at least 46 bytes, which bounds the count before allocating.
        guard end.entryCount <= end.directorySize / 46 else {
            throw corrupt("the end record promises \(end.entryCount) members, but the central directory "
                + "(\(end.directorySize) bytes) has room for at most \(end.directorySize / 46)")
        }
        var members: [ZipMember] = []
        members.reserveCapacity(end.entryCount)
        var position = end.directoryOffset
        let directoryEnd = end.directoryOffset + end.directorySize
        for index in 0..<end.entryCount {
            let (member, next) = try Self.readEntry(
                reader, at: position, directoryEnd: directoryEnd, dataLimit: end.directoryOffset,
                index: index, source: source)
            members.append(member)
            position = next
        }
        guard position == directoryEnd else {
            throw corrupt("the central directory has \(directoryEnd - position) bytes after its "
                + "\(end.entryCount) entries (the end record's count is wrong, or members were cut off)")
        }
        var seen: Set<String> = []
        for member in members where !seen.insert(member.name).inserted {
            throw corrupt("two members are named '\(member.name)'")
        }
        // Members must not share bytes: overlapping entries let a small file inflate to many copies of
        // one large member (Python's zipfile refuses them too).
        let ordered = members.sorted { $0.dataRange.lowerBound < $1.dataRange.lowerBound }
        for (a, b) in zip(ordered, ordered.dropFirst()) where b.dataRange.lowerBound < a.dataRange.upperBound {
            throw corrupt("members '\(a.name)' and '\(b.name)' overlap in the file")
        }
        self.members = members
    }

    /// Reads the central-directory entry at `position` and its local header; returns it with the position
    /// of the next entry.
    private static func readEntry(_ reader: LittleEndianReader, at position: Int, directoryEnd: Int,
                                  dataLimit: Int, index: Int, source: String)
        throws(SerializationError) -> (ZipMember, Int) {
        func corrupt(_ detail: String) -> SerializationError {
            .corruptArchive(source: source, detail: "central-directory entry \(index + 1): \(detail)")
        }
        guard position <= directoryEnd - 46, reader.u32(position) == 0x0201_4B50 else {
            throw corrupt("missing or misplaced (no central-directory signature at offset \(position))")
        }
        let flags = reader.u16(position + 8), method = reader.u16(position + 10)
        let crc = reader.u32(position + 16)
        var compressed = UInt64(reader.u32(position + 20)), uncompressed = UInt64(reader.u32(position + 24))
        let nameLength = Int(reader.u16(position + 28)), extraLength = Int(reader.u16(position + 30))
        let commentLength = Int(reader.u16(position + 32))
        var localOffset = UInt64(reader.u32(position + 42))
        let next = position + 46 + nameLength + extraLength + commentLength
        guard next <= directoryEnd else { throw corrupt("its name and extra fields run past the directory") }
        let name = decodeName(reader.slice(position + 46, nameLength))
        func invalid(_ detail: String) -> SerializationError {
            .corruptArchive(source: "\(source): member '\(name)'", detail: detail)
        }
        // ZIP64: fields set to 0xFFFFFFFF are stored, in this order, in the extra field with tag 0x0001.
        let extra = reader.slice(position + 46 + nameLength, extraLength)
        if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
            guard let zip64 = zip64Field(extra) else { throw invalid("a ZIP64 size is announced but missing") }
            var cursor = 0
            func take(_ value: inout UInt64) throws(SerializationError) {
                guard value == 0xFFFF_FFFF else { return }
                guard cursor + 8 <= zip64.count else { throw invalid("its ZIP64 extra field is too short") }
                value = LittleEndianReader(bytes: zip64).u64(cursor)
                cursor += 8
            }
            try take(&uncompressed)
            try take(&compressed)
            try take(&localOffset)
        }
        if flags & 0x0001 != 0 { throw invalid("it is encrypted, which Kusari does not support") }
        guard method == 0 || method == 8 else {
            throw invalid("it uses compression method \(method); Kusari reads stored (0) and deflate (8) only")
        }
        if name.hasSuffix("/") {
            throw invalid("it is a directory entry; an .npz archive holds only .npy files")
        }
        let fileSize = UInt64(reader.bytes.count)
        guard compressed <= fileSize, localOffset <= fileSize else {
            throw invalid("its size (\(compressed)) or offset (\(localOffset)) lies beyond the end of the "
                + "\(fileSize)-byte file")
        }
        if method == 0 && uncompressed != compressed {
            throw invalid("it is stored uncompressed, yet its sizes differ (\(compressed) and \(uncompressed) bytes)")
        }
        guard uncompressed <= compressed * UInt64(maximumDeflateRatio) + 1024 else {
            throw invalid("it claims to inflate \(compressed) bytes to \(uncompressed), more than deflate can")
        }
        let dataRange = try localData(
            reader, headerOffset: Int(localOffset), compressedSize: Int(compressed), dataLimit: dataLimit,
            centralName: reader.slice(position + 46, nameLength), fail: invalid)
        let member = ZipMember(name: name, method: method, dataRange: dataRange,
                               uncompressedSize: Int(uncompressed), crc32: crc)
        return (member, next)
    }

    /// Checks the local header at `headerOffset` and returns the range of the member's data.
    private static func localData(_ reader: LittleEndianReader, headerOffset: Int, compressedSize: Int,
                                  dataLimit: Int, centralName: [UInt8],
                                  fail: (String) -> SerializationError) throws(SerializationError) -> Range<Int> {
        guard headerOffset <= dataLimit - 30, reader.u32(headerOffset) == 0x0403_4B50 else {
            throw fail("no local header at offset \(headerOffset)")
        }
        let nameLength = Int(reader.u16(headerOffset + 26)), extraLength = Int(reader.u16(headerOffset + 28))
        let start = headerOffset + 30 + nameLength + extraLength
        guard start <= dataLimit, compressedSize <= dataLimit - start else {
            throw fail("its data (\(compressedSize) bytes from offset \(start)) runs into the central directory")
        }
        guard reader.slice(headerOffset + 30, nameLength) == centralName else {
            throw fail("its local header names a different file")
        }
        return start..<start + compressedSize
    }

    /// The payload of the ZIP64 extended-information field (tag 0x0001) in `extra`, if present.
    private static func zip64Field(_ extra: [UInt8]) -> [UInt8]? {
        let reader = LittleEndianReader(bytes: extra)
        var position = 0
        while position + 4 <= extra.count {
            let tag = reader.u16(position), size = Int(reader.u16(position + 2))
            guard position + 4 + size <= extra.count else { return nil }
            if tag == 0x0001 { return reader.slice(position + 4, size) }
            position += 4 + size
        }
        return nil
    }

    /// A member name: UTF-8 when the bytes are valid UTF-8 (flag bit 11 or plain ASCII), else one
    /// character per byte, so every name can be shown in a message.
    private static func decodeName(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}

/// What the end-of-central-directory record (and its ZIP64 counterpart) says.
private struct EndRecord {
    var entryCount: Int
    var directoryOffset: Int
    var directorySize: Int
    /// Where the central directory must end: the start of the ZIP64 end record, or of the end record.
    var directoryLimit: Int

    init(_ reader: LittleEndianReader, source: String) throws(SerializationError) {
        func corrupt(_ detail: String) -> SerializationError { .corruptArchive(source: source, detail: detail) }
        let count = reader.bytes.count
        // The end record is 22 bytes plus a comment of at most 65,535 bytes: search backwards from the end.
        var found: Int?
        var position = count - 22
        while position >= max(0, count - 22 - 65_535) {
            if reader.u32(position) == 0x0605_4B50, position + 22 + Int(reader.u16(position + 20)) <= count {
                found = position
                break
            }
            position -= 1
        }
        guard let eocd = found else {
            throw corrupt("not a zip archive (no end-of-central-directory record: not an .npz, or truncated)")
        }
        guard reader.u16(eocd + 4) == 0, reader.u16(eocd + 6) == 0 else {
            throw corrupt("it is split over several disks, which Kusari does not support")
        }
        var entries = UInt64(reader.u16(eocd + 10)), size = UInt64(reader.u32(eocd + 12))
        var offset = UInt64(reader.u32(eocd + 16))
        var limit = eocd
        // A ZIP64 locator (20 bytes) right before the end record points to the ZIP64 end record.
        if eocd >= 20, reader.u32(eocd - 20) == 0x0706_4B50 {
            let recordOffset = reader.u64(eocd - 12)
            guard recordOffset <= UInt64(eocd - 20), eocd - 20 - Int(recordOffset) >= 56,
                  reader.u32(Int(recordOffset)) == 0x0606_4B50 else {
                throw corrupt("its ZIP64 end record is missing or misplaced")
            }
            let record = Int(recordOffset)
            entries = reader.u64(record + 32)
            size = reader.u64(record + 40)
            offset = reader.u64(record + 48)
            limit = record
        }
        guard entries <= UInt64(count), size <= UInt64(count), offset <= UInt64(count) else {
            throw corrupt("its end record claims \(entries) members, a \(size)-byte directory at offset "
                + "\(offset): more than the \(count)-byte file can hold")
        }
        self.entryCount = Int(entries)
        self.directorySize = Int(size)
        self.directoryOffset = Int(offset)
        self.directoryLimit = limit
    }
}

/// Little-endian integers from a byte array; reads outside the array give 0 (callers check bounds first,
/// this only makes a missed check harmless).
struct LittleEndianReader {
    let bytes: [UInt8]

    func u16(_ offset: Int) -> UInt16 { UInt16(truncatingIfNeeded: value(offset, 2)) }
    func u32(_ offset: Int) -> UInt32 { UInt32(truncatingIfNeeded: value(offset, 4)) }
    func u64(_ offset: Int) -> UInt64 { value(offset, 8) }

    /// `count` bytes from `offset`, or an empty array when they are not all there.
    func slice(_ offset: Int, _ count: Int) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= bytes.count - count else { return [] }
        return Array(bytes[offset..<offset + count])
    }

    private func value(_ offset: Int, _ width: Int) -> UInt64 {
        guard offset >= 0, offset <= bytes.count - width else { return 0 }
        var result: UInt64 = 0
        for k in (0..<width).reversed() { result = result << 8 | UInt64(bytes[offset + k]) }
        return result
    }
}
