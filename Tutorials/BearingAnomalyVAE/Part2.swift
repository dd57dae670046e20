import Kusari
import KusariSignal

/// The four detectors of Part 2, in the order of `scores.csv`'s `model` column.
let modelNames = ["lstm_vae", "lstm_ae", "pca", "amplitude"]

/// Anomaly scores of one detector on every set of windows (higher = more anomalous).
struct DetectorScores {
    let validation: [Double]
    let healthyTest: [Double]
    /// Per fault, in ``Settings/faults`` order.
    let faults: [[Double]]
}

/// What Part 2 produces.
struct Part2Result {
    /// By model name.
    let scores: [String: DetectorScores]
    let vaeLog: TrainingLog
    let aeLog: TrainingLog
    let vae: LSTMVAE
    let ae: LSTMAutoencoder
}

/// Step 2: the LSTM-VAE, trained on the healthy windows to minimize reconstruction NLL + β·KL.
func trainLSTMVAE(_ dataset: any Dataset, _ s: Settings) throws -> (LSTMVAE, TrainingLog) {
    let model = LSTMVAE(features: 3, hiddenSize: s.hiddenSize, latentSize: s.latentSize,
                        generator: RandomGenerator(seed: s.seed))
    let noise = RandomGenerator(seed: s.seed &+ 2)                       // ε of the reparameterization
    let log = try train(model: model, optimizer: Adam(alpha: s.learningRate), dataset: dataset, epochs: s.vaeEpochs,
                        batchSize: s.batchSize, seed: s.seed &+ 1, parallel: s.parallel,
                        reportedKeys: ["main/loss", "main/reconstruction", "main/kl"]) { v in
        let loss = s.parallel.isDistributed
            ? shardedVAELoss(model, v[0], beta: s.beta, generator: noise, parallel: s.parallel)
            : { let l = model.loss(v[0], beta: s.beta, generator: noise); return (l.total, l.reconstruction, l.kl) }()
        report(["main/reconstruction": loss.reconstruction, "main/kl": loss.kl])
        return loss.total
    }
    return (model, log)
}

/// The LSTM-VAE's loss on this rank's rows of a global batch, with the ε one process would draw: the
/// generator (seeded alike on every rank) draws ε for the whole batch `(B, latent)` and each rank keeps
/// its rows, so p ranks reproduce the single-process run. Otherwise ``VariationalModel/loss(_:beta:generator:)``:
///
///     total = (1/b) Σₙ [ −ln p(xₙ | zₙ) + β·KL(q(z | xₙ) ‖ N(0, I)) ],   zₙ = μₙ + σₙ·εₙ,  b = B/p
func shardedVAELoss(_ model: LSTMVAE, _ x: Variable, beta: Double, generator: RandomGenerator,
                    parallel: DataParallel) -> (total: Variable, reconstruction: Variable, kl: Variable) {
    let (mean, lnVar) = model.encode(x)
    let globalShape = [mean.shape[0] * parallel.communicator.size] + mean.shape.dropFirst()
    let epsilon = parallel.ownRows(of: NDArray.normal(globalShape, dtype: mean.dtype, generator: generator))
    let z = mean + exp(0.5 * lnVar) * Variable(epsilon, requiresGrad: false)
    let batch = Double(x.shape[0])
    let nll = sum(model.decode(z, shape: x.shape).negativeLogLikelihood(x)) / batch
    let kl = gaussianKLDivergence(mean, lnVar) / batch
    return (nll + beta * kl, nll, kl)
}

/// Step 3: the LSTM autoencoder, trained on the same windows to minimize the squared error.
func trainLSTMAutoencoder(_ dataset: any Dataset, _ s: Settings) throws -> (LSTMAutoencoder, TrainingLog) {
    let model = LSTMAutoencoder(features: 3, hiddenSize: s.hiddenSize, generator: RandomGenerator(seed: s.seed &+ 3))
    let log = try train(model: model, optimizer: Adam(alpha: s.learningRate), dataset: dataset, epochs: s.aeEpochs,
                        batchSize: s.batchSize, seed: s.seed &+ 4, parallel: s.parallel,
                        reportedKeys: ["main/loss"]) { v in
        model.loss(v[0])
    }
    return (model, log)
}

/// Steps 2–5 of Part 2: trains both sequence models, fits PCA, and scores every window four ways.
func runPart2(_ data: BearingData, _ s: Settings) throws -> Part2Result {
    let dataset = trainingDataset(data)
    let (vae, vaeLog) = try trainLSTMVAE(dataset, s)
    let (ae, aeLog) = try trainLSTMAutoencoder(dataset, s)
    let pca = try PrincipalComponents(fitting: flattened(data.train), components: s.pcaComponents)

    let sampling = RandomGenerator(seed: s.seed &+ 5)
    let detectors: [String: (NDArray, NDArray) -> [Double]] = [
        // −(1/L) Σ ln p(x | zₗ): An & Cho's reconstruction probability, negated so high = anomalous.
        "lstm_vae": { w, _ in batchedScores(w.astype(.float32)) {
            -vae.reconstructionLogProbability($0, samples: s.scoringSamples, generator: sampling) } },
        "lstm_ae": { w, _ in batchedScores(w.astype(.float32)) { ae.reconstructionError($0) } },
        "pca": { w, _ in pca.reconstructionError(flattened(w)).doubleValues },
        "amplitude": { _, raw in amplitudeScores(raw) },
    ]
    var scores: [String: DetectorScores] = [:]
    for name in modelNames {
        guard let score = detectors[name] else { continue }
        scores[name] = DetectorScores(validation: score(data.validation, data.validationRaw),
                                      healthyTest: score(data.healthyTest, data.healthyTestRaw),
                                      faults: data.faults.map { score($0.windows, $0.raw) })
    }
    return Part2Result(scores: scores, vaeLog: vaeLog, aeLog: aeLog, vae: vae, ae: ae)
}
