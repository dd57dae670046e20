import KusariCore

/// A building block with parameters: a layer (``Linear``, ``LSTM``) or a model made of layers (``Chain``).
///
/// Parameters and child links are found from the stored properties (with `Mirror`, once, then cached),
/// in declaration order, so nothing needs registering:
///
/// ```swift
/// final class Model: Chain {
///     let l1 = Linear(2, 100)
///     let lstm = LSTM(100, 100)
///     let l2 = Linear(100, 2)
///     func callAsFunction(_ x: Variable) -> Variable { l2(lstm(l1(x))) }
/// }
/// Model().namedParameters().map(\.path)   // ["/l1/W", "/l1/b", "/lstm/upward/W", …]
/// ```
/// Properties holding a ``Parameter``, a `Link`, or an array of links (named `name/0`, `name/1`, …) are
/// found; declare them with `let` so the cached structure stays right.
open class Link {
    private var cachedStructure: (parameters: [(String, Parameter)], children: [(String, Link)])?
    // The paths never change once the structure is cached, and optimizers ask for them at every update
    // (clearGrads too): building the strings each time cost more than a small model's arithmetic.
    private var cachedNamedParameters: [(path: String, parameter: Parameter)]?

    /// A link with no parameters of its own; subclasses declare theirs as stored properties.
    public init() {}

    /// Child links that are not found from stored properties (``Sequential``'s numbered steps); nil, the
    /// default, means "discover children from the stored properties".
    open var explicitChildren: [(name: String, link: Link)]? { nil }

    /// The parameters this link owns directly, with their property names.
    public final func ownParameters() -> [(name: String, parameter: Parameter)] {
        structure().parameters.map { (name: $0.0, parameter: $0.1) }
    }

    /// The child links, with their property names (`layers/0` for arrays).
    public final func children() -> [(name: String, link: Link)] {
        structure().children.map { (name: $0.0, link: $0.1) }
    }

    /// Every parameter in this link and below, with Chainer's path (`/l1/W`, `/lstm/upward/b`).
    public final func namedParameters() -> [(path: String, parameter: Parameter)] {
        if let cached = cachedNamedParameters { return cached }
        var result = ownParameters().map { (path: "/" + $0.name, parameter: $0.parameter) }
        for (name, child) in children() {
            result += child.namedParameters().map { (path: "/" + name + $0.path, parameter: $0.parameter) }
        }
        cachedNamedParameters = result
        return result
    }

    /// Every parameter in this link and below, in declaration order.
    public final func parameters() -> [Parameter] { namedParameters().map(\.parameter) }

    /// Every link below this one (depth first), with paths relative to this link.
    public final func namedLinks() -> [(path: String, link: Link)] {
        children().flatMap { name, child in
            [(path: "/" + name, link: child)] + child.namedLinks().map { (path: "/" + name + $0.path, link: $0.link) }
        }
    }

    /// Forgets the gradients of every parameter (call before each backward pass).
    public final func clearGrads() {
        for (_, p) in namedParameters() { p.clearGrad() }
    }

    /// The number of scalar parameters (uninitialized lazy parameters count 0).
    public final var parameterCount: Int { parameters().map(\.count).reduce(0, +) }

    /// Clears any recurrent state in this link and its children. Recurrent links override it (and call
    /// `super.resetState()` if they have children).
    open func resetState() {
        for (_, child) in children() { child.resetState() }
    }

    private func structure() -> (parameters: [(String, Parameter)], children: [(String, Link)]) {
        if let cached = cachedStructure { return cached }
        var parameters: [(String, Parameter)] = []
        var children: [(String, Link)] = []
        // Walk the class hierarchy from the base class down, so inherited properties come first.
        var mirrors: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let m = mirror {
            mirrors.insert(m, at: 0)
            mirror = m.superclassMirror
        }
        for m in mirrors {
            for child in m.children {
                guard let label = child.label, !label.hasPrefix("$__lazy"), label != "cachedStructure",
                      label != "cachedNamedParameters" else { continue }
                let name = label.hasPrefix("_") ? String(label.dropFirst()) : label
                switch child.value {
                case let p as Parameter: parameters.append((name, p))
                case let l as Link: children.append((name, l))
                case let ls as [Link]: children += ls.enumerated().map { ("\(name)/\($0.offset)", $0.element) }
                default: break
                }
            }
        }
        if let explicit = explicitChildren { children = explicit.map { ($0.name, $0.link) } }
        cachedStructure = (parameters, children)
        return (parameters, children)
    }
}

extension Link: CustomStringConvertible {
    /// A tree of the links with their parameters' shapes, e.g.
    /// ```
    /// Model
    ///   l1: Linear  W (100, 2)  b (100)
    /// ```
    public var description: String { describe(name: String(describing: type(of: self)), indent: "") }

    private func describe(name: String, indent: String) -> String {
        let params = ownParameters().map { "\($0.name) \($0.parameter.isInitialized ? "(" + $0.parameter.shape.map(String.init).joined(separator: ", ") + ")" : "(uninitialized)")" }
        var line = indent + name
        if !params.isEmpty { line += "  " + params.joined(separator: "  ") }
        let lines = [line] + children().map {
            $0.link.describe(name: "\($0.name): \(String(describing: type(of: $0.link)))", indent: indent + "  ")
        }
        return lines.joined(separator: "\n")
    }
}

/// A link made of child links: subclass it for your model (Chainer's `Chain`). The behaviour lives in
/// ``Link``; `Chain` names the intent.
open class Chain: Link {}
