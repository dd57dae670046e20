// A whole batch of variable-length sequences through an LSTM in one call (Chainer's NStepLSTM idea,
// PyTorch's nn.LSTM on packed sequences), with the parameters and layout of Chainer's L.LSTM.
import KusariCore

/// What a sequence-level recurrent layer returns.
public struct RecurrentSequenceOutput {
    /// The output h at every valid step, packed `(Σ lengths, H)` (see ``PackedSequences``): apply a
    /// per-step head (Keras' `TimeDistributed(Dense)`) to it in one matrix product.
    public let packed: Variable
    /// The layout of `packed`.
    public let layout: PackedSequences
    /// Each sequence's h at its last valid step `(batch, H)`, in the caller's order.
    public let lastH: Variable
    /// Each sequence's cell state at its last valid step (LSTM only), in the caller's order.
    public let lastC: Variable?

    /// The per-step outputs as a post-padded `(batch, time, H)` array (zeros at padded steps).
    public func padded(time: Int? = nil) -> Variable { unpack(packed, layout, time: time) }
}

/// An LSTM layer that reads whole sequences: `lstm(x, lengths:)` with a post-padded batch `x`
/// `(batch, time, in)` runs every sequence from c = h = 0 to its own last step and returns the outputs
/// of all valid steps and each sequence's last `h` and `c`. Padding costs nothing: the sequences are
/// sorted by length and stepped time-major in shrinking batches (``PackedSequences``), and the input
/// projection `upward(x)` of every valid step is one matrix product `(Σ lengths, in) × (in, 4H)`.
///
/// The cell is ``StatelessLSTM``'s (Chainer's gate layout, `upward/W`, `upward/b`, `lateral/W`), so a
/// model file saved from an ``LSTM`` loads here and vice versa, and the results equal feeding each
/// sequence step by step through ``LSTM`` (tested).
///
/// Dropout, as Keras' `LSTM(dropout:recurrent_dropout:)`, only while `Config.train`: `dropout` zeroes
/// inputs and `recurrentDropout` the fed-back h, each with one mask per sequence reused at every step.
///
/// ```swift
/// let lstm = SequenceLSTM(6, 128, dropout: 0.25, recurrentDropout: 0.1)
/// let out = lstm(x, lengths: batch.lengths)     // x: (128, time, 6)
/// let risk = sigmoid(head(out.lastH))           // (128, 1)
/// ```
public final class SequenceLSTM: StatelessLSTM {
    /// The fraction of input features dropped in training.
    public let dropout: Double
    /// The fraction of recurrent state entries dropped in training.
    public let recurrentDropout: Double
    /// The source of dropout masks.
    public let dropoutGenerator: RandomGenerator

    /// A sequence-level LSTM from `inSize` inputs to `outSize` units (initialisation as ``StatelessLSTM``).
    public init(_ inSize: Int?, _ outSize: Int, dropout: Double = 0, recurrentDropout: Double = 0,
                dtype: DType = .float32, generator: RandomGenerator = .shared,
                dropoutGenerator: RandomGenerator? = nil) {
        require(dropout >= 0 && dropout < 1 && recurrentDropout >= 0 && recurrentDropout < 1,
                "SequenceLSTM: dropout \(dropout) and recurrentDropout \(recurrentDropout) must be in [0, 1)")
        self.dropout = dropout
        self.recurrentDropout = recurrentDropout
        self.dropoutGenerator = dropoutGenerator ?? generator
        super.init(inSize, outSize, dtype: dtype, generator: generator)
    }

    /// Runs every sequence of `x` `(batch, time, in)` (post-padded) for its `lengths[b]` steps.
    ///
    /// The fast path: the input projection of all steps as one product, then the recurrence as one
    /// function (``LSTMSequenceFunction``, one gemm per step each way and the weight gradient of all steps
    /// as one gemm). ``referenceCall(_:lengths:)`` composes the same computation from per-step graph nodes;
    /// the two agree (tested: values bit for bit, gradients to rounding).
    /// Float32 batches of equal-length sequences without recurrent dropout go through oneDNN's LSTM
    /// primitive instead (``lstmSequenceOneDNN(_:_:_:_:steps:)``, as PyTorch's nn.LSTM on the CPU), to
    /// float32 rounding; `Config.useOneDNN` false keeps them on Kusari's loops.
    public func callAsFunction(_ x: Variable, lengths: [Int]) -> RecurrentSequenceOutput {
        let (layout, inputs) = packedInputs(x, lengths: lengths)
        let recurrentMask = recurrentDropoutMask(layout, like: x)
        if Config.useOneDNN, LSTMSequenceOneDNNFunction.isAvailable, recurrentMask == nil, x.dtype == .float32, let bias = upward.b,
           layout.maxLength > 0, layout.batchSizes.allSatisfy({ $0 == layout.batch }) {
            let prepared = upward.prepared(inputs)
            let (h, cLast) = lstmSequenceOneDNN(prepared, upward.W, bias, lateral.W, steps: layout.maxLength)
            // Equal lengths: the last step is the last row block, in sorted positions.
            let position = layout.sortedPosition, last = layout.offsets[layout.maxLength - 1]
            return RecurrentSequenceOutput(packed: h, layout: layout, lastH: takeRows(h, position.map { last + $0 }),
                                           lastC: takeRows(cLast, position))
        }
        let (h, c) = lstmSequence(upward(inputs), lateral.W, layout: layout, recurrentMask: recurrentMask)
        // Each sequence's last valid step is packed row offsets[length − 1] + its sorted position.
        let position = layout.sortedPosition
        let lastRows = layout.lengths.indices.map { layout.offsets[layout.lengths[$0] - 1] + position[$0] }
        return RecurrentSequenceOutput(packed: h, layout: layout, lastH: takeRows(h, lastRows), lastC: takeRows(c, lastRows))
    }

    /// The same computation as ``callAsFunction(_:lengths:)`` composed of per-step graph nodes (`linear`,
    /// `lstm`, slices and concatenations): the plain reference the fused path is tested against, and the
    /// path to use for double backprop. Same dropout masks for the same generator state.
    public func referenceCall(_ x: Variable, lengths: [Int]) -> RecurrentSequenceOutput {
        let (layout, inputs) = packedInputs(x, lengths: lengths)
        let projected = splitAxis(upward(inputs), sizes: layout.batchSizes, axis: 0)
        let recurrentMask = recurrentDropoutMask(layout, like: x)
        var steps: [Variable] = [], finishedH: [Variable] = [], finishedC: [Variable] = []
        var c = zeroState(batch: layout.batchSizes[0], like: x), h: Variable?
        for t in 0..<layout.maxLength {
            let size = layout.batchSizes[t]
            var z = projected[t]
            if let hPrev = h {
                var fed = hPrev
                if let recurrentMask { fed = KusariNN.dropout(fed, mask: recurrentMask.slice([AxisSlice(start: 0, count: size, keepsAxis: true),
                                                                               AxisSlice(start: 0, count: stateSize, keepsAxis: true)])) }
                z = z + linear(fed, lateral.W)
            }
            let y = lstm(c, z)
            steps.append(y.h)
            let next = t + 1 < layout.maxLength ? layout.batchSizes[t + 1] : 0
            if next < size {
                // Sorted positions next..<size end here.
                let hs = splitAxis(y.h, sizes: [next, size - next].filter { $0 > 0 }, axis: 0)
                let cs = splitAxis(y.c, sizes: [next, size - next].filter { $0 > 0 }, axis: 0)
                finishedH.append(hs[hs.count - 1])
                finishedC.append(cs[cs.count - 1])
                if next > 0 { (h, c) = (hs[0], cs[0]) }
            } else {
                (h, c) = (y.h, y.c)
            }
        }
        // Pieces were collected from the shortest sequences (last sorted positions) to the longest.
        let sortedH = concat(finishedH.reversed(), axis: 0), sortedC = concat(finishedC.reversed(), axis: 0)
        let position = layout.sortedPosition
        return RecurrentSequenceOutput(packed: concat(steps, axis: 0), layout: layout,
                                       lastH: takeRows(sortedH, position), lastC: takeRows(sortedC, position))
    }

    /// Checks `x` against `lengths`, packs it (as a constant when it needs no gradient, so backward skips
    /// (Σ lengths × 4H)·(4H × in)) and applies input dropout in training.
    private func packedInputs(_ x: Variable, lengths: [Int]) -> (PackedSequences, Variable) {
        require(x.ndim == 3 && x.shape[0] == lengths.count,
                "SequenceLSTM: x \(x.shape) needs shape (batch, time, in) with batch = \(lengths.count) lengths")
        let layout = PackedSequences(lengths: lengths)
        require(layout.maxLength <= x.shape[1], "SequenceLSTM: a length \(layout.maxLength) exceeds x's time axis \(x.shape[1])")
        var inputs = x.requiresGrad ? pack(x, layout) : Variable(noGrad { pack(x, layout) }.data, requiresGrad: false)
        if Config.train && dropout > 0 {
            inputs = KusariNN.dropout(inputs, mask: perSequenceMask(layout, width: x.shape[2], ratio: dropout, dtype: x.dtype))
        }
        return (layout, inputs)
    }

    /// The recurrent-dropout mask `(batch, H)` in training with `recurrentDropout` > 0, else nil.
    private func recurrentDropoutMask(_ layout: PackedSequences, like x: Variable) -> NDArray? {
        Config.train && recurrentDropout > 0
            ? dropoutMask([layout.batch, stateSize], ratio: recurrentDropout, dtype: x.dtype, generator: dropoutGenerator)
            : nil
    }

    /// One dropout mask row per sequence, repeated at each of its packed steps: `(Σ lengths, width)`.
    func perSequenceMask(_ layout: PackedSequences, width: Int, ratio: Double, dtype: DType) -> NDArray {
        let perSequence = dropoutMask([layout.batch, width], ratio: ratio, dtype: .float64, generator: dropoutGenerator).doubleValues
        var values: [Double] = []
        values.reserveCapacity(layout.totalSteps * width)
        for size in layout.batchSizes {
            for i in 0..<size { values += perSequence[(i * width)..<((i + 1) * width)] }
        }
        return NDArray(values, shape: [layout.totalSteps, width], dtype: dtype)
    }
}
