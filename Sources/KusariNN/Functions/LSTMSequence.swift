// The recurrent half of a sequence-level LSTM (``SequenceLSTM``) as one function over all time steps:
// PyTorch's nn.LSTM and cuDNN work this way, and so does Chainer's NStepLSTM.
//
// What it computes: the same values as stepping `lstm(c, P[t] + linear(h, W))` through the packed
// sequences (``SequenceLSTM/referenceCall(_:lengths:)`` composes exactly that from graph nodes, and the
// tests compare the two: forward bit for bit, gradients to rounding).
//
// Why it is fast: one graph node instead of about six per step, no per-step arrays for the graph, and
// backpropagation through time computes the weight gradient of ALL steps as one matrix product
// ∂L/∂W = Σₜ gzₜᵀ·hₜ₋₁ = GZᵀ·Hfed, (4H × Σ) · (Σ × H), instead of one small product per step, each of which
// reads and writes the whole (4H × H) gradient. The per-step work left is what the recurrence forces:
// one product with W forward, one backward, and the cell kernels; each step is split into blocks of units
// on Kusari's pool, one parallel job per step forward and two backward (LSTMSequenceKernels.swift).
import KusariCore

/// All steps of an LSTM over packed sequences (``PackedSequences``) from their input projections, as
/// one differentiable function (the fast path ``SequenceLSTM`` runs).
///
/// Inputs: `P` `(Σ lengths, 4H)`, the packed pre-activations from the input (`upward(x)`, bias
/// included), and the lateral weight `W` `(4H, H)`. Outputs: the packed `h` and `c` of every valid step,
/// each `(Σ lengths, H)`. With nₜ = `batchSizes[t]` sequences still running at step t, rows
/// `offsets[t] ..< offsets[t] + nₜ` hold step t and, in Chainer's gate layout (``LSTMFunction``),
///
///     fedₜ = m[0..<nₜ] ⊙ hₜ₋₁[0..<nₜ]            (m: the recurrent-dropout mask, or 1)
///     zₜ   = fedₜ·Wᵀ + Pₜ                        (z₀ = P₀)
///     cₜ, hₜ = lstm(cₜ₋₁[0..<nₜ], zₜ)            (c₋₁ = 0)
///
/// Backward (through time, from the last step to the first): gzₜ from the cell's backward kernel with
/// ∂L/∂hₜ = (output gradient) + m ⊙ (gzₜ₊₁·W) and ∂L/∂cₜ = (output gradient) + the cell's gcPrev from
/// step t + 1; then ∂L/∂P = gz and ∂L/∂W = Σₜ gzₜᵀ·fedₜ as one gemm.
///
/// Double backprop is not supported (as in Chainer's NStepLSTM): the backward is a kernel, not a graph.
/// Differentiate twice through ``SequenceLSTM/referenceCall(_:lengths:)`` or the step links instead.
public final class LSTMSequenceFunction: FunctionNode {
    /// The packed layout the rows of `P` follow.
    public let layout: PackedSequences
    /// The recurrent-dropout mask `(batch, H)` (row i for sorted position i), or nil.
    public let recurrentMask: NDArray?
    private var saved: SavedSteps?

    /// The function for sequences laid out as `layout`, with an optional recurrent-dropout mask.
    public init(layout: PackedSequences, recurrentMask: NDArray? = nil) {
        self.layout = layout
        self.recurrentMask = recurrentMask
        super.init()
    }

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let (projected, weight) = (x[0], x[1])
        require(weight.ndim == 2 && weight.shape[0] == 4 * weight.shape[1],
                "lstmSequence: W \(weight.shape) must be (4H, H)")
        let hidden = weight.shape[1]
        require(projected.shape == [layout.totalSteps, 4 * hidden],
                "lstmSequence: P \(projected.shape) must be (Σ lengths, 4H) = (\(layout.totalSteps), \(4 * hidden))")
        require(projected.dtype == weight.dtype, "lstmSequence: dtypes \(projected.dtype) and \(weight.dtype) differ")
        if let recurrentMask {
            require(recurrentMask.shape == [layout.batch, hidden] && recurrentMask.dtype == weight.dtype,
                    "lstmSequence: the recurrent mask \(recurrentMask.shape) must be (batch, H) = (\(layout.batch), \(hidden))")
        }
        let result: (h: NDArray, c: NDArray, saved: SavedSteps)
        switch weight.dtype {
        case .float32: result = lstmSequenceForward(projected, weight, layout, recurrentMask, as: Float.self)
        case .float64: result = lstmSequenceForward(projected, weight, layout, recurrentMask, as: Double.self)
        }
        saved = result.saved
        return [result.h, result.c]
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        require(!Config.enableBackprop,
                "lstmSequence: SequenceLSTM's fused recurrence cannot be differentiated twice; use referenceCall(_:lengths:) for double backprop")
        let (gP, gW) = gradients(gy)
        return [inputs[0].requiresGrad ? Variable(gP, requiresGrad: false) : nil,
                inputs[1].requiresGrad ? Variable(gW.make(), requiresGrad: false) : nil]
    }

    /// The fast path during `Variable.backward`: ∂L/∂W is added straight into W's gradient by the one
    /// gemm (beta = 1) when allowed.
    override public func backwardAccumulate(_ gy: [Variable], into gradients: inout InputGradients) {
        guard !gradients.buildingGraph else { return super.backwardAccumulate(gy, into: &gradients) }
        let (gP, weightGradient) = self.gradients(gy)
        if inputs[0].requiresGrad { gradients.add(Variable(gP, requiresGrad: false), toInput: 0) }
        guard inputs[1].requiresGrad else { return }
        let inPlace = gradients.accumulateInPlace(toInput: 1, add: { weightGradient.addInto(&$0) }, make: weightGradient.make)
        if !inPlace { gradients.add(Variable(weightGradient.make(), requiresGrad: false), toInput: 1) }
    }

    /// gz (= ∂L/∂P) by backpropagation through time, and ∂L/∂W as a deferred product.
    private func gradients(_ gy: [Variable]) -> (NDArray, WeightGradient) {
        guard let saved else { fatalError("lstmSequence: backward before forward") }
        let weight = inputs[1].data
        switch weight.dtype {
        case .float32: return lstmSequenceBackward(gy[0].data, gy[1].data, weight, layout, recurrentMask, saved, as: Float.self)
        case .float64: return lstmSequenceBackward(gy[0].data, gy[1].data, weight, layout, recurrentMask, saved, as: Double.self)
        }
    }
}

/// Runs ``LSTMSequenceFunction`` on packed projections `P` `(Σ lengths, 4H)` with the lateral weight `W`
/// `(4H, H)`: the packed `h` and `c` of every valid step, each `(Σ lengths, H)`.
public func lstmSequence(_ P: Variable, _ W: Variable, layout: PackedSequences,
                         recurrentMask: NDArray? = nil) -> (h: Variable, c: Variable) {
    let y = LSTMSequenceFunction(layout: layout, recurrentMask: recurrentMask).apply([P, W])
    return (y[0], y[1])
}

/// What the forward pass keeps for backward: the activated gates `(Σ, 4H)`, `c` and `tanh c` `(Σ, H)`,
/// and the fed-back states `fed` `(Σ − n₀, H)` (row block t − 1 for step t ≥ 1).
struct SavedSteps {
    var gates: NDArray
    var c: NDArray
    var tanhC: NDArray
    var fed: NDArray
}

/// ∂L/∂W = GZᵀ·Fed, computed when the caller knows where it goes: into W's existing gradient (beta = 1)
/// or as a new array.
struct WeightGradient {
    /// Adds the product into `gradient` `(4H, H)`.
    let addInto: (inout NDArray) -> Void
    /// The product as a new array.
    let make: () -> NDArray
}
