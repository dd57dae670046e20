// Lab 13 (solution): the data, given: the bearing-anomaly-vae tutorial's Part 2, smaller. It calls
// slidingWindows (Step 13.1) and minMaxScaled (Step 13.2).
import Kusari

/// Windows of the simulated bearing (Docs/Tutorials/bearing-anomaly-vae.md, sections 1 and 3), sized for a
/// debug build: a healthy run of 12,000 samples (σ 10, ρ 28, β 8/3) with 2 % observation noise, split in
/// time into training [0, 6,000), validation [6,000, 8,000) and test [8,000, 12,000), and a run of 4,000
/// samples of the faulty bearing. Windows of `length` samples every `stride` samples (the tutorial: 100
/// every 20 for training, here short windows that do not overlap, so a debug build trains in seconds),
/// each min–max scaled per channel.
struct BearingWindows {
    /// Healthy training windows, `(n, length, 3)`.
    let train: NDArray
    /// Healthy validation windows: the threshold comes from their scores.
    let validation: NDArray
    /// Healthy test windows.
    let healthyTest: NDArray
    /// Faulty test windows.
    let faultTest: NDArray

    /// The fault is `fault` (default: IBM's broken bearing, σ 30, ρ 128, β 28/3, the tutorial's Part 1; its
    /// mild faults such as ρ = 35 need the tutorial's longer windows and training); noise streams from `seed`.
    init(length: Int = 20, stride: Int = 20, fault: LorenzBearing = .broken, seed: UInt64 = 0) {
        let healthy = LorenzBearing.healthy.simulate(samples: 12_000, observationNoise: 0.02,
                                                     generator: RandomGenerator(seed: seed &+ 100))
        let faulty = fault.simulate(samples: 4_000, observationNoise: 0.02, generator: RandomGenerator(seed: seed &+ 101))
        func samples(_ range: Range<Int>) -> NDArray {
            healthy.slice([AxisSlice(start: range.lowerBound, count: range.count, keepsAxis: true),
                           AxisSlice(start: 0, count: 3, keepsAxis: true)])
        }
        train = minMaxScaled(slidingWindows(samples(0..<6_000), length: length, stride: stride))
        validation = minMaxScaled(slidingWindows(samples(6_000..<8_000), length: length, stride: stride))
        healthyTest = minMaxScaled(slidingWindows(samples(8_000..<12_000), length: length, stride: stride))
        faultTest = minMaxScaled(slidingWindows(faulty, length: length, stride: stride))
    }
}
