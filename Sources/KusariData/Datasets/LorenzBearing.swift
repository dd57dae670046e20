import KusariCore

/// The vibration "bearing" of IBM's IoT anomaly-detection tutorial: a Lorenz attractor integrated by
/// explicit Euler exactly as the tutorial's Node-RED simulator flow does it, one (x, y, z) sample per step.
///
/// Each step updates the three coordinates in this order, each line using the values just updated
/// (Gauss–Seidel style, not the textbook simultaneous update):
///
///     x ← x + h·σ·(y − x)
///     y ← y + h·(x·(ρ − z) − y)
///     z ← z + h·(x·y − β·z)
///
/// with step h = 0.008 from (x, y, z) = (2, 3, 4); the first sample is the state after the first step.
/// A run of the flow has 3,000 samples. ``healthy`` is σ = 10, ρ = 28, β = 8/3 (the classic attractor,
/// x ∈ [−19, 19], y ∈ [−25, 26], z ∈ [4, 47]); ``broken`` is IBM's fault, σ = 30, ρ = 128, β = 28/3.
///
/// `observationNoise` adds N(0, (noise · sᵢ)²) to axis i of every sample, where sᵢ is that axis's
/// standard deviation over the generated run (a sensor's noise relative to the signal); the trajectory
/// itself is noise-free, so the noise never feeds back into the dynamics.
///
/// ```swift
/// let run = LorenzBearing.healthy.simulate(samples: 3_000)     // (3000, 3), noise-free
/// let noisy = LorenzBearing(sigma: 10, rho: 35).simulate(samples: 30_000, observationNoise: 0.02,
///                                                       generator: RandomGenerator(seed: 1))
/// ```
public struct LorenzBearing: Sendable, Hashable {
    /// σ, the coupling of x to y (Prandtl number).
    public var sigma: Double
    /// ρ, the driving strength (Rayleigh number).
    public var rho: Double
    /// β, the damping of z.
    public var beta: Double
    /// The Euler step h.
    public var step: Double
    /// The state before the first step.
    public var start: (x: Double, y: Double, z: Double) {
        get { (startPoint[0], startPoint[1], startPoint[2]) }
        set { startPoint = [newValue.x, newValue.y, newValue.z] }
    }
    private var startPoint: [Double]

    /// A bearing with these Lorenz parameters, integrated with step h from `start`.
    public init(sigma: Double = 10, rho: Double = 28, beta: Double = 8.0 / 3.0, step: Double = 0.008,
                start: (x: Double, y: Double, z: Double) = (2, 3, 4)) {
        (self.sigma, self.rho, self.beta, self.step) = (sigma, rho, beta, step)
        startPoint = [start.x, start.y, start.z]
    }

    /// IBM's healthy bearing: σ = 10, ρ = 28, β = 8/3.
    public static let healthy = LorenzBearing()
    /// IBM's broken bearing: σ = 30, ρ = 128, β = 28/3.
    public static let broken = LorenzBearing(sigma: 30, rho: 128, beta: 28.0 / 3.0)
    /// The number of samples in one run of IBM's flow.
    public static let samplesPerRun = 3_000

    /// `samples` consecutive samples as a float64 `(samples, 3)` array of (x, y, z), noise-free.
    public func simulate(samples: Int) -> NDArray {
        require(samples >= 0, "LorenzBearing.simulate: samples must be non-negative, got \(samples)")
        var values = [Double](repeating: 0, count: samples * 3)
        var (x, y, z) = start
        for i in 0..<samples {
            x = x + step * sigma * (y - x)
            y = y + step * (x * (rho - z) - y)
            z = z + step * (x * y - beta * z)
            values[3 * i] = x
            values[3 * i + 1] = y
            values[3 * i + 2] = z
        }
        return NDArray(values, shape: [samples, 3], dtype: .float64)
    }

    /// `samples` samples with observation noise of `observationNoise` times each axis's standard
    /// deviation, drawn from `generator`.
    public func simulate(samples: Int, observationNoise: Double, generator: RandomGenerator) -> NDArray {
        require(observationNoise >= 0 && observationNoise.isFinite,
                "LorenzBearing.simulate: observationNoise must be finite and ≥ 0, got \(observationNoise)")
        let clean = simulate(samples: samples)
        guard samples > 1 else { return clean }
        var values = clean.doubleValues
        var scale = [Double](repeating: 0, count: 3)
        for axis in 0..<3 {
            let column = stride(from: axis, to: values.count, by: 3).map { values[$0] }
            let mean = column.reduce(0, +) / Double(samples)
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples)
            scale[axis] = observationNoise * variance.squareRoot()
        }
        for i in 0..<values.count { values[i] += scale[i % 3] * generator.nextNormal() }
        return NDArray(values, shape: [samples, 3], dtype: .float64)
    }
}
