// Lab 1: numerical differentiation, the reference every gradient is checked against.
// Lab 0's engine is given. Fill in the TODO (Step 1.1), then run `make lab N=1`.
import KusariCore

/// A value that will later carry a gradient and remember where it came from. For now: just data.
final class Variable {
    var data: NDArray

    init(_ data: NDArray) { self.data = data }
    /// A scalar (shape `[]`) in Double.
    convenience init(_ value: Double) { self.init(NDArray([value], shape: [], dtype: .float64)) }
}

/// An operation on Variables. Subclasses say what it computes in `forward`, on plain arrays.
class Function {
    /// The inputs of the last call: backward (Lab 2) will need them.
    var inputs: [Variable] = []

    /// Unwraps the inputs' data, runs `forward`, wraps the result in a new Variable, remembers the inputs.
    func callAsFunction(_ inputs: Variable...) -> Variable {
        let y = Variable(forward(inputs.map(\.data)))
        self.inputs = inputs
        return y
    }

    func forward(_ xs: [NDArray]) -> NDArray { fatalError("\(Self.self) must override forward") }
}

/// y = x².
final class Square: Function {
    override func forward(_ xs: [NDArray]) -> NDArray { xs[0] * xs[0] }
}

/// y = eˣ.
final class Exp: Function {
    override func forward(_ xs: [NDArray]) -> NDArray { xs[0].exp() }
}

func square(_ x: Variable) -> Variable { Square()(x) }
func exp(_ x: Variable) -> Variable { Exp()(x) }

/// The central difference (f(x + ε) − f(x − ε)) / 2ε, elementwise: right for elementwise functions.
/// Its error is O(ε²), against O(ε) for the forward difference (f(x + ε) − f(x)) / ε.
func numericalDiff(_ f: (Variable) -> Variable, _ x: Variable, eps: Double = 1e-4) -> NDArray {
    // TODO (Step 1.1): evaluate f at x − ε and at x + ε (new Variables; NDArray ± Double works
    // elementwise) and return the difference of the two outputs' data divided by 2ε.
    NDArray.zeros(like: x.data)
}
