// What every variational autoencoder shares once it can encode and decode: the training loss, the
// reparameterized forward pass and the anomaly scores.
import KusariCore

/// A model with an encoder q(z | x) = N(μ(x), diag σ²(x)) and a decoder p(x | z): the MLP
/// ``VariationalAutoencoder`` and the sequence ``LSTMVAE``.
public protocol VariationalModel: Link {
    /// μ and lnσ² of q(z | x), each `(batch, latent)`.
    func encode(_ x: Variable) -> (mean: Variable, lnVar: Variable)
    /// The parameters of p(x | z) for codes `z` `(batch, latent)`, shaped like data of `shape`.
    func decode(_ z: Variable, shape: [Int]) -> Reconstruction
}

extension VariationalModel {
    /// One reparameterized pass: z = μ + σ·ε (ε from `generator`), then the decoder's output, with μ and
    /// lnσ² of q(z | x).
    public func callAsFunction(_ x: Variable, generator: RandomGenerator)
        -> (reconstruction: Reconstruction, mean: Variable, lnVar: Variable) {
        let (mean, lnVar) = encode(x)
        return (decode(gaussian(mean, lnVar, generator: generator), shape: x.shape), mean, lnVar)
    }

    /// The β-weighted negative ELBO averaged over the batch (Kingma & Welling 2014):
    ///
    ///     total = (1/B) Σₙ [ −ln p(xₙ | zₙ) + β·KL(q(z | xₙ) ‖ N(0, I)) ],   zₙ = μₙ + σₙ·εₙ
    public func loss(_ x: Variable, beta: Double = 1, generator: RandomGenerator) -> VariationalLoss {
        let (reconstruction, mean, lnVar) = self(x, generator: generator)
        let batch = Double(x.shape[0])
        let nll = sum(reconstruction.negativeLogLikelihood(x)) / batch
        let kl = gaussianKLDivergence(mean, lnVar) / batch
        return VariationalLoss(total: nll + beta * kl, reconstruction: nll, kl: kl)
    }

    /// The reconstruction log-probability of An & Cho (2015), one value per example `(batch)`:
    ///
    ///     (1/L) Σₗ ln p(x | zₗ),   zₗ ~ q(z | x),  l = 1…L
    ///
    /// Low values mean the model finds the example unlikely, so −(this) is an anomaly score. Drawn from
    /// `generator` (seeded: same seed, same scores); computed without building a graph.
    public func reconstructionLogProbability(_ x: NDArray, samples: Int, generator: RandomGenerator) -> NDArray {
        require(samples > 0, "reconstructionLogProbability: samples must be positive, got \(samples)")
        return noGrad {
            let input = Variable(x, requiresGrad: false)
            let (mean, lnVar) = encode(input)
            var total = NDArray.zeros([x.shape[0]], dtype: x.dtype)
            for _ in 0..<samples {
                let z = gaussian(mean, lnVar, generator: generator)
                total += decode(z, shape: x.shape).negativeLogLikelihood(input).data
            }
            return -total / Double(samples)
        }
    }

    /// The mean squared error of each example against the reconstruction decoded from μ (no sampling):
    /// `(batch)`.
    public func reconstructionError(_ x: NDArray) -> NDArray {
        noGrad {
            let input = Variable(x, requiresGrad: false)
            let reconstruction = decode(encode(input).mean, shape: x.shape).mean
            return squaredErrorPerExample(reconstruction.data, x)
        }
    }
}

/// The mean of (a − b)² over each example's elements: `(batch)` for arrays `(batch, …)`.
package func squaredErrorPerExample(_ a: NDArray, _ b: NDArray) -> NDArray {
    require(a.shape == b.shape && a.ndim >= 1, "reconstructionError: \(a.shape) and \(b.shape) differ")
    let d = a - b
    let axes = Array(1..<a.ndim)
    return axes.isEmpty ? d * d : (d * d).mean(axes: axes)
}
