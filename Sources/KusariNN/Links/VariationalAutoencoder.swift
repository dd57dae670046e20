import KusariCore

/// A variational autoencoder of multilayer perceptrons (Kingma & Welling 2014), DL4J's
/// `VariationalAutoencoder` layer as a Kusari link:
///
///     encoder:  h = f(… f(x·W₁ᵀ + b₁) …),   μ = h·Wμᵀ + bμ,   lnσ² = h·Wσᵀ + bσ        x: (batch, in)
///     decoder:  g = f(… f(z·V₁ᵀ + c₁) …),   p(x | z) from g (μ and lnσ², or Bernoulli logits)
///
/// `f` is the activation (``leakyReLU(_:slope:)`` by default, as DL4J's configuration had it). The call
/// (``VariationalModel/callAsFunction(_:generator:)``) samples z with the reparameterization trick and
/// returns the reconstruction's parameters with μ and lnσ²; ``VariationalModel/loss(_:beta:generator:)``
/// gives reconstruction + β·KL with both parts.
///
/// ```swift
/// let vae = VariationalAutoencoder(inSize: 10, latentSize: 10, encoderSizes: [256, 256],
///                                  decoderSizes: [256, 256], distribution: .bernoulli)
/// let loss = vae.loss(x, generator: RandomGenerator(seed: 0))
/// // loss.total to minimize; loss.reconstruction and loss.kl to report
/// ```
public final class VariationalAutoencoder: Chain, VariationalModel {
    /// The hidden layers of the encoder, in order.
    public let encoderLayers: [Linear]
    /// The head giving μ of q(z | x).
    public let latentMean: Linear
    /// The head giving lnσ² of q(z | x).
    public let latentLnVar: Linear
    /// The hidden layers of the decoder, in order.
    public let decoderLayers: [Linear]
    /// The head giving μ (Gaussian) or the logits (Bernoulli) of p(x | z).
    public let outputParameter: Linear
    /// The head giving lnσ² of a Gaussian p(x | z); nil for a Bernoulli.
    public let outputLnVar: Linear?
    /// The distribution of p(x | z).
    public let distribution: ReconstructionDistribution
    private let activation: (Variable) -> Variable

    /// - Parameters:
    ///   - inSize: the number of features of x.
    ///   - latentSize: the dimension of z.
    ///   - encoderSizes: the widths of the encoder's hidden layers, from x towards z (may be empty).
    ///   - decoderSizes: the widths of the decoder's hidden layers, from z towards x (may be empty).
    ///   - activation: applied after every hidden layer.
    ///   - distribution: the distribution of p(x | z): `.gaussian` (mean and lnσ² heads) or `.bernoulli`.
    ///   - dtype: the parameters' element type.
    ///   - generator: the random source of the initial weights.
    public init(inSize: Int, latentSize: Int, encoderSizes: [Int], decoderSizes: [Int],
                activation: @escaping (Variable) -> Variable = { leakyReLU($0) },
                distribution: ReconstructionDistribution = .gaussian,
                dtype: DType = .float32, generator: RandomGenerator = .shared) {
        let encoderWidths = [inSize] + encoderSizes
        encoderLayers = zip(encoderWidths, encoderWidths.dropFirst()).map {
            Linear($0, $1, dtype: dtype, generator: generator)
        }
        latentMean = Linear(encoderWidths.last ?? inSize, latentSize, dtype: dtype, generator: generator)
        latentLnVar = Linear(encoderWidths.last ?? inSize, latentSize, dtype: dtype, generator: generator)
        let decoderWidths = [latentSize] + decoderSizes
        decoderLayers = zip(decoderWidths, decoderWidths.dropFirst()).map {
            Linear($0, $1, dtype: dtype, generator: generator)
        }
        let last = decoderWidths.last ?? latentSize
        outputParameter = Linear(last, inSize, dtype: dtype, generator: generator)
        outputLnVar = distribution == .gaussian ? Linear(last, inSize, dtype: dtype, generator: generator) : nil
        self.distribution = distribution
        self.activation = activation
        super.init()
    }

    /// μ and lnσ² of q(z | x) for x `(batch, in)`, each `(batch, latent)`.
    public func encode(_ x: Variable) -> (mean: Variable, lnVar: Variable) {
        require(x.ndim == 2, "VariationalAutoencoder: x must be (batch, features), got \(x.shape)")
        let h = encoderLayers.reduce(x) { h, layer in activation(layer(h)) }
        return (latentMean(h), latentLnVar(h))
    }

    /// The parameters of p(x | z) for z `(batch, latent)`; `shape` is the data's `(batch, in)`.
    public func decode(_ z: Variable, shape: [Int]) -> Reconstruction {
        let g = decoderLayers.reduce(z) { g, layer in activation(layer(g)) }
        return Reconstruction(distribution: distribution, parameter: reshape(outputParameter(g), shape),
                              lnVar: outputLnVar.map { reshape($0(g), shape) })
    }
}
