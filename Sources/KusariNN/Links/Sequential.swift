import KusariCore

/// A stack of layers applied in order: `Sequential(Linear(1, 20), Activation(tanh), Linear(20, 1))`.
///
/// Each step is a link with a call (``Linear``, a recurrent link, your own) or a plain function on
/// Variables (`tanh`, `relu`). Links are children named by their position among the steps, as in
/// Chainer's `Sequential`: in the example above the parameters are `/0/W`, `/0/b`, `/2/W`, `/2/b`.
public final class Sequential: Chain, Layer {
    /// The links among the steps, with their positions.
    private let numberedLinks: [(name: String, link: Link)]
    private let steps: [(Variable) -> Variable]

    /// A stack of steps, each a ``Layer`` link or a function on Variables.
    public init(_ steps: any SequentialStep...) {
        self.numberedLinks = steps.enumerated().compactMap { i, step in (step as? Link).map { (name: "\(i)", link: $0) } }
        self.steps = steps.map { $0.asFunction }
        super.init()
    }

    override public var explicitChildren: [(name: String, link: Link)]? { numberedLinks }

    /// The input passed through every step in order.
    public func callAsFunction(_ x: Variable) -> Variable {
        steps.reduce(x) { h, step in step(h) }
    }
}

/// A step of a ``Sequential``: a single-input link or a function.
public protocol SequentialStep {
    /// The step as a function from one Variable to one Variable.
    var asFunction: (Variable) -> Variable { get }
}

/// A link whose call maps one Variable to one Variable (Linear, LSTM, SimpleRNN, …); such links can be
/// steps of a ``Sequential``.
public protocol Layer: Link, SequentialStep {
    /// Maps `x` to the layer's output, updating any state the layer keeps.
    func callAsFunction(_ x: Variable) -> Variable
}

extension Layer {
    /// The layer's call, as a ``Sequential`` step.
    public var asFunction: (Variable) -> Variable { { self($0) } }
}

/// Wraps a plain function (`tanh`, `relu`) as a ``Sequential`` step.
public struct Activation: SequentialStep {
    /// The wrapped function.
    public let asFunction: (Variable) -> Variable
    /// Wraps `function` (e.g. `Activation(relu)`).
    public init(_ function: @escaping (Variable) -> Variable) { asFunction = function }
}
