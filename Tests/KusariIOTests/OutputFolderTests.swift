import Foundation
import Testing
import Kusari

/// `prepareOutputFolder` creates the folder and proves it writable, or says plainly why not.
@Suite("Output folders") struct OutputFolderTests {
    @Test("a missing folder is created, checked, and left without the probe file")
    func createsAndChecks() throws {
        let root = try SerializationTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("a/b/results")
        try prepareOutputFolder(folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a file where a folder should be, or below a file, is named in the message")
    func fileInTheWay() throws {
        let root = try SerializationTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("notes.txt")
        try Data("x".utf8).write(to: file)
        let direct = SerializationTestSupport.errorMessage { try prepareOutputFolder(file) }
        #expect(direct == "cannot write to the output folder \(file.path): it is a file, not a folder")
        let below = SerializationTestSupport.errorMessage { try prepareOutputFolder(file.appendingPathComponent("out")) }
        #expect(below == "cannot write to the output folder \(file.path)/out: it cannot be created "
            + "(\(file.path) is a file, not a folder)")
    }
}
