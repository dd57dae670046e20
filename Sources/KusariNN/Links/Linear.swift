import KusariCore

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
    /// The output width: `y` has shape `(batch, outSize)`.
    public let outSize: Int

    /// A layer mapping `(batch, inSize)` to `(batch, outSize)`.
    /// - Parameters:
    ///   - inSize: the input width, or nil to take it from the first input (lazy initialization).
    ///   - outSize: the output width.
    ///   - noBias: true drops `b`, so y = x·Wᵀ.
    ///   - initialW: draws `W`, `(outSize, inSize)` (default ``LeCunNormal``).
    ///   - initialBias: draws `b`, `(outSize)` (default zeros).
    ///   - dtype: the parameters' element type.
    ///   - generator: the random source for `initialW` (seed it for reproducible weights).
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
        linear(prepared(x), W, b)
    }

    /// `x` as the `(batch, in)` matrix this layer multiplies, with W initialized on first use.
    func prepared(_ x: Variable) -> Variable {
        if !W.isInitialized { W.initialize(shape: [outSize, x.shape.dropFirst().reduce(1, *)]) }
        return x.ndim == 2 ? x : reshape(x, [x.shape[0], -1])
    }

    /// upward(x) + lateral(h) as one function (``linearSum(_:_:_:_:_:)``): `self` applied to `x` plus
    /// `other` (without bias) applied to `h`; the plain `self(x) + other(h)` is
    /// ``linearSumReference(_:_:_:_:_:)``.
    func plusLinear(_ x: Variable, _ other: Linear, _ h: Variable) -> Variable {
        require(other.b == nil, "Linear.plusLinear: the second layer must have no bias")
        return linearSum(prepared(x), W, other.prepared(h), other.W, b)
    }
}
