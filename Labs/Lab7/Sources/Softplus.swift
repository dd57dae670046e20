// Lab 7: a FunctionNode of your own, softplus, checked like Kusari checks its own functions.
// Fill in the TODOs (Steps 7.1-7.2), then run `make lab N=7`. Docs/Autodiff.md shows how a FunctionNode looks.
import Kusari

/// y = log(1 + eˣ), the softplus; dy/dx = σ(x) = 1 / (1 + e⁻ˣ).
///
/// Computed as max(x, 0) + log(1 + e^−|x|), which is the same number but never overflows: the naive
/// log(1 + eˣ) is inf for x ≥ 89 in Float.
final class Softplus: FunctionNode {
    override func forward(_ inputs: [NDArray]) -> [NDArray] {
        let x = inputs[0]
        // TODO (Step 7.1): return [max(x, 0) + log(1 + e^−|x|)] (NDArray has relu(), abs(), exp(), log()).
        return [x]
    }

    override func backward(_ gradOutputs: [Variable]) -> [Variable?] {
        // TODO (Step 7.2): return [gy · σ(x)], written with Variables (gradOutputs[0], sigmoid(inputs[0]))
        // so that the gradient is itself differentiable.
        [nil]
    }
}

/// Softplus of every element of `x`.
func softplus(_ x: Variable) -> Variable { Softplus().apply([x])[0] }
