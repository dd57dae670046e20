import Foundation
import Testing
import Kusari

/// A DOT file read back: node labels by id, node shapes by id, and edges as (from label, to label).
private struct ParsedDot {
    var labels: [String: String] = [:]
    var shapes: [String: String] = [:]
    var styles: [String: String] = [:]
    var edges: [(String, String)] = []

    init(_ dot: String) {
        for raw in dot.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let arrow = line.range(of: " -> ") {
                let from = String(line[..<arrow.lowerBound])
                let to = String(line[arrow.upperBound...].dropLast())  // drop ";"
                edges.append((from, to))
            } else if let open = line.firstIndex(of: "[") {
                let id = String(line[..<open]).trimmingCharacters(in: .whitespaces)
                let attributes = String(line[open...])
                labels[id] = attributes.between("label=\"", "\"")
                shapes[id] = attributes.between("shape=", ",") ?? attributes.between("shape=", "]")
                styles[id] = attributes.between("style=", ",") ?? attributes.between("style=", "]")
            }
        }
        edges = edges.map { (labels[$0.0] ?? "?" + $0.0, labels[$0.1] ?? "?" + $0.1) }
    }

    var variableCount: Int { shapes.values.filter { $0 == "ellipse" }.count }
    var functionCount: Int { shapes.values.filter { $0 == "box" }.count }
    func hasEdge(_ from: String, _ to: String) -> Bool { edges.contains { $0 == (from, to) } }
    func edgeCount(_ from: String, _ to: String) -> Int { edges.filter { $0 == (from, to) }.count }
}

private extension StringProtocol {
    /// The text between the first `start` and the next `end` after it.
    func between(_ start: String, _ end: String) -> String? {
        guard let s = range(of: start), let e = self[s.upperBound...].range(of: end) else { return nil }
        return String(self[s.upperBound..<e.lowerBound])
    }
}

@Suite("Graph export (Graphviz DOT)")
struct DotGraphTests {
    @Test func tanhOfAnAffineMap() {
        let x = Variable(NDArray.ones([2, 3], dtype: .float64), name: "x")
        let w = Variable(NDArray.ones([2, 3], dtype: .float64), name: "w")
        let b = Variable(NDArray.ones([3], dtype: .float64), name: "b")
        let y = tanh(x * w + b)
        y.name = "y"
        let dot = y.dotGraph()
        #expect(dot.hasPrefix("digraph kusari {"))
        #expect(dot.hasSuffix("}\n"))
        let g = ParsedDot(dot)
        // Variables: x, w, b, x*w, x*w + b, y. Functions: Multiply, Add, Tanh.
        #expect(g.variableCount == 6)
        #expect(g.functionCount == 3)
        #expect(g.edges.count == 8)
        #expect(g.hasEdge("x\\n(2, 3) float64", "Multiply"))
        #expect(g.hasEdge("w\\n(2, 3) float64", "Multiply"))
        #expect(g.hasEdge("Multiply", "(2, 3) float64"))
        #expect(g.hasEdge("(2, 3) float64", "Add"))
        #expect(g.hasEdge("b\\n(3) float64", "Add"))
        #expect(g.hasEdge("Add", "(2, 3) float64"))
        #expect(g.hasEdge("(2, 3) float64", "Tanh"))
        #expect(g.hasEdge("Tanh", "y\\n(2, 3) float64"))
        #expect(g.labels.values.filter { $0 == "Tanh" }.count == 1)
    }

    @Test func sharedSubexpressionsAppearOnce() {
        let x = Variable(NDArray([1, 2] as [Float]), name: "x")
        let a = x * x
        let y = a + a
        let g = ParsedDot(y.dotGraph())
        #expect(g.variableCount == 3)   // x, a, y
        #expect(g.functionCount == 2)   // Multiply, Add
        #expect(g.edgeCount("x\\n(2) float32", "Multiply") == 2)  // one edge per operand
        #expect(g.edgeCount("(2) float32", "Add") == 2)
        #expect(g.edges.count == 6)
    }

    @Test func constantsAreDashedAndLeavesStandAlone() {
        let x = Variable(NDArray(scalar: 3, dtype: .float64), name: "x")
        let y = x * 2.0
        let g = ParsedDot(y.dotGraph())
        #expect(g.variableCount == 3)
        #expect(g.functionCount == 1)
        #expect(g.styles.values.filter { $0 == "dashed" }.count == 1)   // the constant 2
        #expect(g.hasEdge("() float64", "Multiply"))

        let leaf = ParsedDot(x.dotGraph())
        #expect(leaf.variableCount == 1)
        #expect(leaf.functionCount == 0)
        #expect(leaf.edges.isEmpty)
        #expect(leaf.labels.values.first == "x\\n() float64")
    }

    @Test func multiOutputFunctionsShowEveryLiveOutput() {
        let x = Variable(NDArray.zeros([2, 4]), name: "x")
        let parts = splitAxis(x, sizes: [1, 3], axis: 1)
        let y = parts[0] * parts[1]
        let g = ParsedDot(y.dotGraph())
        #expect(g.functionCount == 2)  // SplitAxis, Multiply
        #expect(g.variableCount == 4)  // x, two pieces, y
        #expect(g.hasEdge("SplitAxis", "(2, 1) float32"))
        #expect(g.hasEdge("SplitAxis", "(2, 3) float32"))
        #expect(g.edges.count == 6)  // x→SplitAxis→(2 pieces)→Multiply→y
    }

    @Test func verboseAddsGenerationsAndLabelsAreEscaped() {
        let x = Variable(NDArray.zeros([2]), name: "say \"hi\"")
        let y = sin(x)
        let plain = y.dotGraph()
        #expect(!plain.contains("gen "))
        #expect(plain.contains("label=\"say \\\"hi\\\"\\n(2) float32\""))
        let verbose = y.dotGraph(verbose: true)
        #expect(verbose.contains("label=\"Sin\\ngen 0\""))
        #expect(verbose.contains("(2) float32\\ngen 1\""))
        #expect(verbose.contains("say \\\"hi\\\"\\n(2) float32\\ngen 0\""))
    }
}
