import KusariCore
import KusariNN

/// A gradient check failed: the message names the function, the input, the worst element and both values.
public struct GradientCheckError: Error, CustomStringConvertible {
    public let description: String
}

/// Checks the analytic gradients of `function` against central differences, in Double.
///
/// The function's outputs yₖ are reduced to the scalar L = Σₖ ⟨yₖ, gyₖ⟩ with fixed random `gradOutputs`
/// (seeded, so the check is deterministic). For every input element xⱼ the numerical gradient is
/// (L(x + ε eⱼ) − L(x − ε eⱼ)) / 2ε, whose error is O(ε²); it must agree with the gradient `backward()`
/// computes within `|analytic − numerical| ≤ atol + rtol·|numerical|`. With ε = 1e-6 in Double the
/// truncation and rounding errors are ≈ 1e-10, far inside the default tolerances.
///
/// - Parameters:
///   - name: how the function is called in failure messages.
///   - function: the computation under test, from input variables to output variables.
///   - inputs: the point to check at (converted to float64).
///   - gradOutputs: ⟨y, gy⟩ weights, one per output; random normal when nil.
///   - skipInputs: indices of inputs that get no gradient (integer labels, constant targets).
///   - eps: the finite-difference step ε.
///   - atol: the absolute tolerance.
///   - rtol: the tolerance relative to the numerical gradient.
/// - Throws: ``GradientCheckError`` naming the input and the worst element when they disagree.
public func checkBackward(
    _ name: String = "function",
    function: ([Variable]) -> [Variable],
    inputs: [NDArray],
    gradOutputs: [NDArray]? = nil,
    skipInputs: Set<Int> = [],
    eps: Double = 1e-6, atol: Double = 1e-5, rtol: Double = 1e-4
) throws {
    let x = inputs.map { $0.astype(.float64) }
    let gys = gradOutputs?.map { $0.astype(.float64) } ?? randomLike(noGrad { function(x.map { Variable($0) }) }.map(\.data))
    let analytic = gradients(function, at: x, weights: gys, skip: skipInputs)
    for i in x.indices where !skipInputs.contains(i) {
        let numerical = numericalGradient(at: x, input: i, eps: eps) { point in
            noGrad { weightedSum(function(point.map { Variable($0) }), gys) }
        }
        try compare(analytic[i], numerical, name: name, what: "gradient of input \(i)", atol: atol, rtol: rtol)
    }
}

/// `checkBackward` for a single-output function.
public func checkBackward(
    _ name: String = "function", function: ([Variable]) -> Variable, inputs: [NDArray],
    gradOutput: NDArray? = nil, skipInputs: Set<Int> = [],
    eps: Double = 1e-6, atol: Double = 1e-5, rtol: Double = 1e-4
) throws {
    try checkBackward(name, function: { [function($0)] }, inputs: inputs, gradOutputs: gradOutput.map { [$0] },
                      skipInputs: skipInputs, eps: eps, atol: atol, rtol: rtol)
}

/// Checks second derivatives: the gradient of G(x) = Σᵢ ⟨∂L/∂xᵢ, ggᵢ⟩ computed by double backprop
/// (`backward(enableDoubleBackprop: true)`, then `backward` on G) against central differences of the
/// first-order gradients. Use it for functions whose `backward` is built from differentiable functions.
public func checkDoubleBackward(
    _ name: String = "function", function: @escaping ([Variable]) -> Variable, inputs: [NDArray],
    skipInputs: Set<Int> = [], eps: Double = 1e-6, atol: Double = 1e-5, rtol: Double = 1e-4
) throws {
    let x = inputs.map { $0.astype(.float64) }
    let gy = randomLike([noGrad { function(x.map { Variable($0) }) }.data], seed: 1)
    let ggx = randomLike(x, seed: 2)
    let f: ([Variable]) -> [Variable] = { [function($0)] }
    // G(x) as a scalar of first-order gradients.
    func firstOrderG(_ point: [NDArray]) -> Double {
        let grads = gradients(f, at: point, weights: gy, skip: skipInputs)
        return zip(grads, ggx).enumerated().filter { !skipInputs.contains($0.offset) }
            .map { ($0.element.0 * $0.element.1).sum().scalar }.reduce(0, +)
    }
    let vars = x.map { Variable($0) }
    let l = weightedSumVariable(f(vars), gy)
    l.backward(enableDoubleBackprop: true)
    var g: Variable?
    for (i, v) in vars.enumerated() where !skipInputs.contains(i) {
        guard let gx = v.grad else { continue }
        let term = (gx * Variable(ggx[i], requiresGrad: false)).sum()
        g = g.map { $0 + term } ?? term
    }
    for v in vars { v.clearGrad() }
    g?.backward()
    for i in x.indices where !skipInputs.contains(i) {
        let analytic = vars[i].grad?.data ?? NDArray.zeros(like: x[i])
        let numerical = numericalGradient(at: x, input: i, eps: eps, firstOrderG)
        try compare(analytic, numerical, name: name, what: "second derivative of input \(i)", atol: atol, rtol: rtol)
    }
}

/// Asserts two arrays have the same shape and agree elementwise within `atol + rtol·|expected|`; NaN matches
/// only NaN (as NumPy's `assert_allclose`).
public func assertAllClose(_ actual: NDArray, _ expected: NDArray, atol: Double = 1e-6, rtol: Double = 1e-5,
                           _ what: String = "values") throws {
    try compare(actual, expected, name: "assertAllClose", what: what, atol: atol, rtol: rtol, equalNaN: true)
}

// MARK: - Helpers

private func randomLike(_ arrays: [NDArray], seed: UInt64 = 0) -> [NDArray] {
    let generator = RandomGenerator(seed: seed)
    return arrays.map { NDArray.normal($0.shape, dtype: .float64, generator: generator) }
}

private func weightedSum(_ ys: [Variable], _ gys: [NDArray]) -> Double {
    zip(ys, gys).map { ($0.data.astype(.float64) * $1).sum().scalar }.reduce(0, +)
}

private func weightedSumVariable(_ ys: [Variable], _ gys: [NDArray]) -> Variable {
    let terms = zip(ys, gys).map { ($0 * Variable($1, requiresGrad: false)).sum() }
    return terms.dropFirst().reduce(terms[0], +)
}

/// Analytic gradients of Σₖ⟨yₖ, gyₖ⟩ at `x` by one backward pass.
private func gradients(_ function: ([Variable]) -> [Variable], at x: [NDArray], weights: [NDArray],
                       skip: Set<Int>) -> [NDArray] {
    let vars = x.enumerated().map { Variable($0.element, requiresGrad: !skip.contains($0.offset)) }
    weightedSumVariable(function(vars), weights).backward()
    return vars.enumerated().map { $0.element.grad?.data ?? NDArray.zeros(like: x[$0.offset]) }
}

/// Central differences of `scalar` with respect to every element of input `input`.
private func numericalGradient(at x: [NDArray], input: Int, eps: Double,
                               _ scalar: ([NDArray]) -> Double) -> NDArray {
    var point = x
    var base = x[input].doubleValues
    var result = [Double](repeating: 0, count: base.count)
    for j in base.indices {
        let original = base[j]
        base[j] = original + eps
        point[input] = NDArray(base, shape: x[input].shape)
        let plus = scalar(point)
        base[j] = original - eps
        point[input] = NDArray(base, shape: x[input].shape)
        let minus = scalar(point)
        base[j] = original
        result[j] = (plus - minus) / (2 * eps)
    }
    return NDArray(result, shape: x[input].shape)
}

private func compare(_ actual: NDArray, _ expected: NDArray, name: String, what: String,
                     atol: Double, rtol: Double, equalNaN: Bool = false) throws {
    guard actual.shape == expected.shape else {
        throw GradientCheckError(description: "\(name): \(what): shape \(actual.shape) ≠ expected \(expected.shape)")
    }
    let a = actual.doubleValues, e = expected.doubleValues
    var worst: (index: Int, excess: Double)?
    for k in a.indices {
        // How far element k lies outside the tolerance; NaN on either side and unequal infinities are
        // infinitely far (the first such element is reported). NaN matches NaN only when `equalNaN`.
        let excess: Double
        if a[k].isNaN || e[k].isNaN {
            if equalNaN && a[k].isNaN && e[k].isNaN { continue }
            excess = .infinity
        } else if a[k] == e[k] {
            continue
        } else if a[k].isInfinite || e[k].isInfinite {
            excess = .infinity
        } else {
            excess = abs(a[k] - e[k]) - (atol + rtol * abs(e[k]))
        }
        if excess > 0 && excess > (worst?.excess ?? -.infinity) { worst = (k, excess) }
    }
    guard let (k, _) = worst else { return }
    throw GradientCheckError(description: """
        \(name): \(what) is wrong at element \(unravel(k, actual.shape)) of shape \(actual.shape): \
        got \(a[k]), expected \(e[k]) (|difference| \(abs(a[k] - e[k])) > atol \(atol) + rtol \(rtol) × |expected|)
        """)
}

private func unravel(_ flat: Int, _ shape: [Int]) -> [Int] {
    var index = [Int](repeating: 0, count: shape.count)
    var rest = flat
    for axis in shape.indices.reversed() {
        index[axis] = rest % max(shape[axis], 1)
        rest /= max(shape[axis], 1)
    }
    return index
}
