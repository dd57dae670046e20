import Kusari

/// Fits `t ≈ w·x + b` with one `Linear(1, 1)` layer, mean squared error and plain SGD.
///
/// - Parameters:
///   - x: inputs, shape `(n, 1)`.
///   - t: targets, shape `(n, 1)`.
///   - steps: how many full-batch gradient steps to take.
///   - lr: the learning rate of `SGD`.
///   - seed: seeds the initial weight, so the same call gives the same numbers.
/// - Returns: the fitted slope and intercept and the final loss.
func fitLine(x: NDArray, t: NDArray, steps: Int = 500, lr: Double = 0.1,
             seed: UInt64 = 0) throws -> (w: Double, b: Double, loss: Double) {
    let model = Linear(1, 1, generator: RandomGenerator(seed: seed))   // y = x·Wᵀ + b
    let optimizer = SGD(lr: lr).setup(model)
    var loss = 0.0
    for _ in 0..<steps {
        let l = meanSquaredError(model(Variable(x, requiresGrad: false)), Variable(t, requiresGrad: false))
        model.clearGrads()                        // gradients accumulate: clear them first
        l.backward()
        try optimizer.update()
        loss = l.data.scalar
    }
    return (model.W.data.scalar, model.b?.data.scalar ?? 0, loss)
}
