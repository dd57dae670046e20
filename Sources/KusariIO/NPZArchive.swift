import Foundation
import ZIPFoundation
import KusariCore
import KusariNN

/// A set of named arrays in NumPy's `.npz` format: what `numpy.savez` writes, `numpy.load` reads, and
/// Chainer's `serializers.save_npz` / `load_npz` use for models and trainer snapshots.
///
/// An `.npz` file is a zip archive with one `.npy` file per key: the key `l1/W` is stored as the member
/// `l1/W.npy` (Chainer's hierarchical names, slashes included, are kept as they are). Kusari writes the
/// members uncompressed ("stored", like `numpy.savez`), in sorted key order, with a fixed timestamp, so
/// the same contents always give the same bytes. It reads stored and deflate-compressed members
/// (`numpy.savez_compressed`); a member name without the `.npy` suffix is used as the key unchanged.
/// Files are written atomically (see ``writeAtomically(_:to:)``).
///
/// ```swift
/// var archive = NPZArchive()
/// archive["l1/W"] = .array(weights)         // float32 / float64 arrays
/// archive["updater/t"] = .integer(1200)      // integers are stored as int64
/// try archive.write(to: url)
///
/// let loaded = try NPZArchive(contentsOf: url)
/// let w = try loaded.array("l1/W")
/// let t = try loaded.integer("updater/t")
/// ```
public struct NPZArchive: Sendable, Equatable {
    /// The members, by key (the member name without `.npy`).
    public var members: [String: NPYValue]
    /// What to call the archive in error messages: its file name when it was read from a file.
    public var name: String

    /// An archive holding `members`.
    public init(_ members: [String: NPYValue] = [:], name: String = "npz archive") {
        self.members = members
        self.name = name
    }

    /// An archive holding the floating-point `arrays`.
    public init(arrays: [String: NDArray], name: String = "npz archive") {
        self.init(arrays.mapValues { NPYValue.array($0) }, name: name)
    }

    /// Reads the `.npz` file at `url`.
    ///
    /// - Throws: ``SerializationError`` naming the file (and member) and what is wrong: not a regular file,
    ///   not a zip archive, a directory that does not fit the file, a bad checksum, a member that is not
    ///   valid `.npy`, a dtype Kusari cannot represent, ...
    public init(contentsOf url: URL) throws {
        try self.init(data: readFile(at: url), name: url.lastPathComponent)
    }

    /// Decodes `.npz` bytes (see ``init(contentsOf:)``); `name` is used in error messages.
    ///
    /// The zip structure is checked against the size of `data` before anything is extracted
    /// (`ZipDirectory`), every member the central directory lists is decoded (none is skipped), and
    /// deflate members are inflated with their input and output bounded by the sizes the directory gives.
    public init(data: Data, name: String = "npz data") throws {
        self.init(try readMembers(of: [UInt8](data), source: name), name: name)
    }

    /// The keys in sorted order (the order members are written in).
    public var keys: [String] { members.keys.sorted() }

    /// The member stored under `key`, or `nil`.
    public subscript(key: String) -> NPYValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    /// Every member as an ``/KusariCore/NDArray``; integer members are converted to float64.
    public var arrays: [String: NDArray] { members.mapValues(\.ndarray) }

    /// The member `key` as an ``/KusariCore/NDArray`` (integers converted to float64).
    /// - Throws: ``SerializationError/missingMember(source:key:available:)`` when there is no such member.
    public func array(_ key: String) throws -> NDArray {
        try member(key).ndarray
    }

    /// The member `key` as row-major integers.
    /// - Throws: ``SerializationError`` when there is no such member or it holds floating-point data.
    public func integers(_ key: String) throws -> [Int] {
        let value = try member(key)
        guard let integers = value.integerValues else {
            throw SerializationError.wrongType(
                source: name, key: key,
                detail: "holds \(value.dtypeName) data of shape \(pythonShape(value.shape)), not integers")
        }
        return integers
    }

    /// The member `key` as a single integer (a scalar or any one-element integer array).
    /// - Throws: ``SerializationError`` when there is no such member, or it is not exactly one integer.
    public func integer(_ key: String) throws -> Int {
        let values = try integers(key)
        guard values.count == 1 else {
            throw SerializationError.wrongType(
                source: name, key: key,
                detail: "holds \(values.count) integers (shape \(pythonShape(try member(key).shape))), not one")
        }
        return values[0]
    }

    /// The bytes of the `.npz` file: a zip of stored (uncompressed) `key.npy` members in sorted key order.
    /// - Throws: ``SerializationError/invalidKey(key:detail:)`` for an empty key.
    public func encoded() throws -> Data {
        try zipStored(encodedMembers(), name: name)
    }

    /// Writes the archive to `url` atomically: the complete file replaces any existing one in a single
    /// `rename(2)`, so a crash never leaves a half-written `.npz`.
    public func write(to url: URL) throws {
        let files = try encodedMembers()
        try atomicallyWriting(to: url) { temporaryURL in
            let archive: Archive
            do {
                archive = try Archive(url: temporaryURL, accessMode: .create)
            } catch {
                throw SerializationError.io(path: url.path, operation: "create", detail: "\(error)")
            }
            try addStored(files, to: archive, name: url.lastPathComponent)
        }
    }

    /// The `.npy` bytes of each member with its zip member name (`key.npy`), in sorted key order.
    private func encodedMembers() throws -> [(name: String, bytes: Data)] {
        try keys.map { key in
            guard !key.isEmpty else { throw SerializationError.invalidKey(key: key, detail: "keys must not be empty") }
            return (key + ".npy", members[key].map(encodeNPY) ?? Data())
        }
    }

    /// Archives are equal when their members are; the ``name`` only labels error messages.
    public static func == (lhs: NPZArchive, rhs: NPZArchive) -> Bool {
        lhs.members == rhs.members
    }

    private func member(_ key: String) throws -> NPYValue {
        guard let value = members[key] else {
            throw SerializationError.missingMember(source: name, key: key, available: keys)
        }
        return value
    }

}

/// Writes `arrays` to `url` as an `.npz` archive, atomically (see ``NPZArchive``): key `l1/W` becomes the
/// member `l1/W.npy`, float32 and float64 keep their dtype. To store integers too, build an ``NPZArchive``.
public func saveNPZ(_ arrays: [String: NDArray], to url: URL) throws {
    try NPZArchive(arrays: arrays).write(to: url)
}

/// Reads the `.npz` archive at `url` as arrays by key (member `l1/W.npy` gives key `l1/W`). Integer and
/// bool members are converted to float64; use ``NPZArchive/init(contentsOf:)`` to read them as `Int`s.
public func loadNPZ(from url: URL) throws -> [String: NDArray] {
    try NPZArchive(contentsOf: url).arrays
}

/// 1980-01-01 00:00, the earliest time a zip file can record: a fixed timestamp makes output reproducible.
private let zipEpoch: Date = Calendar(identifier: .gregorian)
    .date(from: DateComponents(year: 1980, month: 1, day: 1)) ?? Date(timeIntervalSince1970: 315_532_800)

/// A zip archive (in memory) of uncompressed `files`, in the given order.
func zipStored(_ files: [(name: String, bytes: Data)], name: String) throws -> Data {
    let archive: Archive
    do {
        archive = try Archive(data: Data(), accessMode: .create)
    } catch {
        throw SerializationError.io(path: name, operation: "encode", detail: "\(error)")
    }
    try addStored(files, to: archive, name: name)
    guard let data = archive.data else {
        throw SerializationError.io(path: name, operation: "encode", detail: "the zip library returned no data")
    }
    return data
}

/// Adds `files` to `archive` as stored (uncompressed) members with the fixed ``zipEpoch`` timestamp.
private func addStored(_ files: [(name: String, bytes: Data)], to archive: Archive, name: String) throws {
    for (member, bytes) in files {
        do {
            try archive.addEntry(
                with: member, type: .file, uncompressedSize: Int64(bytes.count),
                modificationDate: zipEpoch, compressionMethod: .none
            ) { position, size in
                let start = Int(position)
                return bytes.subdata(in: start..<min(start + size, bytes.count))
            }
        } catch {
            throw SerializationError.io(path: name, operation: "add member '\(member)' to", detail: "\(error)")
        }
    }
}

/// Decodes every member of the zip `bytes`, keyed by name without the `.npy` suffix.
private func readMembers(of bytes: [UInt8], source: String) throws -> [String: NPYValue] {
    var members: [String: NPYValue] = [:]
    for member in try ZipDirectory(bytes, source: source).members {
        let memberSource = "\(source): member '\(member.name)'"
        let key = member.name.hasSuffix(".npy") ? String(member.name.dropLast(4)) : member.name
        guard members[key] == nil else {
            throw SerializationError.corruptArchive(source: source, detail: "two members have the key '\(key)'")
        }
        let data = try member.extract(from: bytes, source: memberSource)
        members[key] = try decodeNPY(Data(data), name: memberSource)
    }
    return members
}
