// Lab 5 (solution): no-grad mode.
import KusariCore

/// The engine's switches, as task-local values: `noGrad` restores them on exit and concurrent tests
/// never see each other's setting.
enum Config {
    /// When false, functions compute their output without recording the graph.
    @TaskLocal static var enableBackprop = true
}

/// Runs `body` without recording the graph (evaluation, inference): less memory, no backward possible.
func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    try Config.$enableBackprop.withValue(false, operation: body)
}

/// A value in the graph: its data, its gradient, and the function that made it.
final class Variable {
    var data: NDArray
    var grad: NDArray?
    var creator: Function?
    /// 0 for inputs; one more than the generation of the function that made it.
    var generation = 0

    init(_ data: NDArray) { self.data = data }
    /// A scalar (shape `[]`) in Double.
    convenience init(_ value: Double) { self.init(NDArray([value], shape: [], dtype: .float64)) }

    /// Remembers `function` as the creator; the variable is one generation later than it.
    func setCreator(_ function: Function) {
        creator = function
        generation = function.generation + 1
    }

    func clearGrad() { grad = nil }

    /// Fills `grad` of every variable this one depends on with d(self)/d(variable).
    ///
    /// Functions are processed latest generation first, each exactly once, so a variable used twice has
    /// collected both contributions before its own creator runs.
    func backward() {
        if grad == nil { grad = NDArray.ones(like: data) }
        var functions: [Function] = []
        var seen = Set<ObjectIdentifier>()
        func add(_ function: Function) {
            guard seen.insert(ObjectIdentifier(function)).inserted else { return }
            functions.append(function)
            functions.sort { $0.generation < $1.generation }
        }
        if let creator { add(creator) }
        while let function = functions.popLast() {
            guard let gy = function.output?.grad else { continue }
            let gxs = function.backward(gy)
            for (x, gx) in zip(function.inputs, gxs) {
                x.grad = x.grad.map { $0 + gx } ?? gx
                if let creator = x.creator { add(creator) }
            }
        }
    }
}

/// A differentiable operation on arrays: `forward` computes the output, `backward` the input gradients.
class Function {
    var inputs: [Variable] = []
    /// Weak: the output owns its creator, not the other way round (no reference cycle).
    weak var output: Variable?
    var generation = 0

    /// Runs `forward` on the inputs' data and, when backprop is enabled, records the graph.
    func callAsFunction(_ inputs: Variable...) -> Variable {
        let y = Variable(forward(inputs.map(\.data)))
        if Config.enableBackprop {
            self.inputs = inputs
            generation = inputs.map(\.generation).max() ?? 0
            y.setCreator(self)
            output = y
        }
        return y
    }

    func forward(_ xs: [NDArray]) -> NDArray { fatalError("\(Self.self) must override forward") }
    /// One gradient per input, given the gradient of the output.
    func backward(_ gy: NDArray) -> [NDArray] { fatalError("\(Self.self) must override backward") }
}

/// y = x²; dy/dx = 2x.
final class Square: Function {
    override func forward(_ xs: [NDArray]) -> NDArray { xs[0] * xs[0] }
    override func backward(_ gy: NDArray) -> [NDArray] { [2 * inputs[0].data * gy] }
}

/// y = eˣ; dy/dx = eˣ.
final class Exp: Function {
    override func forward(_ xs: [NDArray]) -> NDArray { xs[0].exp() }
    override func backward(_ gy: NDArray) -> [NDArray] { [inputs[0].data.exp() * gy] }
}

/// y = a + b; both partial derivatives are 1.
final class Add: Function {
    override func forward(_ xs: [NDArray]) -> NDArray { xs[0] + xs[1] }
    override func backward(_ gy: NDArray) -> [NDArray] { [gy, gy] }
}

func square(_ x: Variable) -> Variable { Square()(x) }
func exp(_ x: Variable) -> Variable { Exp()(x) }
func add(_ a: Variable, _ b: Variable) -> Variable { Add()(a, b) }

/// The central difference (f(x + ε) − f(x − ε)) / 2ε, elementwise: right for elementwise functions.
func numericalDiff(_ f: (Variable) -> Variable, _ x: Variable, eps: Double = 1e-4) -> NDArray {
    let y0 = f(Variable(x.data - eps)).data
    let y1 = f(Variable(x.data + eps)).data
    return (y1 - y0) / (2 * eps)
}
