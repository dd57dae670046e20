// Variable-length batches through the step-by-step recurrent links (GRU, SimpleRNN, LSTM, ResetAfterGRU).
import KusariCore

/// Runs a batch of variable-length sequences through a stateful step link with no work on padding: the
/// sequences are packed time-major in shrinking batches (``PackedSequences``) and `step` is called once
/// per time step with the rows still running, which the links' state rule (a smaller batch updates the
/// leading rows) handles. Reset the link's state first. Returns per-step outputs and each sequence's last
/// output (no cell state: `lastC` is nil).
///
/// This is how ``GRU``, ``SimpleRNN`` and ``ResetAfterGRU`` take the batches ``SequenceLSTM`` takes. Their
/// dropout, if wanted, is applied by the caller (``dropout(_:mask:)`` on `x`); only ``SequenceLSTM`` has
/// built-in Keras-style `dropout`/`recurrentDropout`.
///
/// ```swift
/// gru.resetState()
/// let out = runSequences(x, lengths: lengths) { gru($0) }    // x: (batch, time, in)
/// ```
public func runSequences(_ x: Variable, lengths: [Int], step: (Variable) -> Variable) -> RecurrentSequenceOutput {
    require(x.ndim == 3 && x.shape[0] == lengths.count,
            "runSequences: x \(x.shape) needs shape (batch, time, in) with batch = \(lengths.count) lengths")
    let layout = PackedSequences(lengths: lengths)
    let inputs = splitAxis(pack(x, layout), sizes: layout.batchSizes, axis: 0)
    var steps: [Variable] = [], finished: [Variable] = []
    for t in 0..<layout.maxLength {
        let h = step(inputs[t])
        steps.append(h)
        let size = layout.batchSizes[t], next = t + 1 < layout.maxLength ? layout.batchSizes[t + 1] : 0
        if next < size {
            finished.append(next == 0 ? h : splitAxis(h, sizes: [next, size - next], axis: 0)[1])
        }
    }
    let sortedH = concat(finished.reversed(), axis: 0)
    return RecurrentSequenceOutput(packed: concat(steps, axis: 0), layout: layout,
                                   lastH: takeRows(sortedH, layout.sortedPosition), lastC: nil)
}
