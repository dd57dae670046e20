import ArgumentParser
import Foundation
import Kusari

/// The command-line options every tutorial accepts:
///
///     --seed N       the seed of every random source (default 0)
///     --epochs N     training epochs (default: the experiment's own)
///     --out DIR      where figures and metrics.json go (default Plots/<tutorial>)
///     --quiet        print only the summary
public struct TutorialOptions: ParsableArguments {
    @Option(help: "Seed of every random source (weights, data noise, shuffling).")
    public var seed: UInt64 = 0

    @Option(help: "Training epochs (default: the experiment's own).")
    public var epochs: Int?

    @Option(help: "Output folder for figures and metrics.json (default: Plots/<tutorial>).")
    public var out: String?

    @Flag(help: "Print only the final summary.")
    public var quiet = false

    public init() {}

    /// Checks the values a user typed, with messages that say what to change.
    public func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        if let out, out.isEmpty { throw ValidationError("--out must name a folder") }
    }

    /// The output folder as a URL (created if missing), checked to be writable before any training.
    public func outputFolder(default name: String) throws -> URL {
        let url = URL(filePath: out ?? "Plots/\(name)", directoryHint: .isDirectory)
        do {
            try prepareOutputFolder(url)
        } catch {
            throw ValidationError("\(error); choose another folder with --out")
        }
        return url
    }
}

/// Prints tutorial progress unless `--quiet` was given.
public struct Narrator: Sendable {
    public let quiet: Bool
    public init(quiet: Bool) { self.quiet = quiet }
    /// Prints a line of the story (suppressed with `--quiet`).
    public func say(_ line: String) { if !quiet { print(line) } }
}
