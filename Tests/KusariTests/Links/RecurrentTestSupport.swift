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

/// Checks the gradient of `loss` with respect to every parameter of `link`, computed by backward,
/// against central differences of `loss` (which must rebuild its graph from scratch on every call,
/// resetting any state). Run in float64.
func checkParameterGradients(_ link: Link, eps: Double = 1e-6, atol: Double = 1e-8, rtol: Double = 1e-5,
                             loss: () -> Variable) throws {
    link.clearGrads()
    loss().backward()
    for (path, p) in link.namedParameters() {
        let analytic = p.grad?.data ?? NDArray.zeros(like: p.data)
        let original = p.data
        var values = original.doubleValues
        var numerical = [Double](repeating: 0, count: values.count)
        for j in values.indices {
            let v = values[j]
            values[j] = v + eps
            p.data = NDArray(values, shape: original.shape)
            let plus = noGrad { loss().data.scalar }
            values[j] = v - eps
            p.data = NDArray(values, shape: original.shape)
            let minus = noGrad { loss().data.scalar }
            values[j] = v
            numerical[j] = (plus - minus) / (2 * eps)
        }
        p.data = original
        try assertAllClose(analytic, NDArray(numerical, shape: original.shape), atol: atol, rtol: rtol,
                           "gradient of \(path)")
    }
}
