import Kusari
import KusariTesting

/// Shared inputs for the Core and Functions tests: seeded, so every run checks the same points.
public enum FnFixtures {
    /// Standard normal values of `shape` in float64, reproducible from `seed`.
    public static func normal(_ shape: [Int], seed: UInt64, mean: Double = 0, std: Double = 1) -> NDArray {
        NDArray.normal(shape, mean: mean, std: std, dtype: .float64, generator: RandomGenerator(seed: seed))
    }

    /// Uniform values in [low, high) of `shape` in float64, reproducible from `seed`.
    public static func uniform(_ shape: [Int], seed: UInt64, low: Double, high: Double) -> NDArray {
        NDArray.uniform(shape, low: low, high: high, dtype: .float64, generator: RandomGenerator(seed: seed))
    }

    /// Normal values pushed at least `margin` away from zero (for relu and abs, whose derivative jumps at 0).
    public static func awayFromZero(_ shape: [Int], seed: UInt64, margin: Double = 0.1) -> NDArray {
        let v = normal(shape, seed: seed).doubleValues.map { $0 >= 0 ? $0 + margin : $0 - margin }
        return NDArray(v, shape: shape)
    }

    /// A float64 scalar variable.
    public static func scalar(_ value: Double) -> Variable { Variable(NDArray(scalar: value, dtype: .float64)) }
}

extension FnFixtures {
    /// Runs `checkBackward` and, when `double` is set, `checkDoubleBackward` on `function` at `inputs`.
    public static func check(
        _ name: String, _ inputs: [NDArray], skip: Set<Int> = [], double: Bool = true,
        atol: Double = 1e-5, rtol: Double = 1e-4, _ function: @escaping ([Variable]) -> Variable
    ) throws {
        try checkBackward(name, function: function, inputs: inputs, skipInputs: skip, atol: atol, rtol: rtol)
        if double {
            try checkDoubleBackward(name, function: function, inputs: inputs, skipInputs: skip, atol: atol, rtol: rtol)
        }
    }
}
