import Foundation
import Testing
import Kusari
@testable import KusariIO

private typealias Support = SerializationTestSupport

/// The minimal hostile inputs in Fixtures/fuzz-regressions (made by scripts/fuzz/make-regressions.py, one
/// per fault class that fuzzing found): every one is refused with a ``SerializationError`` naming the file,
/// except the `ok-*` archives, which NumPy reads and Kusari must read the same.
@Suite("Fuzz regressions") struct FuzzRegressionTests {
    static let folder = "fuzz-regressions"

    static func files() throws -> [URL] {
        let directory = try #require(Bundle.module.url(forResource: folder, withExtension: nil,
                                                       subdirectory: "Fixtures"))
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test("every regression input is refused with a message naming it, or (ok-*) read in full")
    func regressions() throws {
        let files = try Self.files()
        #expect(files.count >= 13)
        for url in files {
            let name = url.lastPathComponent
            let load: () throws -> Void = url.pathExtension == "npz"
                ? { _ = try NPZArchive(contentsOf: url) } : { _ = try loadNPY(from: url) }
            if name.hasPrefix("ok-") {
                let archive = try NPZArchive(contentsOf: url)
                #expect(archive.keys == ["a", "b", "c"], "\(name)")
                #expect(try archive.array("b") == NDArray(doubles: [1.5, -2.0], shape: [2]))
            } else {
                let message = Support.errorMessage(load)
                #expect(message.hasPrefix(name), "\(name): \(message)")
            }
        }
    }

    @Test("the messages say what is wrong", arguments: [
        ("directory-offset-past-end.npz", "a 153-byte directory at offset 812: more than the 712-byte file can hold"),
        ("zip64-size-2pow63.npz", "lies beyond the end of the"),
        ("zip64-stored-size-2pow40.npz", "stored uncompressed, yet its sizes differ (144 and 1099511627776 bytes)"),
        ("deflate-needs-more-input.npz", "deflate"),
        ("second-entry-damaged.npz", "central-directory entry 2"),
        ("fewer-entries-than-promised.npz", "promises 3 members, but the central directory (102 bytes) has room for at most 2"),
        ("directory-member.npz", "member 'sub/' is corrupt: it is a directory entry"),
        ("header-nested-60000.npy", "at most 10000 bytes"),
        ("header-nested-3000.npy", "nested brackets"),
        ("shape-overflow.npy", "is too large"),
        ("shape-huge.npy", "is truncated"),
        ("overlapping-members.npz", "members 'a.npy' and 'b.npy' overlap in the file"),
    ])
    func messages(file: String, fragment: String) throws {
        let url = try #require(try Self.files().first { $0.lastPathComponent == file })
        let message = Support.errorMessage {
            if file.hasSuffix(".npz") { _ = try NPZArchive(contentsOf: url) } else { _ = try loadNPY(from: url) }
        }
        #expect(message.contains(fragment), "\(message)")
    }

    @Test("a directory or a FIFO given as a file is refused at once, not read (or waited on) forever")
    func notARegularFile() throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let message = Support.errorMessage { _ = try NPZArchive(contentsOf: directory) }
        #expect(message == "cannot read \(directory.path): it is a directory, not a data file")
        let fifo = directory.appendingPathComponent("pipe.npy")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let fifoMessage = Support.errorMessage { _ = try loadNPY(from: fifo) }
        #expect(fifoMessage == "cannot read \(fifo.path): it is not a regular file, not a data file")
    }
}
