import Kusari
import KusariTesting

/// The input sequence of the golden-value tests: three steps of a (batch 2, in 3) input.
let goldenInputs: [Double] = [-0.37, -0.27, 0.14, -0.12, 0.98, -0.8, -0.58, -0.68, 0.31,
                              -0.49, -0.07, -0.51, -0.68, -0.78, 0.31, -0.72, -0.61, -0.26]

/// `values` cut into `steps` variables of shape `(batch, size)`.
func sequence(_ values: [Double], steps: Int, batch: Int, size: Int, dtype: DType = .float64) -> [Variable] {
    precondition(values.count == steps * batch * size)
    return (0..<steps).map { t in
        Variable(NDArray(Array(values[(t * batch * size)..<((t + 1) * batch * size)]), shape: [batch, size], dtype: dtype))
    }
}

/// A random sequence of `steps` inputs `(batch, size)` in float64.
func randomSequence(steps: Int, batch: Int, size: Int, seed: UInt64) -> [Variable] {
    let g = RandomGenerator(seed: seed)
    return (0..<steps).map { _ in Variable(NDArray.normal([batch, size], dtype: .float64, generator: g)) }
}

/// Sets a parameter from row-major literals.
func setParameter(_ parameter: Parameter?, _ values: [Double], _ shape: [Int], dtype: DType = .float64) {
    parameter!.data = NDArray(values, shape: shape, dtype: dtype)
}

/// A fixed random weighting of `y`, so a scalar loss depends on every element differently.
func weighted(_ y: Variable, seed: UInt64) -> Variable {
    let w = NDArray.normal(y.shape, dtype: y.dtype, generator: RandomGenerator(seed: seed))
    return (y * Variable(w, requiresGrad: false)).sum()
}

