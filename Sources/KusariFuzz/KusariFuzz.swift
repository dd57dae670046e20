// kusari-fuzz: feeds mutated .npy, .npz and CSV files to Kusari's readers and counts crashes, hangs and
// silently dropped members. Each batch of inputs runs in a child process, so a crash or a hang is
// counted (and its input saved) instead of ending the run.
//
//   kusari-fuzz                              300 inputs per format (what `make test` runs)
//   kusari-fuzz --count 10000 --seed 7       a larger run
//   kusari-fuzz --replay Tests/KusariIOTests/Fixtures/fuzz-regressions
import ArgumentParser
import Foundation

@main
struct KusariFuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kusari-fuzz",
        abstract: "Feed mutated .npy/.npz/CSV files to Kusari's readers; count crashes, hangs and dropped members.")

    @Option(help: "Inputs per format.") var count = 300
    @Option(help: "Seed of the mutations (the same seed gives the same inputs).") var seed: UInt64 = 1
    @Option(help: "Formats to fuzz, comma-separated: npy,npz,csv,snapshot (tampered Trainer snapshots).")
    var formats = "npy,npz,csv,snapshot"
    @Option(help: "Seconds an input may take before it counts as a hang.") var timeout: Double = 10
    @Option(help: "Folder where inputs that crash or hang are saved.") var save = "fuzz-findings"
    @Option(help: "Instead of mutating, read every file in this folder (format from its extension).")
    var replay: String?
    @Flag(help: "Print the reader's message for every input.") var verbose = false
    @Flag(help: "Read .npz inputs with ZIPFoundation alone (Kusari's reader before its zip checks).")
    var zipfoundationBaseline = false

    // Used by the parent to start a child on a batch.
    @Option(help: .hidden) var childFormat: String?
    @Option(help: .hidden) var from = 0
    @Option(help: .hidden) var progress: String?
    // Checks of the harness itself: the child traps on, or hangs at, this input.
    @Option(help: .hidden) var crashAt: Int?
    @Option(help: .hidden) var hangAt: Int?

    mutating func run() throws {
        if let childFormat, let progress {
            try runChild(format: childFormat, from: from, progressPath: progress)
            return
        }
        var failures = 0
        for (format, inputs) in try sources() {
            let summary = try supervise(format: format, inputs: inputs)
            print(summary.line(format: format))
            failures += summary.crashes + summary.hangs + summary.counts[Outcome.droppedMembers.rawValue]
                + summary.counts[Outcome.unexpectedError.rawValue]
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// The inputs to try, per format label: mutations, or the files of `--replay`.
    private func sources() throws -> [(String, InputSource)] {
        if let replay {
            let folder = URL(fileURLWithPath: replay)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            return FuzzFormat.allCases.compactMap { format in
                let files = names.filter { $0.hasSuffix("." + format.rawValue) }
                    .map { folder.appendingPathComponent($0) }
                return files.isEmpty ? nil : ("replay-\(format.rawValue)", .files(format, files))
            }
        }
        return try formats.split(separator: ",").map { name in
            guard let format = FuzzFormat(rawValue: String(name)) else {
                throw ValidationError("unknown format '\(name)': use npy, npz, csv or snapshot")
            }
            return (format.rawValue, .mutations(Mutator(format: format, seed: seed), count))
        }
    }

    /// The child: runs inputs from `from` on, recording progress after each so the parent can resume.
    private func runChild(format label: String, from: Int, progressPath: String) throws {
        guard let (_, source) = try sources().first(where: { $0.0 == label }) else { throw ExitCode(2) }
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kusari-fuzz-\(getpid()).input")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = ProgressFile(path: progressPath)
        var counts = [Int](repeating: 0, count: Outcome.allCases.count)
        for index in from..<source.count {
            file.record(index: index, done: false, counts: counts)
            if index == crashAt { fatalError("kusari-fuzz: crash requested at input \(index)") }
            if index == hangAt { while true { sleep(1) } }
            let bytes = source.input(index)
            let (outcome, message) = zipfoundationBaseline && source.format == .npz
                ? (readWithZIPFoundation(bytes), "")
                : readInputExplained(bytes, as: source.format, scratch: scratch)
            counts[outcome.rawValue] += 1
            if verbose { print("\(source.label(index)): \(message)") }
        }
        file.record(index: source.count, done: true, counts: counts)
    }
}

/// Where a run's inputs come from.
enum InputSource {
    case mutations(Mutator, Int)
    case files(FuzzFormat, [URL])

    var format: FuzzFormat {
        switch self {
        case let .mutations(mutator, _): return mutator.format
        case let .files(format, _): return format
        }
    }
    var count: Int {
        switch self {
        case let .mutations(_, count): return count
        case let .files(_, files): return files.count
        }
    }
    func input(_ index: Int) -> [UInt8] {
        switch self {
        case let .mutations(mutator, _): return mutator.input(index)
        case let .files(_, files): return (try? [UInt8](Data(contentsOf: files[index]))) ?? []
        }
    }
    func label(_ index: Int) -> String {
        switch self {
        case .mutations: return "input \(index)"
        case let .files(_, files): return files[index].lastPathComponent
        }
    }
}
