import Foundation
import Testing
import Kusari
@testable import KusariIO

/// Helpers shared by the serialization tests (namespaced to stay clear of other test files).
enum SerializationTestSupport {
    /// A fresh empty directory under the system temporary directory; remove it with `removeItem`.
    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("kusari-serialization-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fixture committed under `Tests/KusariTests/Fixtures/`.
    static func fixture(_ name: String) throws -> URL {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        return try #require(
            Bundle.module.url(forResource: parts[0], withExtension: parts.count > 1 ? parts[1] : nil,
                              subdirectory: "Fixtures"),
            "missing fixture \(name)")
    }

    /// The `.npy` preamble for a hand-written header dict, padded like NumPy pads it (version 1.0).
    static func npyPreamble(_ dict: String, version: (UInt8, UInt8) = (1, 0)) -> Data {
        let lengthBytes = version.0 == 1 ? 2 : 4
        let unpadded = 6 + 2 + lengthBytes + dict.utf8.count + 1
        let headerLength = (unpadded + 63) / 64 * 64 - 6 - 2 - lengthBytes
        var data = Data([0x93] + Array("NUMPY".utf8) + [version.0, version.1])
        for i in 0..<lengthBytes { data.append(UInt8(truncatingIfNeeded: headerLength >> (8 * i))) }
        data.append(contentsOf: Array(dict.utf8))
        data.append(contentsOf: [UInt8](repeating: 0x20, count: headerLength - dict.utf8.count - 1))
        data.append(0x0A)
        return data
    }

    /// The description of the `SerializationError` that `body` throws (fails the test if it throws none).
    static func errorMessage(_ body: () throws -> Void) -> String {
        do {
            try body()
        } catch let error as SerializationError {
            return error.description
        } catch {
            Issue.record("expected a SerializationError, got \(error)")
            return "\(error)"
        }
        Issue.record("expected an error, but none was thrown")
        return ""
    }
}
