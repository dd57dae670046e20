// The valid inputs the fuzzer mutates: small but complete files of each format, covering the features a
// reader must handle (several dtypes and shapes, stored and deflate members, ZIP64 records, quoted CSV).
import Foundation
import Kusari
import ZIPFoundation

/// The file formats `kusari-fuzz` knows.
enum FuzzFormat: String, CaseIterable {
    case npy, npz, csv, snapshot

    /// Valid files of this format, the starting points of every mutation.
    var seeds: [[UInt8]] {
        switch self {
        case .npy: return npySeeds()
        case .npz: return npzSeeds()
        case .csv: return csvSeeds()
        case .snapshot: return [snapshotSeed()]
        }
    }
}

private func npySeeds() -> [[UInt8]] {
    let floats = NDArray(floats: [1, -2.5, 3, 0.25, 5, 6], shape: [2, 3])
    let doubles = NDArray(doubles: [0.5, 1e-300, -7], shape: [3])
    let scalar = NDArray(doubles: [42], shape: [])
    return [
        [UInt8](encodeNPY(.array(floats))),
        [UInt8](encodeNPY(.array(doubles))),
        [UInt8](encodeNPY(.array(scalar))),
        [UInt8](encodeNPY(.integers([1, 2, 3, 4], shape: [2, 2]))),
    ]
}

private func npzSeeds() -> [[UInt8]] {
    let members: [(String, Data)] = [
        ("l1/W.npy", encodeNPY(.array(NDArray(floats: [1, 2, 3, 4, 5, 6], shape: [3, 2])))),
        ("l1/b.npy", encodeNPY(.array(NDArray(doubles: [0.5, -0.5], shape: [2])))),
        ("t.npy", encodeNPY(.integer(1200))),
    ]
    var seeds: [[UInt8]] = []
    for method in [CompressionMethod.none, .deflate] {
        if let bytes = zipped(members, method: method) { seeds.append(bytes) }
    }
    // The same archive with ZIP64 end records, as Python's zipfile writes for very large archives.
    if let plain = seeds.first { seeds.append(withZIP64EndRecords(plain)) }
    return seeds
}

/// A zip of `members` written by ZIPFoundation with `method`.
private func zipped(_ members: [(String, Data)], method: CompressionMethod) -> [UInt8]? {
    guard let archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else { return nil }
    for (name, bytes) in members {
        try? archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count),
                              compressionMethod: method) { position, size in
            bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
        }
    }
    return archive.data.map { [UInt8]($0) }
}

/// `zip` with a ZIP64 end record and locator inserted before its end record (same directory values).
private func withZIP64EndRecords(_ zip: [UInt8]) -> [UInt8] {
    let eocd = zip.count - 22
    func u(_ offset: Int, _ width: Int) -> UInt64 {
        (0..<width).reversed().reduce(0) { $0 << 8 | UInt64(zip[offset + $1]) }
    }
    func le(_ value: UInt64, _ width: Int) -> [UInt8] { (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    let entries = u(eocd + 10, 2), size = u(eocd + 12, 4), offset = u(eocd + 16, 4)
    var record = le(0x0606_4B50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4)
    record += le(entries, 8) + le(entries, 8) + le(size, 8) + le(offset, 8)
    let locator = le(0x0706_4B50, 4) + le(0, 4) + le(UInt64(eocd), 8) + le(1, 4)
    return Array(zip[..<eocd]) + record + locator + Array(zip[eocd...])
}

private func csvSeeds() -> [[UInt8]] {
    [
        "time,temp,humidity\n2024-01-01 00:00,5.5,80\n2024-01-01 01:00,,81\n2024-01-01 02:00,4.25,NA\n",
        "a,b\n1,2\n3,4\n\"5\",6e-3\n-7,+8\n",
        "x;y\n1;2\n3;4\n",
        "value,\"quoted, name\"\n1.5,\"2\"\n2.5,3\n",
    ].map { Array($0.utf8) }
}
