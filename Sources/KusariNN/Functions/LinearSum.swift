// The pre-activation of a recurrent cell, x·Wᵀ + h·Vᵀ + b, as one function: a fast path for
// `linear(x, W, b) + linear(h, V)`, which LSTM and SimpleRNN compute at every time step.
//
// What it computes: the same values and gradients as the two linears and the add (up to rounding: the
// second product is accumulated into the first's output by gemm with beta = 1).
//
// Why it is fast: one output array instead of three (the two products and their sum), no elementwise
// pass for the add, and one graph node instead of three. At (batch 64, 4H = 2048) that saves two 512 KB
// allocations (with their page faults) and a 1.5 MB read-write pass per step; for small layers
// (SimpleRNN, H = 10) it saves the per-function overhead of two nodes.
import KusariCore

/// y = x·Wᵀ + h·Vᵀ + b with x: (batch, in), W: (out, in), h: (batch, H), V: (out, H), b: (out) (optional).
///
/// Gradients are those of ``LinearFunction`` for each product, with the bias gradient Σ_batch g once.
/// Inputs are ordered `[x, W, h, V]` or `[x, W, h, V, b]`.
public final class LinearSumFunction: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let (input, weight, state, stateWeight) = (x[0], x[1], x[2], x[3])
        require(input.ndim == 2 && weight.ndim == 2 && input.shape[1] == weight.shape[1],
                "linearSum: x \(input.shape) and W \(weight.shape) do not fit (need x: (batch, in), W: (out, in))")
        require(state.ndim == 2 && stateWeight.ndim == 2 && state.shape[1] == stateWeight.shape[1]
                && state.shape[0] == input.shape[0] && stateWeight.shape[0] == weight.shape[0],
                "linearSum: h \(state.shape) and V \(stateWeight.shape) do not fit x \(input.shape) and W \(weight.shape) (need h: (batch, H), V: (out, H))")
        var y: NDArray
        if x.count > 4 {
            require(x[4].shape == [weight.shape[0]],
                    "linearSum: bias \(x[4].shape) does not match W \(weight.shape) (need (out))")
            y = x[4].broadcast(to: [input.shape[0], weight.shape[0]])
            NDArray.addMatmul(&y, input, weight, transB: true)
        } else {
            y = NDArray.matmul(input, weight, transB: true)
        }
        NDArray.addMatmul(&y, state, stateWeight, transB: true)
        return [y]
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let g = gy[0]
        var grads: [Variable?] = [
            inputGradient(g, inputs[0], inputs[1]), weightGradient(g, inputs[0], inputs[1]),
            inputGradient(g, inputs[2], inputs[3]), weightGradient(g, inputs[2], inputs[3]),
        ]
        if inputs.count > 4 { grads.append(biasGradient(g, inputs[4])) }
        return grads
    }

    /// The fast path that runs during `Variable.backward`: the same gradients as ``backward(_:)``, with
    /// ∂L/∂W, ∂L/∂V and ∂L/∂b added straight into the parameters' gradients when allowed.
    override public func backwardAccumulate(_ gy: [Variable], into gradients: inout InputGradients) {
        let g = gy[0]
        gradients.add(inputGradient(g, inputs[0], inputs[1]), toInput: 0)
        accumulateWeightGradient(g, inputs[0], input: 1, into: &gradients)
        gradients.add(inputGradient(g, inputs[2], inputs[3]), toInput: 2)
        accumulateWeightGradient(g, inputs[2], input: 3, into: &gradients)
        if inputs.count > 4 { accumulateBiasGradient(g, input: 4, into: &gradients) }
    }
}

/// x·Wᵀ + h·Vᵀ + b in one function (see ``LinearSumFunction``): the pre-activation of a recurrent cell.
///
/// The fast path that ``LSTM``, ``StatelessLSTM`` and ``SimpleRNN`` run; ``linearSumReference(_:_:_:_:_:)``
/// is the plain composition it is tested against.
public func linearSum(_ x: Variable, _ W: Variable, _ h: Variable, _ V: Variable, _ b: Variable? = nil) -> Variable {
    LinearSumFunction().apply(b.map { [x, W, h, V, $0] } ?? [x, W, h, V])[0]
}

/// x·Wᵀ + h·Vᵀ + b written plainly, `linear(x, W, b) + linear(h, V)`: three graph nodes and two
/// temporaries per step. The reference ``linearSum(_:_:_:_:_:)`` is tested against (values and
/// gradients); the recurrent links run the fused one.
public func linearSumReference(_ x: Variable, _ W: Variable, _ h: Variable, _ V: Variable,
                               _ b: Variable? = nil) -> Variable {
    linear(x, W, b) + linear(h, V)
}

// The gradients of one product x·Wᵀ and of a bias, shared by LinearFunction and LinearSumFunction:
// `backward` returns them (the reference path), `backwardAccumulate` adds ∂L/∂W and ∂L/∂b straight into
// the parameters' gradients when allowed (InputGradients.swift) and is tested against it.
extension FunctionNode {
    /// ∂L/∂x = g·W, or nil for a constant input (data fed with `requiresGrad: false`).
    final func inputGradient(_ g: Variable, _ x: Variable, _ w: Variable) -> Variable? {
        x.requiresGrad ? matmul(g, w) : nil
    }

    /// ∂L/∂W = gᵀ·x, or nil for a frozen weight.
    final func weightGradient(_ g: Variable, _ x: Variable, _ w: Variable) -> Variable? {
        w.requiresGrad ? matmul(g, x, transA: true) : nil
    }

    /// ∂L/∂b = Σ_batch g, or nil for a frozen bias.
    final func biasGradient(_ g: Variable, _ b: Variable) -> Variable? {
        b.requiresGrad ? sum(g, axes: [0]) : nil
    }

    /// Adds ∂L/∂W = gᵀ·x for the weight at input `index`: in place (one gemm with beta = 1) when
    /// `gradients` allows it, else through ``weightGradient(_:_:_:)``.
    final func accumulateWeightGradient(_ g: Variable, _ x: Variable, input index: Int,
                                        into gradients: inout InputGradients) {
        let w = inputs[index]
        guard w.requiresGrad else { return }
        let inPlace = gradients.accumulateInPlace(
            toInput: index, add: { NDArray.addMatmul(&$0, g.data, x.data, transA: true) },
            make: { NDArray.matmul(g.data, x.data, transA: true) })
        if !inPlace { gradients.add(weightGradient(g, x, w), toInput: index) }
    }

    /// Adds ∂L/∂b = Σ_batch g for the bias at input `index`: in place when `gradients` allows it, else
    /// through ``biasGradient(_:_:)``.
    final func accumulateBiasGradient(_ g: Variable, input index: Int, into gradients: inout InputGradients) {
        let b = inputs[index]
        guard b.requiresGrad else { return }
        let inPlace = gradients.accumulateInPlace(
            toInput: index, add: { $0.addColumnSums(of: g.data) }, make: { g.data.sum(axes: [0]) })
        if !inPlace { gradients.add(biasGradient(g, b), toInput: index) }
    }
}
