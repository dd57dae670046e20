// The reparameterization trick (Kingma & Welling 2014): a sample of N(μ, σ²) written as a
// differentiable function of μ and ln σ², with the randomness moved into a constant ε.
import KusariCore

/// z = μ + exp(½·lnσ²)·ε with ε ~ N(0, I) drawn from `generator` (Chainer's `F.gaussian`).
///
/// `mean` and `lnVar` have the same shape, e.g. `(batch, latent)`; z has that shape too. ε is a
/// constant, so ∂z/∂μ = 1 and ∂z/∂lnσ² = ½·σ·ε and the sample can be trained through. The same
/// generator seed gives the same ε, hence the same z.
public func gaussian(_ mean: Variable, _ lnVar: Variable, generator: RandomGenerator) -> Variable {
    require(mean.shape == lnVar.shape, "gaussian: mean \(mean.shape) and lnVar \(lnVar.shape) differ")
    let epsilon = NDArray.normal(mean.shape, dtype: mean.dtype, generator: generator)
    return mean + exp(0.5 * lnVar) * Variable(epsilon, requiresGrad: false)
}
