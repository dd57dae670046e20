import KusariCore

/// Draws the initial values of a parameter. Conform to it to add your own initialization scheme.
///
/// Fan-in and fan-out follow Chainer: for a weight of shape `(out, in, k…)`,
/// fanIn = in · Πk and fanOut = out · Πk.
public protocol Initializer: Sendable {
    /// An array of `shape` and `dtype`, drawing any randomness from `generator`.
    func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray
}

/// (fanIn, fanOut) of a weight shape, as Chainer computes them.
public func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
    require(shape.count >= 2, "fans: need a shape with at least 2 axes, got \(shape)")
    let receptive = shape.dropFirst(2).reduce(1, *)
    return (shape[1] * receptive, shape[0] * receptive)
}

/// Every element equal to `value`.
public struct Constant: Initializer {
    /// The value every element gets.
    public let value: Double
    /// Every element equal to `value`.
    public init(_ value: Double) { self.value = value }
    public func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        NDArray.full(shape, value: value, dtype: dtype)
    }
}

/// All zeros (the default for biases).
public struct Zero: Initializer {
    /// All zeros.
    public init() {}
    public func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        NDArray.zeros(shape, dtype: dtype)
    }
}

/// All ones.
public struct One: Initializer {
    /// All ones.
    public init() {}
    public func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        NDArray.ones(shape, dtype: dtype)
    }
}

/// N(0, scale²) (Keras' `random_normal` uses scale 0.05).
public struct Normal: Initializer {
    /// The scale: the standard deviation (default 0.05).
    public let scale: Double
    /// The ``Normal`` initializer with the given `scale`.
    public init(scale: Double = 0.05) { self.scale = scale }
    public func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        NDArray.normal(shape, std: scale, dtype: dtype, generator: generator)
    }
}

/// U(−scale, scale).
public struct Uniform: Initializer {
    /// The scale: the half-width of the interval (default 0.05).
    public let scale: Double
    /// The ``Uniform`` initializer with the given `scale`.
    public init(scale: Double = 0.05) { self.scale = scale }
    public func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        NDArray.uniform(shape, low: -scale, high: scale, dtype: dtype, generator: generator)
    }
}

/// N(0, scale²/fanIn): Chainer's default for weights (LeCun et al., 1998).
public struct LeCunNormal: Initializer {
    /// The scale: a factor on the standard deviation √(1/fanIn).
    public let scale: Double
    /// The ``LeCunNormal`` initializer with the given `scale`.
    public init(scale: Double = 1) { self.scale = scale }
    public func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        let std = scale * (1 / Double(max(fans(of: shape).fanIn, 1))).squareRoot()
        return NDArray.normal(shape, std: std, dtype: dtype, generator: generator)
    }
}

/// U(±scale·√(6/(fanIn + fanOut))) (Glorot & Bengio, 2010; Keras' default).
public struct GlorotUniform: Initializer {
    /// The scale: a factor on the limit √(6/(fanIn + fanOut)).
    public let scale: Double
    /// The ``GlorotUniform`` initializer with the given `scale`.
    public init(scale: Double = 1) { self.scale = scale }
    public func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        let (fanIn, fanOut) = fans(of: shape)
        let limit = scale * (6 / Double(max(fanIn + fanOut, 1))).squareRoot()
        return NDArray.uniform(shape, low: -limit, high: limit, dtype: dtype, generator: generator)
    }
}

/// N(0, scale²·2/(fanIn + fanOut)) (Glorot & Bengio, 2010).
public struct GlorotNormal: Initializer {
    /// The scale: a factor on the standard deviation √(2/(fanIn + fanOut)).
    public let scale: Double
    /// The ``GlorotNormal`` initializer with the given `scale`.
    public init(scale: Double = 1) { self.scale = scale }
    public func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        let (fanIn, fanOut) = fans(of: shape)
        let std = scale * (2 / Double(max(fanIn + fanOut, 1))).squareRoot()
        return NDArray.normal(shape, std: std, dtype: dtype, generator: generator)
    }
}

/// N(0, scale²·2/fanIn) (He et al., 2015), for ReLU networks.
public struct HeNormal: Initializer {
    /// The scale: a factor on the standard deviation √(2/fanIn).
    public let scale: Double
    /// The ``HeNormal`` initializer with the given `scale`.
    public init(scale: Double = 1) { self.scale = scale }
    public func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        let std = scale * (2 / Double(max(fans(of: shape).fanIn, 1))).squareRoot()
        return NDArray.normal(shape, std: std, dtype: dtype, generator: generator)
    }
}
