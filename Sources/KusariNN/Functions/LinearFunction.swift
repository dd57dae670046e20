// The affine map of a fully connected layer, with Chainer's weight layout W: (out, in).
import KusariCore

/// y = x·Wᵀ + b, with x: (batch, in), W: (out, in), b: (out) (b optional).
///
/// Gradients: ∂L/∂x = g·W, ∂L/∂W = gᵀ·x, ∂L/∂b = Σ_batch g. The forward pass is one gemm with the bias
/// pre-loaded into the output (beta = 1), so no temporary is made for the sum.
///
/// Backward skips ∂L/∂x for a constant input (data fed with `requiresGrad: false`). ``backward(_:)`` returns
/// the three gradients (the reference); ``backwardAccumulate(_:into:)``, which `Variable.backward` runs,
/// adds ∂L/∂W (gemm with beta = 1) and ∂L/∂b straight into the parameters' gradients when no graph is
/// recorded (InputGradients.swift): a layer applied at every time step then reuses one gradient buffer.
/// The gradient helpers are shared with ``LinearSumFunction`` (LinearSum.swift).
public final class LinearFunction: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let (input, weight) = (x[0], x[1])
        require(input.ndim == 2 && weight.ndim == 2 && input.shape[1] == weight.shape[1],
                     "linear: x \(input.shape) and W \(weight.shape) do not fit (need x: (batch, in), W: (out, in))")
        let outShape = [input.shape[0], weight.shape[0]]
        var y: NDArray
        if x.count > 2 {
            require(x[2].shape == [weight.shape[0]],
                         "linear: bias \(x[2].shape) does not match W \(weight.shape) (need (out))")
            y = x[2].broadcast(to: outShape)
            NDArray.addMatmul(&y, input, weight, transB: true)
        } else {
            y = NDArray.matmul(input, weight, transB: true)
        }
        return [y]
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let (x, w, g) = (inputs[0], inputs[1], gy[0])
        var grads: [Variable?] = [inputGradient(g, x, w), weightGradient(g, x, w)]
        if inputs.count > 2 { grads.append(biasGradient(g, inputs[2])) }
        return grads
    }

    /// The fast path that runs during `Variable.backward`: the gradients of ``backward(_:)``, with ∂L/∂W
    /// and ∂L/∂b added straight into the parameters' gradients when allowed.
    override public func backwardAccumulate(_ gy: [Variable], into gradients: inout InputGradients) {
        let (x, w, g) = (inputs[0], inputs[1], gy[0])
        gradients.add(inputGradient(g, x, w), toInput: 0)
        accumulateWeightGradient(g, x, input: 1, into: &gradients)
        if inputs.count > 2 { accumulateBiasGradient(g, input: 2, into: &gradients) }
    }
}

/// The fully connected map x·Wᵀ + b (Chainer's `F.linear`): x `(batch, in)`, W `(out, in)`, b `(out)`.
public func linear(_ x: Variable, _ W: Variable, _ b: Variable? = nil) -> Variable {
    LinearFunction().apply(b.map { [x, W, $0] } ?? [x, W])[0]
}
