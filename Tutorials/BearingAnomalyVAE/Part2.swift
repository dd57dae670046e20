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
    let log = try train(dataset: dataset, optimizer: Adam(alpha: s.learningRate).setup(model), epochs: s.vaeEpochs,
                        batchSize: s.batchSize, seed: s.seed &+ 1,
                        reportedKeys: ["main/loss", "main/reconstruction", "main/kl"]) { v in
        let loss = model.loss(v[0], beta: s.beta, generator: noise)
        report(["main/reconstruction": loss.reconstruction, "main/kl": loss.kl])
        return loss.total
    }
    return (model, log)
}

/// Step 3: the LSTM autoencoder, trained on the same windows to minimize the squared error.
func trainLSTMAutoencoder(_ dataset: any Dataset, _ s: Settings) throws -> (LSTMAutoencoder, TrainingLog) {
    let model = LSTMAutoencoder(features: 3, hiddenSize: s.hiddenSize, generator: RandomGenerator(seed: s.seed &+ 3))
    let log = try train(dataset: dataset, optimizer: Adam(alpha: s.learningRate).setup(model), epochs: s.aeEpochs,
                        batchSize: s.batchSize, seed: s.seed &+ 4, reportedKeys: ["main/loss"]) { v in
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
