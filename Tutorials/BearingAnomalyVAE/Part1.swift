import Kusari
import KusariSignal

/// DL4J's network as its back-propagated `MultiLayerNetwork` really computed it:
///
///     x (FFT features of a window) → LSTM → VAE encoder, mean of q(z | x) only → linear output
///
/// The VAE link is complete (decoder and lnσ² head included), but inside a back-propagated network DL4J
/// used only the encoder's mean, so that is all the forward pass touches; the other parameters get no
/// gradient and never change, as in DL4J. Each window is one time step, as in the Scala example.
final class DL4JModel: Chain {
    let lstm: StatelessLSTM
    let vae: VariationalAutoencoder
    let output: Linear

    init(features: Int, settings s: Settings, generator: RandomGenerator) {
        lstm = StatelessLSTM(features, s.part1LSTMSize, generator: generator)
        vae = VariationalAutoencoder(inSize: s.part1LSTMSize, latentSize: s.part1LSTMSize,
                                     encoderSizes: s.part1EncoderSizes, decoderSizes: s.part1EncoderSizes,
                                     distribution: .bernoulli, generator: generator)
        output = Linear(s.part1LSTMSize, features, generator: generator)
        super.init()
    }

    /// The reconstruction of FFT features `(batch, features)`.
    func callAsFunction(_ x: Variable) -> Variable {
        let h = lstm(c: nil, h: nil, x: x).h                   // GravesLSTM(tanh): h = σ(o)·tanh(c)
        return output(vae.encode(h).mean)
    }
}

/// What Part 1 produces: window scores over time and the AUC of broken against healthy.
struct Part1Result {
    let healthyScores: [Double]
    let brokenScores: [Double]
    let threshold: Double
    let auc: Double
    let losses: [Double]
    let seconds: Double
}

/// FFT features of windows `(n, T, 3)`: the magnitude spectrum of each axis, ln(1 + |X|), concatenated
/// into `(n, 3·(T/2 + 1))`.
func fftFeatures(_ w: NDArray) -> NDArray {
    let perAxis = w.transposed([0, 2, 1]).realFFTMagnitude()          // (n, 3, T/2 + 1)
    return (perAxis + 1).log().reshaped([w.shape[0], -1])
}

/// Part 1: IBM's bearings, DL4J's model. Trains on healthy windows' FFT features (standardized with the
/// training windows' statistics) and scores held-out healthy windows and broken ones.
func runPart1(_ s: Settings) throws -> Part1Result {
    let healthyRun = LorenzBearing.healthy.simulate(samples: s.part1HealthySamples)
    let brokenRun = LorenzBearing.broken.simulate(samples: s.part1BrokenSamples)
    let healthy = fftFeatures(windows(of: healthyRun, length: s.part1Window, stride: s.part1Window))
    let broken = fftFeatures(windows(of: brokenRun, length: s.part1Window, stride: s.part1Window))
    let half = healthy.shape[0] / 2
    let features = healthy.shape[1]
    func rows(_ a: NDArray, _ range: Range<Int>) -> NDArray {
        a.slice([AxisSlice(start: range.lowerBound, count: range.count, keepsAxis: true),
                 AxisSlice(start: 0, count: features, keepsAxis: true)])
    }
    let trainRows = rows(healthy, 0..<half), test = rows(healthy, half..<healthy.shape[0])
    let mean = trainRows.mean(axes: [0]), std = ((trainRows - mean) * (trainRows - mean)).mean(axes: [0]).sqrt() + 1e-3
    func standardized(_ a: NDArray) -> NDArray { ((a - mean) / std).astype(.float32) }

    let model = DL4JModel(features: features, settings: s, generator: RandomGenerator(seed: s.seed))
    let log = try train(model: model, optimizer: AdaGrad(lr: 0.01), dataset: TupleDataset([standardized(trainRows)]),
                        epochs: s.part1Epochs, batchSize: s.part1BatchSize, seed: s.seed &+ 1, parallel: s.parallel,
                        reportedKeys: ["main/loss"]) { v in meanSquaredError(model(v[0]), v[0]) }
    func scores(_ a: NDArray) -> [Double] {
        let x = standardized(a)
        return noGrad { squaredErrorPerWindow(model(Variable(x, requiresGrad: false)).data, x) }
    }
    let trainScores = scores(trainRows), healthyScores = scores(test), brokenScores = scores(broken)
    let auc = binaryROCAUC(scores: healthyScores + brokenScores,
                           labels: healthyScores.map { _ in false } + brokenScores.map { _ in true })
    return Part1Result(healthyScores: healthyScores, brokenScores: brokenScores,
                       threshold: quantileThreshold(trainScores, quantile: s.thresholdQuantile), auc: auc,
                       losses: log.epochs["main/loss"] ?? [], seconds: log.seconds)
}

/// The mean of (a − b)² over each row's features.
func squaredErrorPerWindow(_ a: NDArray, _ b: NDArray) -> [Double] {
    let d = a - b
    return (d * d).mean(axes: Array(1..<a.ndim)).doubleValues
}
