// Graphviz export of the computational graph behind a variable (DeZero's `get_dot_graph`).

extension Variable {
    /// The graph that produced this variable, in Graphviz DOT: variables are ellipses labelled with their
    /// name (if any), shape and dtype; functions are boxes labelled with ``FunctionNode/label``; edges run
    /// input → function → output. Every variable and function appears once; a function applied to the same
    /// variable twice (`x * x`) has two edges from it. Constants (`requiresGrad == false`) are dashed.
    ///
    /// ```swift
    /// let y = tanh(x * w + b)
    /// try y.dotGraph().write(toFile: "graph.dot", atomically: true, encoding: .utf8)
    /// // dot -Tpng graph.dot -o graph.png
    /// ```
    ///
    /// - Parameter verbose: also show each node's generation, and whether a variable holds a gradient.
    public func dotGraph(verbose: Bool = false) -> String {
        var ids: [ObjectIdentifier: String] = [:]
        var lines: [String] = []

        func variableID(_ v: Variable) -> String {
            let key = ObjectIdentifier(v)
            if let id = ids[key] { return id }
            let id = "v\(ids.count)"
            ids[key] = id
            var label = [v.name, "\(dotShape(v.shape)) \(v.dtype)"].compactMap { $0 }
            if verbose {
                label.append("gen \(v.generation)\(v.grad == nil ? "" : ", grad")")
            }
            let style = v.requiresGrad ? "" : ", style=dashed"
            lines.append("  \(id) [label=\"\(dotEscape(label.joined(separator: "\n")))\", shape=ellipse\(style)];")
            return id
        }

        var pending: [FunctionNode] = []
        func functionID(_ f: FunctionNode) -> String {
            let key = ObjectIdentifier(f)
            if let id = ids[key] { return id }
            let id = "f\(ids.count)"
            ids[key] = id
            let label = verbose ? "\(f.label)\ngen \(f.generation)" : f.label
            lines.append("  \(id) [label=\"\(dotEscape(label))\", shape=box, style=filled, fillcolor=lightblue];")
            pending.append(f)
            return id
        }

        _ = variableID(self)
        if let creator { _ = functionID(creator) }
        // Each function is expanded once: its live outputs and its inputs (queueing their creators).
        var next = 0
        while next < pending.count {
            let f = pending[next]
            next += 1
            let fid = ids[ObjectIdentifier(f)]!
            for case let y? in f.outputs { lines.append("  \(fid) -> \(variableID(y));") }
            for x in f.inputs {
                lines.append("  \(variableID(x)) -> \(fid);")
                if let c = x.creator { _ = functionID(c) }
            }
        }
        return "digraph kusari {\n  rankdir=LR;\n" + lines.joined(separator: "\n") + "\n}\n"
    }
}

/// A shape as Graphviz labels show it: `(2, 3)`, `()` for a scalar.
private func dotShape(_ shape: [Int]) -> String {
    "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

/// Escapes a label for a double-quoted DOT string (newlines become `\n`).
private func dotEscape(_ text: String) -> String {
    var out = ""
    for ch in text {
        switch ch {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        default: out.append(ch)
        }
    }
    return out
}
