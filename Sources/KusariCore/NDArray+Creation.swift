extension NDArray {
    /// An array of `shape` filled with `value`.
    public static func full(_ shape: [Int], value: Double, dtype: DType = .float32) -> NDArray {
        switch dtype {
        case .float32: NDArray(floats: [Float](repeating: Float(value), count: shape.product), shape: shape)
        case .float64: NDArray(doubles: [Double](repeating: value, count: shape.product), shape: shape)
        }
    }

    /// An array of zeros.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) -> NDArray {
        full(shape, value: 0, dtype: dtype)
    }

    /// An array of ones.
    public static func ones(_ shape: [Int], dtype: DType = .float32) -> NDArray {
        full(shape, value: 1, dtype: dtype)
    }

    /// Zeros with the shape and dtype of `other`.
    public static func zeros(like other: NDArray) -> NDArray { zeros(other.shape, dtype: other.dtype) }
    /// Ones with the shape and dtype of `other`.
    public static func ones(like other: NDArray) -> NDArray { ones(other.shape, dtype: other.dtype) }

    /// `0, 1, …, end − 1`, as NumPy's `arange(end)`.
    public static func arange(_ end: Double, dtype: DType = .float32) -> NDArray {
        arange(0, end, dtype: dtype)
    }

    /// `start, start + step, …` up to but excluding `end`, as NumPy's `arange`.
    public static func arange(_ start: Double, _ end: Double, step: Double = 1,
                              dtype: DType = .float32) -> NDArray {
        require(step != 0, "arange: step must not be zero")
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return NDArray((0..<n).map { start + Double($0) * step }, shape: [n], dtype: dtype)
    }

    /// `count` evenly spaced values from `start` to `end`, both included (NumPy's `linspace`).
    public static func linspace(_ start: Double, _ end: Double, count: Int, dtype: DType = .float32) -> NDArray {
        require(count >= 0, "linspace: count must be non-negative, got \(count)")
        if count == 1 { return NDArray([start], shape: [1], dtype: dtype) }
        let step = (end - start) / Double(count - 1)
        return NDArray((0..<count).map { start + Double($0) * step }, shape: [count], dtype: dtype)
    }

    /// Independent samples from U(low, high), drawn from `generator`.
    public static func uniform(_ shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32,
                               generator: RandomGenerator) -> NDArray {
        let values = (0..<shape.product).map { _ in low + (high - low) * generator.nextUniform() }
        return NDArray(values, shape: shape, dtype: dtype)
    }

    /// Independent samples from N(mean, std²), drawn from `generator`.
    public static func normal(_ shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32,
                              generator: RandomGenerator) -> NDArray {
        let values = (0..<shape.product).map { _ in mean + std * generator.nextNormal() }
        return NDArray(values, shape: shape, dtype: dtype)
    }

    /// This array converted to `dtype` (no copy when it already has that dtype).
    public func astype(_ dtype: DType) -> NDArray {
        if dtype == self.dtype { return self }
        switch dtype {
        case .float32: return NDArray(floats: doubles.map { Float($0) }, shape: shape)
        case .float64: return NDArray(doubles: floats.map { Double($0) }, shape: shape)
        }
    }
}
