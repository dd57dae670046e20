import KusariCore

/// An LSTM variational autoencoder for windows (Park, Hoshi & Kemp 2018):
///
///     h_T        = encoder LSTM read over x₁ … x_T                    x: (batch, T, features)
///     μ, lnσ²    = Linear(h_T), Linear(h_T)                           (batch, latent)
///     z          = μ + σ·ε                                            the reparameterized sample
///     (c₀, h₀)   = (u, tanh v) with (u, v) = Linear(z) split in two   the decoder's starting state
///     g₁ … g_T   = decoder LSTM fed z at every step (``repeatOverTime(_:steps:)``), from (c₀, h₀)
///     p(x_t | z) = N(Linear(g_t), exp(Linear(g_t)))                   per step and feature
///
/// Starting the decoder from a state computed from z, as the ``LSTMAutoencoder`` starts its decoder from
/// the encoder's state, lets it place the window's phase at once; fed z alone from a zero state, the
/// decoder learned little more than the average window on the bearing data.
///
/// Trained with ``VariationalModel/loss(_:beta:generator:)`` (reconstruction NLL + β·KL); scored with
/// ``VariationalModel/reconstructionLogProbability(_:samples:generator:)`` or
/// ``VariationalModel/reconstructionError(_:)``. With `.bernoulli` the decoder gives logits instead.
///
/// ```swift
/// let vae = LSTMVAE(features: 3, hiddenSize: 32, latentSize: 8)
/// let loss = vae.loss(x, generator: noise)          // x: (batch, T, 3)
/// let logp = vae.reconstructionLogProbability(windows, samples: 10, generator: RandomGenerator(seed: 1))
/// ```
public final class LSTMVAE: Chain, VariationalModel {
    /// Reads the window.
    public let encoder: StatelessLSTM
    /// μ of q(z | x) from the encoder's last output.
    public let latentMean: Linear
    /// lnσ² of q(z | x) from the encoder's last output.
    public let latentLnVar: Linear
    /// z ↦ the decoder's starting state (c₀, h₀), `(latent) → (2H)`.
    public let initialState: Linear
    /// Unrolls the code into a sequence of hidden vectors.
    public let decoder: StatelessLSTM
    /// μ (Gaussian) or logits (Bernoulli) of each sample from the decoder's output at its step.
    public let outputParameter: Linear
    /// lnσ² of each sample (Gaussian only).
    public let outputLnVar: Linear?
    /// The distribution of p(x | z).
    public let distribution: ReconstructionDistribution

    /// An LSTM-VAE for windows of `features` channels, LSTMs of `hiddenSize` units and a `latentSize` code.
    public init(features: Int, hiddenSize: Int, latentSize: Int,
                distribution: ReconstructionDistribution = .gaussian,
                dtype: DType = .float32, generator: RandomGenerator = .shared) {
        encoder = StatelessLSTM(features, hiddenSize, dtype: dtype, generator: generator)
        latentMean = Linear(hiddenSize, latentSize, dtype: dtype, generator: generator)
        latentLnVar = Linear(hiddenSize, latentSize, dtype: dtype, generator: generator)
        initialState = Linear(latentSize, 2 * hiddenSize, dtype: dtype, generator: generator)
        decoder = StatelessLSTM(latentSize, hiddenSize, dtype: dtype, generator: generator)
        outputParameter = Linear(hiddenSize, features, dtype: dtype, generator: generator)
        outputLnVar = distribution == .gaussian ? Linear(hiddenSize, features, dtype: dtype, generator: generator) : nil
        self.distribution = distribution
        super.init()
    }

    /// μ and lnσ² of q(z | x) for x `(batch, T, features)`, each `(batch, latent)`.
    public func encode(_ x: Variable) -> (mean: Variable, lnVar: Variable) {
        let h = encoder.readSequence(x, link: "LSTMVAE").h
        return (latentMean(h), latentLnVar(h))
    }

    /// p(x | z) for codes `z` `(batch, latent)` over windows of `shape` `(batch, T, features)`.
    public func decode(_ z: Variable, shape: [Int]) -> Reconstruction {
        require(shape.count == 3 && shape[0] == z.shape[0],
                "LSTMVAE: cannot decode z \(z.shape) into windows \(shape)")
        let state = splitAxis(initialState(z), sections: 2, axis: 1)
        let g = decoder.unroll(repeating: z, steps: shape[1], c: state[0], h: tanh(state[1]))
        return Reconstruction(distribution: distribution, parameter: outputParameter.timeDistributed(g),
                              lnVar: outputLnVar?.timeDistributed(g))
    }
}
