// What a generative decoder outputs: the parameters of p(x | z), and the loss terms built from them.
import KusariCore

/// The family of p(x | z) a decoder parameterizes.
public enum ReconstructionDistribution: Sendable {
    /// A diagonal Gaussian N(μ, σ²): the decoder outputs μ and lnσ² (real-valued data).
    case gaussian
    /// Independent Bernoulli(σ(y)): the decoder outputs logits y (data in [0, 1]; DL4J's choice, with a
    /// sigmoid).
    case bernoulli
}

/// The parameters of p(x | z) for a batch, each of the data's shape (`(batch, features)` or
/// `(batch, time, features)`).
public struct Reconstruction {
    /// Which family the parameters belong to.
    public let distribution: ReconstructionDistribution
    /// μ for a Gaussian, the logits y for a Bernoulli.
    public let parameter: Variable
    /// lnσ² for a Gaussian, nil for a Bernoulli.
    public let lnVar: Variable?

    /// The distribution's parameters for a batch: `parameter` and (Gaussian only) `lnVar` have the shape
    /// of x; `lnVar` must be nil for a Bernoulli.
    public init(distribution: ReconstructionDistribution, parameter: Variable, lnVar: Variable?) {
        require(distribution == .bernoulli || lnVar?.shape == parameter.shape,
                "Reconstruction: a Gaussian needs lnVar of the mean's shape \(parameter.shape)")
        (self.distribution, self.parameter, self.lnVar) = (distribution, parameter, lnVar)
    }

    /// The expected value of x: μ, or σ(y) for a Bernoulli.
    public var mean: Variable {
        distribution == .gaussian ? parameter : sigmoid(parameter)
    }

    /// −ln p(x | z) of each example, summed over its elements: shape `(batch)`.
    public func negativeLogLikelihood(_ x: Variable) -> Variable {
        require(x.shape == parameter.shape,
                "Reconstruction: data \(x.shape) and decoder output \(parameter.shape) differ")
        let elementwise: Variable
        switch distribution {
        case .gaussian:
            elementwise = gaussianNLL(x, parameter, lnVar ?? parameter, reduce: .none)
        case .bernoulli:
            elementwise = bernoulliNLL(x, parameter, reduce: .none)
        }
        return x.ndim == 1 ? elementwise : sum(elementwise, axes: Array(1..<x.ndim))
    }
}

/// The two parts of a variational autoencoder's loss, each averaged over the batch, and their weighted
/// sum `total` = reconstruction + β·kl (the negative evidence lower bound when β = 1).
public struct VariationalLoss {
    /// The quantity to minimize.
    public let total: Variable
    /// E_q[−ln p(x | z)], estimated with one sample of z per example.
    public let reconstruction: Variable
    /// KL(q(z | x) ‖ N(0, I)).
    public let kl: Variable
}
