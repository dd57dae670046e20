// The two terms of a Gaussian variational autoencoder's loss, written from differentiable pieces so
// their gradients (and gradients of gradients) come for free.
import Foundation
import KusariCore

/// How a loss over many elements is reduced.
public enum LossReduction: Sendable {
    /// The sum over every element: a scalar.
    case sum
    /// No reduction: one value per element, the shape of the inputs.
    case none
}

/// KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ (μ² + σ² − lnσ² − 1), for `mean` and `lnVar` of the same shape.
///
/// Summed over every element by default (per-element values with `.none`); divide by the batch size
/// for a per-example mean. Zero exactly when μ = 0 and lnσ² = 0.
public func gaussianKLDivergence(_ mean: Variable, _ lnVar: Variable, reduce: LossReduction = .sum) -> Variable {
    require(mean.shape == lnVar.shape,
            "gaussianKLDivergence: mean \(mean.shape) and lnVar \(lnVar.shape) differ")
    let elementwise = 0.5 * (mean * mean + exp(lnVar) - lnVar - 1)
    return reduce == .sum ? sum(elementwise) : elementwise
}

/// The negative log-likelihood of `x` under N(μ, σ²) (diagonal), summed over elements by default:
///
///     −ln p(x) = ½ Σ (ln 2π + lnσ² + (x − μ)²·e^(−lnσ²))
///
/// `x`, `mean` and `lnVar` have the same shape.
public func gaussianNLL(_ x: Variable, _ mean: Variable, _ lnVar: Variable, reduce: LossReduction = .sum) -> Variable {
    require(x.shape == mean.shape && x.shape == lnVar.shape,
            "gaussianNLL: x \(x.shape), mean \(mean.shape) and lnVar \(lnVar.shape) must have one shape")
    let d = x - mean
    let elementwise = 0.5 * (lnVar + d * d * exp(-lnVar) + Foundation.log(2 * Double.pi))
    return reduce == .sum ? sum(elementwise) : elementwise
}

/// The negative log-likelihood of `x` ∈ [0, 1] under Bernoulli(σ(y)) for logits `y`, summed by default:
///
///     −ln p(x) = Σ (softplus(y) − x·y)        = −Σ [x ln σ(y) + (1 − x) ln(1 − σ(y))]
///
/// (the stable form; `x` may be fractional, as with min–max-scaled data).
public func bernoulliNLL(_ x: Variable, _ logits: Variable, reduce: LossReduction = .sum) -> Variable {
    require(x.shape == logits.shape, "bernoulliNLL: x \(x.shape) and logits \(logits.shape) differ")
    let elementwise = softplus(logits) - x * logits
    return reduce == .sum ? sum(elementwise) : elementwise
}
