// Losses over padded batches: each element carries a weight (1 = a valid step, 0 = padding), and the
// loss is the weighted mean, so padded steps neither count nor dilute the average (Keras' masked losses,
// PyTorch's reduction over packed sequences).
import KusariCore

/// The weights `mask` (shape: the leading axes of `x`) repeated over `x`'s trailing axes, as an array
/// shaped like `x`, and their sum. Stops with a message naming `loss` if the shapes do not fit.
func expandedWeights(_ mask: NDArray, like x: NDArray, loss: String) -> (weights: NDArray, total: Double) {
    require(mask.ndim <= x.ndim && Array(x.shape.prefix(mask.ndim)) == mask.shape,
            "\(loss): mask \(mask.shape) must match the leading axes of the scores \(x.shape)")
    let repeatCount = x.count / max(mask.count, 1)
    let values = mask.doubleValues
    for (k, w) in values.enumerated() {
        require(w.isFinite && w >= 0, "\(loss): mask entry \(k) is \(w); weights must be finite and ≥ 0")
    }
    var expanded = [Double](repeating: 0, count: x.count)
    for (k, w) in values.enumerated() where w != 0 {
        for r in 0..<repeatCount { expanded[k * repeatCount + r] = w }
    }
    return (NDArray(expanded, shape: x.shape, dtype: x.dtype), expanded.reduce(0, +))
}

/// L = Σ wᵢ ℓᵢ / Σ wᵢ with ℓᵢ = −[tᵢ log σ(xᵢ) + (1 − tᵢ) log(1 − σ(xᵢ))] (computed stably) and weights w
/// from the mask; ∂L/∂xᵢ = wᵢ (σ(xᵢ) − tᵢ) g / Σ w. L = 0 when every weight is 0. Targets get no gradient.
public final class MaskedSigmoidCrossEntropy: FunctionNode {
    let mask: NDArray
    private var weights: NDArray?
    private var total = 1.0

    /// A masked loss with weights `mask` over the leading axes of the scores.
    public init(mask: NDArray) { self.mask = mask }

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        require(x[0].shape == x[1].shape, "sigmoidCrossEntropy: scores \(x[0].shape) and targets \(x[1].shape) differ")
        require(x[0].dtype == x[1].dtype, "sigmoidCrossEntropy: scores are \(x[0].dtype) but targets \(x[1].dtype)")
        let (w, sum) = expandedWeights(mask, like: x[0], loss: "sigmoidCrossEntropy")
        (weights, total) = (w, sum > 0 ? sum : 1)
        let s = x[0]
        let loss = s.relu() - s * x[1] + (1 + (-s.abs()).exp()).log()
        return [(loss * w).sum() / total]
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let x = inputs[0]
        let t = Variable(inputs[1].data, requiresGrad: false)
        let w = Variable(weights ?? NDArray.zeros(like: x.data), requiresGrad: false)
        return [(sigmoid(x) - t) * w * broadcastTo(gy[0], x.shape) / total, nil]
    }
}

/// L = Σ wᵢ (xᵢ − tᵢ)² / Σ wᵢ; ∂L/∂x = 2 w (x − t) g / Σ w = −∂L/∂t. L = 0 when every weight is 0.
public final class MaskedMeanSquaredError: FunctionNode {
    let mask: NDArray
    private var weights: NDArray?
    private var total = 1.0

    /// A masked loss with weights `mask` over the leading axes of the prediction.
    public init(mask: NDArray) { self.mask = mask }

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        require(x[0].shape == x[1].shape, "meanSquaredError: prediction \(x[0].shape) and target \(x[1].shape) differ")
        require(x[0].dtype == x[1].dtype, "meanSquaredError: prediction is \(x[0].dtype) but target \(x[1].dtype)")
        let (w, sum) = expandedWeights(mask, like: x[0], loss: "meanSquaredError")
        (weights, total) = (w, sum > 0 ? sum : 1)
        let d = x[0] - x[1]
        return [(d * d * w).sum() / total]
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let diff = inputs[0] - inputs[1]
        let w = Variable(weights ?? NDArray.zeros(like: diff.data), requiresGrad: false)
        let gx = diff * w * broadcastTo(gy[0], diff.shape) * (2 / total)
        return [gx, -gx]
    }
}

/// L = −Σₙ wₙ log softmax(xₙ)[tₙ] / Σ wₙ for scores `(N, C)`, class indices `(N)` and weights `(N)`;
/// ∂L/∂xₙ = wₙ (softmax(xₙ) − onehot(tₙ)) g / Σ w. Rows of weight 0 may hold any label (padding).
public final class MaskedSoftmaxCrossEntropy: FunctionNode {
    let mask: NDArray
    private var total = 1.0

    /// A masked loss with one weight per row of the scores.
    public init(mask: NDArray) { self.mask = mask }

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let (scores, labels) = (x[0], x[1])
        require(scores.ndim == 2 && labels.shape == [scores.shape[0]] && mask.shape == labels.shape,
                "softmaxCrossEntropy: scores \(scores.shape), labels \(labels.shape) and mask \(mask.shape) (need (N, C), (N), (N))")
        let logp = logSoftmaxArray(scores, axis: 1)
        let w = mask.doubleValues
        var loss = 0.0, sum = 0.0
        for (n, label) in labels.doubleValues.enumerated() where w[n] != 0 {
            let c = Int(exactly: label) ?? -1
            require(c >= 0 && c < scores.shape[1],
                    "softmaxCrossEntropy: label \(label) of sample \(n) is not a class index in 0..<\(scores.shape[1])")
            loss -= w[n] * logp.element(at: [n, c])
            sum += w[n]
        }
        total = sum > 0 ? sum : 1
        return [NDArray(scalar: loss / total, dtype: scores.dtype)]
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let x = inputs[0]
        let w = mask.doubleValues
        let labels = inputs[1].data.doubleValues.enumerated().map { w[$0.offset] != 0 ? $0.element : 0 }
        let onehot = oneHot(NDArray(labels, shape: [labels.count], dtype: x.dtype), classes: x.shape[1], dtype: x.dtype)
        let (weights, _) = expandedWeights(mask.astype(x.dtype), like: x.data, loss: "softmaxCrossEntropy")
        let scale = broadcastTo(gy[0], x.shape) * Variable(weights, requiresGrad: false) / total
        return [(softmax(x) - Variable(onehot, requiresGrad: false)) * scale, nil]
    }
}

/// Sigmoid cross-entropy averaged over the elements whose `mask` weight is nonzero. `mask` covers the
/// leading axes of `x` (e.g. `(batch, time)` for scores `(batch, time, 1)`) and is repeated over the rest.
public func sigmoidCrossEntropy(_ x: Variable, _ t: Variable, mask: NDArray) -> Variable {
    MaskedSigmoidCrossEntropy(mask: mask).apply([x, t])[0]
}

/// Mean squared error averaged over the elements whose `mask` weight is nonzero (mask over leading axes).
public func meanSquaredError(_ x: Variable, _ t: Variable, mask: NDArray) -> Variable {
    MaskedMeanSquaredError(mask: mask).apply([x, t])[0]
}

/// Softmax cross-entropy of scores `(N, C)` against labels `(N)`, averaged over rows of nonzero `mask` `(N)`.
public func softmaxCrossEntropy(_ x: Variable, _ t: Variable, mask: NDArray) -> Variable {
    MaskedSoftmaxCrossEntropy(mask: mask).apply([x, t])[0]
}
