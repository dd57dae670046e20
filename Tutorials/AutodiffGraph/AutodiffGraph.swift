import ArgumentParser
import Foundation
import Kusari
import TutorialSupport

/// `autodiff-graph`: draws the computational graph that define-by-run records, for Docs/Autodiff.md.
///
/// It builds `y = tanh(x · w + b)` and one step of an LSTM cell, writes each graph as Graphviz DOT
/// (`Variable.dotGraph()`) into the output folder, and renders PNGs with `dot` when Graphviz is installed
/// (`apt-get install graphviz`); without it, the `.dot` files are still written.
@main
struct AutodiffGraph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autodiff-graph",
        abstract: "Write the graphs behind tanh(x·w + b) and an LSTM step as DOT (and PNG with Graphviz).")

    @OptionGroup var options: TutorialOptions

    func run() throws {
        let out = try options.outputFolder(default: "autodiff")
        let narrator = Narrator(quiet: options.quiet)
        let generator = RandomGenerator(seed: options.seed)

        // 1. The page's example, y = tanh(x * w + b) elementwise: every operator call records a FunctionNode
        //    (Multiply, Add, Tanh) as the creator of its result.
        let x = Variable(NDArray.normal([1, 3], generator: generator), name: "x")
        let w = Variable(NDArray.normal([1, 3], generator: generator), name: "w")
        let b = Variable(NDArray.zeros([1, 3]), name: "b")
        let y = tanh(x * w + b)
        y.name = "y"

        // 2. One step of an LSTM layer: upward(x) + lateral(h), then the fused lstm function.
        let lstm = LSTM(2, 3, generator: generator)
        for (path, parameter) in lstm.namedParameters() { parameter.name = String(path.dropFirst()) }  // upward/W, lateral/W, …
        let x1 = Variable(NDArray.normal([1, 2], generator: generator), name: "x₁")
        let x2 = Variable(NDArray.normal([1, 2], generator: generator), name: "x₂")
        let h1 = lstm(x1)
        h1.name = "h₁"
        lstm.c?.name = "c₁"
        let h2 = lstm(x2)
        h2.name = "h₂"
        lstm.c?.name = "c₂"
        let loss = h2.sum()
        loss.name = "loss"

        // The neuron reads left to right; the LSTM's longer graph top to bottom, so it fits a page.
        for (name, variable, direction) in [("graph", y, "LR"), ("lstm-graph", loss, "TB")] {
            let dotFile = out.appending(path: "\(name).dot")
            let dot = variable.dotGraph().replacingOccurrences(of: "rankdir=LR;", with: "rankdir=\(direction);")
            try dot.write(to: dotFile, atomically: true, encoding: .utf8)
            narrator.say("wrote \(dotFile.path)")
            try render(dotFile, to: out.appending(path: "\(name).png"), narrator: narrator)
        }
        print("autodiff-graph: \(y.creator?.label ?? "?") graph and an LSTM step written to \(out.path)")
    }

    /// Runs Graphviz' `dot -Tpng` when it is installed.
    private func render(_ dotFile: URL, to png: URL, narrator: Narrator) throws {
        guard let dot = ["/usr/bin/dot", "/usr/local/bin/dot"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            narrator.say("Graphviz is not installed (apt-get install graphviz): \(png.lastPathComponent) not drawn")
            return
        }
        let process = Process()
        process.executableURL = URL(filePath: dot)
        process.arguments = ["-Tpng", "-Gdpi=110", dotFile.path, "-o", png.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("dot failed (status \(process.terminationStatus)) on \(dotFile.path)")
        }
        narrator.say("drew \(png.path)")
    }
}
