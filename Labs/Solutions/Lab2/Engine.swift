// Lab 2 (solution): backward for a chain of functions.
import KusariCore

/// A value in the graph: its data, its gradient, and the function that made it.
final class Variable {
    var data: NDArray
    var grad: NDArray?
    var creator: Function?

    init(_ data: NDArray) { self.data = data }
    /// A scalar (shape `[]`) in Double.
    convenience init(_ value: Double) { self.init(NDArray([value], shape: [], dtype: .float64)) }

    /// Remembers `function` as the creator.
    func setCreator(_ function: Function) { creator = function }

    /// Fills `grad` of every variable this one depends on with d(self)/d(variable).
    ///
    /// Walks back from this variable through the creators, applying the chain rule at each function.
    func backward() {
        if grad == nil { grad = NDArray.ones(like: data) }
        var functions: [Function] = creator.map { [$0] } ?? []
        while let function = functions.popLast() {
            guard let gy = function.output?.grad else { continue }
            let gxs = function.backward(gy)
            for (x, gx) in zip(function.inputs, gxs) {
                x.grad = gx
                if let creator = x.creator { functions.append(creator) }
            }
        }
    }
}

/// A differentiable operation on arrays: `forward` computes the output, `backward` the input gradients.
class Function {
    var inputs: [Variable] = []
    /// Weak: the output owns its creator, not the other way round (no reference cycle).
    weak var output: Variable?

    /// Runs `forward` on the inputs' data and records the graph.
    func callAsFunction(_ inputs: Variable...) -> Variable {
        let y = Variable(forward(inputs.map(\.data)))
        self.inputs = inputs
        y.setCreator(self)
        output = y
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

func square(_ x: Variable) -> Variable { Square()(x) }
func exp(_ x: Variable) -> Variable { Exp()(x) }

/// The central difference (f(x + ε) − f(x − ε)) / 2ε, elementwise: right for elementwise functions.
func numericalDiff(_ f: (Variable) -> Variable, _ x: Variable, eps: Double = 1e-4) -> NDArray {
    let y0 = f(Variable(x.data - eps)).data
    let y1 = f(Variable(x.data + eps)).data
    return (y1 - y0) / (2 * eps)
}
