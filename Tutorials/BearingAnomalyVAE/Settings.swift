import Foundation

/// Every setting of the experiment in one place (see Docs/Tutorials/bearing-anomaly-vae.md for where each
/// comes from and what was scaled down).
struct Settings {
    /// The seed of the weights; data noise, shuffling and sampling use seeds derived from it.
    var seed: UInt64 = 0

    // Part 1: IBM's healthy and broken bearings, DL4J's FFT → LSTM → VAE model (scaled down).
    /// Samples per window (DL4J: 3,000, one whole run).
    var part1Window = 300
    /// Healthy samples simulated; the first half trains, the second half is the healthy test.
    var part1HealthySamples = 60_000
    /// Broken samples simulated for the test.
    var part1BrokenSamples = 30_000
    /// The LSTM's outputs and the VAE's latent size (DL4J: 10 and 10).
    var part1LSTMSize = 10
    /// The VAE encoder's hidden layers (DL4J: 256-256).
    var part1EncoderSizes = [256, 256]
    /// Epochs over the healthy training windows.
    var part1Epochs = 40
    /// Windows per batch.
    var part1BatchSize = 10

    // Part 2: mild faults, 100-sample min–max-scaled windows.
    /// Observation noise, as a fraction of each axis's standard deviation.
    var noise = 0.02
    /// Samples per window.
    var window = 100
    /// Healthy samples simulated: [0, trainEnd) trains, [trainEnd, validationEnd) sets thresholds, the
    /// rest is the healthy test.
    var healthySamples = 60_000
    var trainEnd = 24_000
    var validationEnd = 30_000
    /// Samples per fault run.
    var faultSamples = 30_000
    /// Step between the starts of training windows (test windows never overlap).
    var trainStride = 20
    /// LSTM units of both sequence models.
    var hiddenSize = 32
    /// The LSTM-VAE's latent size.
    var latentSize = 8
    /// The KL weight β of the LSTM-VAE (β = 1 stalled: see the page).
    var beta = 0.1
    /// Epochs of the LSTM-VAE (its loss leaves a long plateau only after about ten).
    var vaeEpochs = 25
    /// Epochs of the LSTM autoencoder.
    var aeEpochs = 12
    /// Windows per batch.
    var batchSize = 32
    /// Adam's step size.
    var learningRate = 0.003
    /// Samples L of the reconstruction log-probability.
    var scoringSamples = 10
    /// Principal components of the PCA baseline (the reference: 8).
    var pcaComponents = 8
    /// The threshold is this quantile of the healthy validation scores.
    var thresholdQuantile = 0.99

    /// One process, or the ranks of a data-parallel run (`--distributed` under `mpirun`); not a setting
    /// of the experiment: p ranks reproduce the one-process run.
    var parallel = DataParallel.singleProcess

    /// The mild faults: name and Lorenz parameters (σ, ρ, β).
    static let faults: [(name: String, sigma: Double, rho: Double, beta: Double)] = [
        ("rho35", 10, 35, 8.0 / 3.0), ("sigma14", 14, 28, 8.0 / 3.0), ("rho30", 10, 30, 8.0 / 3.0),
    ]

    /// The experiment shrunk to a few dozen windows and one epoch (`--quick`, a few seconds): for checking
    /// that the program runs (its tests, the 2-rank check of scripts/test-mpi.sh), not for results.
    static var quick: Settings {
        var s = Settings()
        (s.part1Window, s.part1HealthySamples, s.part1BrokenSamples) = (100, 2_000, 1_000)
        (s.part1EncoderSizes, s.part1Epochs) = ([8, 8], 1)
        (s.healthySamples, s.trainEnd, s.validationEnd, s.faultSamples) = (4_000, 2_000, 3_000, 1_000)
        (s.trainStride, s.hiddenSize, s.latentSize) = (100, 6, 2)
        (s.vaeEpochs, s.aeEpochs, s.batchSize, s.scoringSamples) = (1, 1, 8, 2)
        return s
    }

    /// The settings as metrics.json records them.
    var json: [String: Any] {
        ["seed": NSNumber(value: seed), "part1_window": part1Window, "part1_healthy_samples": part1HealthySamples,
         "part1_broken_samples": part1BrokenSamples, "part1_lstm_size": part1LSTMSize,
         "part1_encoder_sizes": part1EncoderSizes, "part1_epochs": part1Epochs, "part1_batch_size": part1BatchSize,
         "noise": noise, "window": window, "healthy_samples": healthySamples, "train_end": trainEnd,
         "validation_end": validationEnd, "fault_samples": faultSamples, "train_stride": trainStride,
         "hidden_size": hiddenSize, "latent_size": latentSize, "beta": beta, "vae_epochs": vaeEpochs, "ae_epochs": aeEpochs,
         "batch_size": batchSize, "learning_rate": learningRate, "scoring_samples": scoringSamples,
         "pca_components": pcaComponents, "threshold_quantile": thresholdQuantile]
    }
}
