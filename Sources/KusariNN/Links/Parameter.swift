import KusariCore

/// A trainable array owned by a ``Link``: a ``/KusariCore/Variable`` that optimizers update.
///
/// A parameter may start uninitialized (Chainer's lazy input size, `Linear(nil, 10)`): it then holds
/// an empty array until its link sees the first input and calls ``initialize(shape:)``.
public final class Parameter: Variable {
    /// How the values are drawn when the shape becomes known.
    public let initializer: any Initializer
    /// The generator the initializer draws from.
    public let generator: RandomGenerator
    /// The dtype the parameter is created with.
    public let parameterDType: DType
    /// False until the shape is known and the values drawn.
    public private(set) var isInitialized: Bool

    /// A parameter of `shape` drawn now, or an uninitialized one when `shape` is nil.
    public init(_ initializer: any Initializer, shape: [Int]?, dtype: DType = .float32,
                generator: RandomGenerator = .shared, name: String? = nil) {
        self.initializer = initializer
        self.generator = generator
        self.parameterDType = dtype
        self.isInitialized = false
        super.init(NDArray.zeros([0], dtype: dtype), name: name)
        if let shape { initialize(shape: shape) }
    }

    /// A parameter holding `data` as given.
    public init(_ data: NDArray, name: String? = nil) {
        self.initializer = Constant(0)
        self.generator = .shared
        self.parameterDType = data.dtype
        self.isInitialized = true
        super.init(data, name: name)
    }

    /// Draws the values for `shape` (once; later calls with the same shape do nothing).
    public func initialize(shape: [Int]) {
        if isInitialized {
            require(data.shape == shape,
                         "Parameter \(name ?? ""): already initialized with shape \(data.shape), asked for \(shape)")
            return
        }
        data = initializer.initialize(shape: shape, dtype: parameterDType, generator: generator)
        isInitialized = true
    }
}
