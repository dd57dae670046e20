// Loss functions. Each returns a scalar (shape []) averaged over its elements or batch.
import KusariCore

/// L = mean((x₀ − x₁)²) over all elements; ∂L/∂x₀ = 2(x₀ − x₁)/n · g, ∂L/∂x₁ = −∂L/∂x₀
public final class MeanSquaredError: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        require(x[0].shape == x[1].shape,
                     "meanSquaredError: prediction \(x[0].shape) and target \(x[1].shape) differ")
        let d = x[0] - x[1]
        return [(d * d).sum() / Double(max(d.count, 1))]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let diff = inputs[0] - inputs[1]
        let gx = broadcastTo(gy[0], diff.shape) * diff * (2.0 / Double(max(diff.count, 1)))
        return [gx, -gx]
    }
}

/// L = −(1/N) Σₙ log softmax(xₙ)[tₙ] for scores x `(N, classes)` and class indices t `(N)` (stored as
/// floats); ∂L/∂x = (softmax(x) − onehot(t)) · g / N. Labels get no gradient.
public final class SoftmaxCrossEntropy: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let (scores, labels) = (x[0], x[1])
        require(scores.ndim == 2 && labels.shape == [scores.shape[0]],
                     "softmaxCrossEntropy: scores \(scores.shape) and labels \(labels.shape) (need (N, C) and (N))")
        let logp = logSoftmaxArray(scores, axis: 1)
        var total = 0.0
        for (n, label) in labels.doubleValues.enumerated() {
            let c = Int(label)
            require(c >= 0 && c < scores.shape[1] && Double(c) == label,
                         "softmaxCrossEntropy: label \(label) of sample \(n) is not a class index in 0..<\(scores.shape[1])")
            total -= logp.element(at: [n, c])
        }
        return [NDArray(scalar: total / Double(max(scores.shape[0], 1)), dtype: scores.dtype)]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let x = inputs[0]
        let onehot = oneHot(inputs[1].data, classes: x.shape[1], dtype: x.dtype)
        let scale = broadcastTo(gy[0], x.shape) / Double(max(x.shape[0], 1))
        return [(softmax(x) - Variable(onehot, requiresGrad: false)) * scale, nil]
    }
}

/// L = mean over elements of −[t log σ(x) + (1 − t) log(1 − σ(x))], computed stably as
/// max(x, 0) − x·t + log(1 + e^(−|x|)); ∂L/∂x = (σ(x) − t) · g / n. Targets get no gradient.
public final class SigmoidCrossEntropy: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        require(x[0].shape == x[1].shape,
                     "sigmoidCrossEntropy: scores \(x[0].shape) and targets \(x[1].shape) differ")
        let s = x[0]
        let loss = s.relu() - s * x[1] + (1 + (-s.abs()).exp()).log()
        return [loss.sum() / Double(max(s.count, 1))]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let x = inputs[0]
        let t = Variable(inputs[1].data, requiresGrad: false)
        return [(sigmoid(x) - t) * broadcastTo(gy[0], x.shape) / Double(max(x.count, 1)), nil]
    }
}

/// A `(N, classes)` one-hot matrix for class indices stored as floats.
func oneHot(_ labels: NDArray, classes: Int, dtype: DType) -> NDArray {
    var values = [Double](repeating: 0, count: labels.count * classes)
    for (n, label) in labels.doubleValues.enumerated() { values[n * classes + Int(label)] = 1 }
    return NDArray(values, shape: [labels.count, classes], dtype: dtype)
}

/// Mean squared error between a prediction and a target of the same shape.
public func meanSquaredError(_ x: Variable, _ t: Variable) -> Variable { MeanSquaredError().apply([x, t])[0] }
/// Softmax cross-entropy of scores `(N, C)` against class indices `(N)`, averaged over the batch.
public func softmaxCrossEntropy(_ x: Variable, _ t: Variable) -> Variable { SoftmaxCrossEntropy().apply([x, t])[0] }
/// Sigmoid cross-entropy of scores against 0/1 targets of the same shape, averaged over elements.
public func sigmoidCrossEntropy(_ x: Variable, _ t: Variable) -> Variable { SigmoidCrossEntropy().apply([x, t])[0] }
