import Foundation
import Testing

/// Runs `kusari-fuzz` (Sources/KusariFuzz) as a child process at a small size: mutated `.npy`, `.npz` and
/// CSV inputs, each batch in its own process, so a crash or hang is counted rather than fatal. The larger
/// run is `swift run kusari-fuzz --count 10000` (Docs/Fuzzing.md).
@Suite("Fuzzing") struct FuzzSuiteTests {
    /// The `kusari-fuzz` binary built beside this test bundle (`swift build --build-tests` builds it).
    static func fuzzer() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("kusari-fuzz")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: ".build/debug/kusari-fuzz")
        return try #require(FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil,
                            "kusari-fuzz not found next to the tests: run `swift build --build-tests` first")
    }

    @Test("300 mutated inputs per format (and tampered snapshots): no crash, no hang, no dropped member, only descriptive errors")
    func smallRun() throws {
        let findings = FileManager.default.temporaryDirectory
            .appendingPathComponent("kusari-fuzz-findings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: findings) }
        let (status, output) = try Self.runFuzzer(["--count", "300", "--seed", "1", "--save", findings.path])
        #expect(status == 0, "\(output)")
        let lines = output.split(separator: "\n").filter { $0.contains(" inputs in ") }
        #expect(lines.count == 4, "\(output)")   // npy, npz, csv, snapshot
        for line in lines {
            #expect(line.contains("300 inputs"), "\(line)")
            #expect(line.contains(" 0 crashes, 0 hangs, 0 with dropped members"), "\(line)")
            #expect(line.contains(" 0 other errors"), "\(line)")
        }
    }

    @Test("the harness counts a crash and a hang in a child, saves their inputs, and carries on")
    func harness() throws {
        let findings = FileManager.default.temporaryDirectory
            .appendingPathComponent("kusari-fuzz-findings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: findings) }
        let (status, output) = try Self.runFuzzer([
            "--formats", "npy", "--count", "20", "--crash-at", "5", "--hang-at", "9", "--timeout", "1",
            "--save", findings.path,
        ])
        #expect(status == 1)
        #expect(output.contains("npy: crash on input 5"), "\(output)")
        #expect(output.contains("npy: hang on input 9"), "\(output)")
        #expect(output.contains("npy: 20 inputs in"), "\(output)")
        #expect(output.contains(" 1 crashes, 1 hangs, 0 with dropped members"), "\(output)")
        let saved = try FileManager.default.contentsOfDirectory(atPath: findings.path).sorted()
        #expect(saved == ["crash-seed1-5.npy", "hang-seed1-9.npy"])
    }

    /// Runs the fuzzer with `arguments`; returns its exit status and standard output.
    static func runFuzzer(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = try fuzzer()
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
