import Kusari

/// Part 2's windows: healthy training, validation and test windows, and each mild fault's, all
/// min–max scaled per window, with the unscaled test windows kept for the amplitude score.
struct BearingData {
    /// Overlapping healthy training windows, scaled: `(n, T, 3)`.
    let train: NDArray
    /// Healthy validation windows (thresholds), scaled.
    let validation: NDArray
    /// Healthy test windows, scaled and raw.
    let healthyTest: NDArray, healthyTestRaw: NDArray
    /// Per fault, in ``Settings/faults`` order: name, scaled and raw windows.
    let faults: [(name: String, windows: NDArray, raw: NDArray)]
    /// Healthy validation windows, raw (for the amplitude threshold).
    let validationRaw: NDArray
}

/// Step 1 of Part 2: simulates the healthy bearing and the mild faults with observation noise and cuts
/// them into windows. Each run has its own noise stream, derived from the seed.
func makeBearingData(_ s: Settings) -> BearingData {
    let healthy = LorenzBearing.healthy.simulate(samples: s.healthySamples, observationNoise: s.noise,
                                                 generator: RandomGenerator(seed: s.seed &+ 100))
    func part(_ range: Range<Int>) -> NDArray {
        healthy.slice([AxisSlice(start: range.lowerBound, count: range.count, keepsAxis: true),
                       AxisSlice(start: 0, count: 3, keepsAxis: true)])
    }
    let trainRun = part(0..<s.trainEnd)
    let validationRaw = windows(of: part(s.trainEnd..<s.validationEnd), length: s.window, stride: s.window)
    let testRaw = windows(of: part(s.validationEnd..<s.healthySamples), length: s.window, stride: s.window)
    let faults = Settings.faults.enumerated().map { i, f in
        let run = LorenzBearing(sigma: f.sigma, rho: f.rho, beta: f.beta)
            .simulate(samples: s.faultSamples, observationNoise: s.noise, generator: RandomGenerator(seed: s.seed &+ 101 &+ UInt64(i)))
        let raw = windows(of: run, length: s.window, stride: s.window)
        return (name: f.name, windows: minMaxScaled(raw), raw: raw)
    }
    return BearingData(train: minMaxScaled(windows(of: trainRun, length: s.window, stride: s.trainStride)),
                       validation: minMaxScaled(validationRaw), healthyTest: minMaxScaled(testRaw),
                       healthyTestRaw: testRaw, faults: faults, validationRaw: validationRaw)
}

/// The training set the iterator draws batches from: the healthy windows in float32, one example each.
func trainingDataset(_ data: BearingData) -> TupleDataset {
    TupleDataset([data.train.astype(.float32)])
}
