/// A fully connected layer y = x·Wᵀ + b (Chainer's `L.Linear`), W of shape `(out, in)`.
///
/// Pass `nil` as the input size to have it fixed by the first input (lazy initialization):
/// ```swift
/// let layer = Linear(nil, 10)       // W is created on the first call
/// let y = layer(x)                  // x: (batch, in) → y: (batch, 10)
/// ```
/// Weights default to ``LeCunNormal`` and the bias to zeros; `noBias: true` drops the bias.
public final class Linear: Link, Layer {
    /// The weight, `(outSize, inSize)`.
    public let W: Parameter
    /// The bias, `(outSize)`, or nil with `noBias`.
    public let b: Parameter?
    public let outSize: Int

    public init(_ inSize: Int?, _ outSize: Int, noBias: Bool = false,
                initialW: any Initializer = LeCunNormal(), initialBias: any Initializer = Zero(),
                dtype: DType = .float32, generator: RandomGenerator = .shared) {
        self.outSize = outSize
        W = Parameter(initialW, shape: inSize.map { [outSize, $0] }, dtype: dtype, generator: generator, name: "W")
        b = noBias ? nil : Parameter(initialBias, shape: [outSize], dtype: dtype, generator: generator, name: "b")
        super.init()
    }

    /// x·Wᵀ + b for x of shape `(batch, in)`.
    public func callAsFunction(_ x: Variable) -> Variable {
        if !W.isInitialized { W.initialize(shape: [outSize, x.shape.dropFirst().reduce(1, *)]) }
        let input = x.ndim == 2 ? x : reshape(x, [x.shape[0], -1])
        return linear(input, W, b)
    }
}
