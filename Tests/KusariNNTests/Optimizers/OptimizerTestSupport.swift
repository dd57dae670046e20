import Kusari

/// Fixtures shared by the optimizer suites. A suite adopts the protocol and calls them unqualified, so they
/// stay out of the test target's global namespace.
protocol OptimizerFixtures {}

/// The small models the optimizer suites train.
enum OptimizerTestModels {
    /// A model with one vector parameter at path `/w`: the rules are checked on it with a fixed gradient,
    /// against closed forms.
    final class OneParameter: Chain {
        let w: Parameter
        init(_ values: [Double], dtype: DType = .float64) {
            w = Parameter(NDArray(values, shape: [values.count], dtype: dtype), name: "w")
            super.init()
        }
    }

    /// A two-layer regression model y = l2(tanh(l1(x))): parameters `/l1/W`, `/l1/b`, `/l2/W`, `/l2/b`.
    final class Regressor: Chain {
        let l1: Linear
        let l2: Linear
        init(seed: UInt64) {
            let g = RandomGenerator(seed: seed)
            l1 = Linear(2, 8, generator: g)
            l2 = Linear(8, 1, generator: g)
            super.init()
        }
        func callAsFunction(_ x: Variable) -> Variable { l2(tanh(l1(x))) }
    }
}

extension OptimizerFixtures {
    typealias OneParameter = OptimizerTestModels.OneParameter
    typealias Regressor = OptimizerTestModels.Regressor

    /// Runs `steps` updates of `optimizer` on `model` with the same gradient `grad` each time, returning
    /// the parameter after each update.
    func trajectory(_ optimizer: Optimizer, _ model: OneParameter, grad: [Double], steps: Int) throws -> [[Double]] {
        var result: [[Double]] = []
        for _ in 0..<steps {
            model.w.grad = Variable(NDArray(grad, shape: [grad.count], dtype: model.w.dtype))
            try optimizer.update()
            result.append(model.w.data.doubleValues)
        }
        return result
    }

    /// True when every element agrees within `tolerance` relative to max(1, |expected|).
    func close(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12) -> Bool {
        actual.count == expected.count
            && zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    /// xⁿ for a non-negative integer n, by repeated multiplication.
    func power(_ x: Double, _ n: Int) -> Double { (0..<n).reduce(1) { r, _ in r * x } }

    /// w₀ − Σ_{t=1…steps} Δ(t), elementwise: the closed form of a rule whose t-th step is `delta(t, g)`.
    func expectedTrajectory(start: [Double], grad: [Double], steps: Int,
                            delta: (_ t: Int, _ g: Double) -> Double) -> [[Double]] {
        (1...steps).map { k in
            zip(start, grad).map { w0, g in w0 - (1...k).reduce(0) { $0 + delta($1, g) } }
        }
    }

    /// Inputs in [-1, 1]² and targets t = 2·x₀ − 3·x₁ + 0.5 (float32).
    func regressionData(count: Int = 64, seed: UInt64 = 7) -> (x: Variable, t: Variable) {
        let x = NDArray.uniform([count, 2], low: -1, high: 1, generator: RandomGenerator(seed: seed))
        let v = x.doubleValues
        let t: [Double] = (0..<count).map { i in
            let (x0, x1) = (v[2 * i], v[2 * i + 1])
            return 2 * x0 - 3 * x1 + 0.5
        }
        return (Variable(x), Variable(NDArray(t, shape: [count, 1], dtype: .float32), requiresGrad: false))
    }
}
