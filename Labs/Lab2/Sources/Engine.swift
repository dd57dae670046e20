// Lab 2: backward for a chain of functions.
// Labs 0-1 are given. Fill in the TODOs (Steps 2.1-2.3), then run `make lab N=2`.
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
        // TODO (Step 2.3):
        //  1. if `grad` is nil, set it to ones with the shape of `data` (dy/dy = 1);
        //  2. keep a list of functions to visit, starting with `creator` (if any);
        //  3. while the list is not empty: take a function out, call its `backward` with the gradient of
        //     its output (`function.output?.grad`), store each result in the `grad` of the matching input,
        //     and add each input's `creator` (if any) to the list.
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
    override func backward(_ gy: NDArray) -> [NDArray] {
        [gy]   // TODO (Step 2.1): chain rule: return [dy/dx · gy] with dy/dx = 2x (x: inputs[0].data).
    }
}

/// y = eˣ; dy/dx = eˣ.
final class Exp: Function {
    override func forward(_ xs: [NDArray]) -> NDArray { xs[0].exp() }
    override func backward(_ gy: NDArray) -> [NDArray] {
        [gy]   // TODO (Step 2.2): return [eˣ · gy].
    }
}

func square(_ x: Variable) -> Variable { Square()(x) }
func exp(_ x: Variable) -> Variable { Exp()(x) }

/// The central difference (f(x + ε) − f(x − ε)) / 2ε, elementwise: right for elementwise functions.
func numericalDiff(_ f: (Variable) -> Variable, _ x: Variable, eps: Double = 1e-4) -> NDArray {
    let y0 = f(Variable(x.data - eps)).data
    let y1 = f(Variable(x.data + eps)).data
    return (y1 - y0) / (2 * eps)
}
