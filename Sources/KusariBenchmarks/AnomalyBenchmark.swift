import Kusari

/// W5: one training epoch of the bearing-anomaly-vae tutorial's LSTM-VAE (Part 2): `LSTMVAE(features 3,
/// hidden 32, latent 8)` on 1,196 windows of 100 steps × 3 channels, batch 32 (38 batches, the last of
/// 12), loss = Gaussian NLL + 0.1·KL, Adam(α 0.003). The windows are seeded uniform values in [0, 1)
/// (the cost does not depend on them).
func lstmVAEEpoch(threads: Int, repeats: Int) throws -> Measurement {
    let (count, steps, batch) = (1196, 100, 32)
    let model = LSTMVAE(features: 3, hiddenSize: 32, latentSize: 8, generator: RandomGenerator(seed: 0))
    let optimizer = Adam(alpha: 0.003).setup(model)
    let windows = NDArray.uniform([count, steps, 3], dtype: .float32, generator: RandomGenerator(seed: 1))
    let noise = RandomGenerator(seed: 2)
    let times = try measure(warmup: 1, repeats: repeats) {
        var start = 0
        while start < count {
            let end = min(start + batch, count)
            let loss = model.loss(Variable(windows[start..<end], requiresGrad: false), beta: 0.1, generator: noise)
            model.clearGrads()
            loss.total.backward()
            try optimizer.update()
            start = end
        }
    }
    return Measurement(workload: "w6", hidden: 32, threads: threads, timings: times)
}
