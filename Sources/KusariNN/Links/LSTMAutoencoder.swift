import KusariCore

/// An LSTM encoder–decoder for reconstructing windows (Malhotra et al. 2016, EncDec-AD):
///
///     (c_T, h_T) = encoder LSTM read over x₁ … x_T               x: (batch, T, features)
///     decoder LSTM starts from (c_T, h_T) and is fed h_T at every step
///     x̂_T, x̂_{T−1}, …, x̂₁ = output(decoder's step outputs)       reconstructed in reverse, as in the paper
///
/// The code is the encoder's final state (`hiddenSize` numbers each for c and h): the decoder must
/// regenerate the whole window from it, which a model of the healthy dynamics does well and a faulty
/// window defeats. Trained with the mean squared error (``loss(_:)``); the anomaly score is
/// ``reconstructionError(_:)`` per window.
///
/// ```swift
/// let model = LSTMAutoencoder(features: 3, hiddenSize: 32)
/// let loss = model.loss(x)                    // x: (batch, 100, 3)
/// let scores = model.reconstructionError(windows.data)   // (batch)
/// ```
public final class LSTMAutoencoder: Chain {
    /// Reads the window.
    public let encoder: StatelessLSTM
    /// Regenerates it from the encoder's final state.
    public let decoder: StatelessLSTM
    /// Maps each decoder output `(batch, H)` to a sample `(batch, features)`.
    public let output: Linear

    /// An autoencoder for windows of `features` channels with LSTMs of `hiddenSize` units.
    public init(features: Int, hiddenSize: Int, dtype: DType = .float32, generator: RandomGenerator = .shared) {
        encoder = StatelessLSTM(features, hiddenSize, dtype: dtype, generator: generator)
        decoder = StatelessLSTM(hiddenSize, hiddenSize, dtype: dtype, generator: generator)
        output = Linear(hiddenSize, features, dtype: dtype, generator: generator)
        super.init()
    }

    /// The reconstruction of `x` `(batch, T, features)`, same shape, in the original time order.
    public func callAsFunction(_ x: Variable) -> Variable {
        let (c, h) = encoder.readSequence(x, link: "LSTMAutoencoder")
        let reversed = decoder.unroll(repeating: h, steps: x.shape[1], c: c, h: h)
        return output.timeDistributed(Array(reversed.reversed()))
    }

    /// The mean squared reconstruction error over the batch: the training loss.
    public func loss(_ x: Variable) -> Variable { meanSquaredError(self(x), x) }

    /// The mean squared error of each window against its reconstruction, `(batch)`, without a graph.
    public func reconstructionError(_ x: NDArray) -> NDArray {
        noGrad { squaredErrorPerExample(self(Variable(x, requiresGrad: false)).data, x) }
    }
}
