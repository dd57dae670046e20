import KusariCore

/// A fully connected LSTM layer whose state is passed in and handed back (Chainer's `L.StatelessLSTM`).
/// ``LSTM`` is the same layer keeping its state between calls.
///
///     z = upward(x) + lateral(h)      x: (batch, in), h: (batch, H)  →  z: (batch, 4H)
///     (c, h) = lstm(c, z)             c = tanh(a)·σ(i) + σ(f)·c,  h = σ(o)·tanh(c)
///
/// Which code runs: the fused ``linearSum(_:_:_:_:_:)`` for z and the fused ``lstm(_:_:)`` for the
/// cell; their plain compositions ``linearSumReference(_:_:_:_:_:)`` and ``lstmReference(_:_:)`` are
/// the references the tests hold them to.
///
/// `z` is in Chainer's interleaved gate layout (unit j's a, i, f, o at 4j…4j+3; see ``LSTMFunction``).
/// `upward` is `Linear(in, 4H)` with a bias and `lateral` is `Linear(H, 4H)` without, so the parameters
/// are `upward/W` `(4H, in)`, `upward/b` `(4H)` and `lateral/W` `(4H, H)` and Chainer weights load as
/// they are. A nil `c` is zeros and a nil `h` drops the lateral term (the first step of a sequence).
///
/// Initialization as in Chainer: the weights are drawn in blocks of H rows (`upwardInit`, `lateralInit`,
/// ``LeCunNormal`` by default), the bias is `biasInit` (zeros) except the forget-gate entries
/// (every element 4j + 2), which are `forgetBiasInit` (ones), so the cell starts by remembering.
///
/// ```swift
/// let cell = StatelessLSTM(3, 10)
/// var state: (c: Variable, h: Variable)? = nil
/// for x in sequence {                              // x: (batch, 3)
///     state = cell(c: state?.c, h: state?.h, x: x)   // c, h: (batch, 10)
/// }
/// ```
public class StatelessLSTM: Link {
    /// The input connection x ↦ x·Wᵀ + b, `(in) → (4H)`.
    public let upward: Linear
    /// The recurrent connection h ↦ h·Wᵀ, `(H) → (4H)`, no bias.
    public let lateral: Linear
    /// H, the size of the cell state and of the output.
    public let stateSize: Int

    /// An LSTM layer from `inSize` inputs (nil: fixed by the first input) to `outSize` units.
    public init(_ inSize: Int?, _ outSize: Int,
                lateralInit: any Initializer = LeCunNormal(), upwardInit: any Initializer = LeCunNormal(),
                biasInit: any Initializer = Zero(), forgetBiasInit: any Initializer = Constant(1),
                dtype: DType = .float32, generator: RandomGenerator = .shared) {
        stateSize = outSize
        upward = Linear(inSize, 4 * outSize, initialW: BlockInitializer(upwardInit, blocks: 4),
                        initialBias: LSTMBiasInitializer(bias: biasInit, forgetBias: forgetBiasInit),
                        dtype: dtype, generator: generator)
        lateral = Linear(outSize, 4 * outSize, noBias: true, initialW: BlockInitializer(lateralInit, blocks: 4),
                         dtype: dtype, generator: generator)
        super.init()
    }

    /// One step: the new cell state and output from the previous ones (nil at the start of a sequence)
    /// and the input `x` `(batch, in)`. `c` and `h` must have `batch` rows.
    public func callAsFunction(c: Variable?, h: Variable?, x: Variable) -> (c: Variable, h: Variable) {
        let batch = x.shape[0]
        for (name, state) in [("c", c), ("h", h)] {
            guard let state else { continue }
            require(state.shape == [batch, stateSize],
                         "StatelessLSTM: \(name) \(state.shape) does not fit x \(x.shape) (need (\(batch), \(stateSize)))")
        }
        return step(c: c ?? zeroState(batch: batch, like: x), h: h, x: x)
    }

    /// z = upward(x) + lateral(h) (as one function, ``linearSum(_:_:_:_:_:)``), or upward(x) alone without h.
    /// One step from the state (c, h) and the input x: the fused ``lstmStep(_:_:_:_:_:_:)`` when there is
    /// an h, else `lstm(c, upward(x))`.
    final func step(c: Variable, h: Variable?, x: Variable) -> (c: Variable, h: Variable) {
        guard let h, let b = upward.b else { return lstm(c, preactivation(x, h)) }
        return lstmStep(c, upward.prepared(x), upward.W, lateral.prepared(h), lateral.W, b)
    }

    final func preactivation(_ x: Variable, _ h: Variable?) -> Variable {
        guard let h else { return upward(x) }
        return upward.plusLinear(x, lateral, h)
    }

    /// A zero cell state `(batch, H)` (a constant) with the dtype of `x`.
    final func zeroState(batch: Int, like x: Variable) -> Variable {
        Variable(NDArray.zeros([batch, stateSize], dtype: x.dtype), requiresGrad: false)
    }
}

/// Draws a weight as `blocks` stacked blocks of rows, each drawn on its own (so an ``Orthogonal`` block
/// is orthogonal by itself), as Chainer initializes its LSTM weights.
struct BlockInitializer: Initializer {
    let base: any Initializer
    let blocks: Int
    init(_ base: any Initializer, blocks: Int) {
        self.base = base
        self.blocks = blocks
    }
    func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        var blockShape = shape
        blockShape[0] /= blocks
        let parts = (0..<blocks).map { _ in base.initialize(shape: blockShape, dtype: dtype, generator: generator) }
        return NDArray.concatenate(parts, axis: 0)
    }
}

/// The LSTM bias `(4H)`: `bias` everywhere except the forget-gate entries 4j + 2, which are `forgetBias`.
struct LSTMBiasInitializer: Initializer {
    let bias: any Initializer
    let forgetBias: any Initializer
    func initialize(shape: [Int], dtype: DType, generator: RandomGenerator) -> NDArray {
        let units = shape[0] / 4
        var values = bias.initialize(shape: shape, dtype: dtype, generator: generator).doubleValues
        let forget = forgetBias.initialize(shape: [units], dtype: dtype, generator: generator).doubleValues
        for j in 0..<units { values[4 * j + 2] = forget[j] }
        return NDArray(values, shape: shape, dtype: dtype)
    }
}
