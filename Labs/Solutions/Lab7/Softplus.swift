// Lab 7 (solution): a FunctionNode of your own, softplus, checked like Kusari checks its own functions.
import Kusari

/// y = log(1 + eˣ), the softplus; dy/dx = σ(x) = 1 / (1 + e⁻ˣ).
///
/// Computed as max(x, 0) + log(1 + e^−|x|), which is the same number but never overflows: the naive
/// log(1 + eˣ) is inf for x ≥ 89 in Float.
final class Softplus: FunctionNode {
    override func forward(_ inputs: [NDArray]) -> [NDArray] {
        let x = inputs[0]
        return [x.relu() + (1 + (-x.abs()).exp()).log()]
    }

    override func backward(_ gradOutputs: [Variable]) -> [Variable?] {
        [gradOutputs[0] * sigmoid(inputs[0])]   // Variables: differentiable, so double backprop works
    }
}

/// Softplus of every element of `x`.
func softplus(_ x: Variable) -> Variable { Softplus().apply([x])[0] }
