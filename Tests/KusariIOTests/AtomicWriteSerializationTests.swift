import Foundation
import Testing
import Kusari
@testable import KusariIO

@Suite("Serialization: atomic writes")
struct AtomicWriteSerializationTests {
    typealias Support = SerializationTestSupport

    struct SimulatedCrash: Error, Equatable {}

    @Test("writeAtomically creates and replaces files without leaving temporaries")
    func replaces() throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("state.bin")
        try writeAtomically(Data("first".utf8), to: url)
        try writeAtomically(Data("second, longer".utf8), to: url)
        #expect(try Data(contentsOf: url) == Data("second, longer".utf8))
        try writeAtomically(Data(), to: url)
        #expect(try Data(contentsOf: url).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["state.bin"])
    }

    @Test("a writer that fails mid-write leaves the previous file intact and no temporary file behind")
    func failureKeepsPreviousFile() throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("snapshot.npz")
        try NPZArchive(["W": .array(NDArray.ones([3]))]).write(to: url)
        let before = try Data(contentsOf: url)

        var temporaryURL: URL?
        #expect(throws: SimulatedCrash()) {
            try atomicallyWriting(to: url) { temporary in
                temporaryURL = temporary
                #expect(temporary.deletingLastPathComponent().path == directory.path)
                #expect(!FileManager.default.fileExists(atPath: temporary.path))
                try Data("half a snapsh".utf8).write(to: temporary)  // part of the new file...
                throw SimulatedCrash()                               // ...then the writer dies
            }
        }
        #expect(try Data(contentsOf: url) == before)
        #expect(try NPZArchive(contentsOf: url).array("W") == NDArray.ones([3]))
        let leftover = try #require(temporaryURL)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["snapshot.npz"])
    }

    @Test("a failing archive write keeps the previous archive")
    func failingArchiveWrite() throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("snapshot.npz")
        try saveNPZ(["W": NDArray.ones([3])], to: url)
        #expect(throws: SerializationError.self) {
            try NPZArchive(["": .integer(1), "W": .array(NDArray.zeros([3]))]).write(to: url)
        }
        #expect(try loadNPZ(from: url) == ["W": NDArray.ones([3])])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["snapshot.npz"])
    }

    @Test("the result of the writer is returned")
    func returnsResult() throws {
        let directory = try Support.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let count = try atomicallyWriting(to: directory.appendingPathComponent("n.txt")) { temporary in
            try Data("42".utf8).write(to: temporary)
            return 2
        }
        #expect(count == 2)
    }

    @Test("an unwritable destination throws an I/O error naming the path")
    func unwritable() {
        let url = URL(fileURLWithPath: "/nonexistent-kusari-dir/w.npz")
        let message = Support.errorMessage { try writeAtomically(Data([1]), to: url) }
        #expect(message == "cannot write /nonexistent-kusari-dir/w.npz: No such file or directory")
    }
}
