// The bookkeeping behind sequence-level recurrent layers (PyTorch's PackedSequence, Chainer's
// NStepLSTM): sort sequences by length, lay them out time-major in shrinking batches, and unsort.
import KusariCore

/// The layout of a batch of variable-length sequences packed time-major with no padding.
///
/// Sequences are sorted by decreasing length (stable); step t holds the `batchSizes[t]` sequences longer
/// than t, in sorted order, so each step's rows are a prefix of the previous step's. Packed row
/// `offsets[t] + i` is step t of the sequence at sorted position i, that is of original sequence
/// `sortedOrder[i]`. For lengths [2, 3, 1]: sortedOrder [1, 0, 2], batchSizes [3, 2, 1], offsets [0, 3, 5].
public struct PackedSequences: Sendable, Equatable {
    /// The length of each sequence, in the caller's order (each ≥ 1).
    public let lengths: [Int]
    /// sortedOrder[i] = the original index of the i-th longest sequence.
    public let sortedOrder: [Int]
    /// batchSizes[t] = how many sequences have more than t steps.
    public let batchSizes: [Int]
    /// offsets[t] = the packed row of step t's first sequence (Σ of earlier batch sizes).
    public let offsets: [Int]

    /// The layout for sequences of these lengths (all ≥ 1).
    public init(lengths: [Int]) {
        require(!lengths.isEmpty, "PackedSequences: no sequences")
        for (b, n) in lengths.enumerated() {
            require(n >= 1, "PackedSequences: sequence \(b) has length \(n); every sequence needs at least one step")
        }
        self.lengths = lengths
        sortedOrder = lengths.indices.sorted { lengths[$0] > lengths[$1] || (lengths[$0] == lengths[$1] && $0 < $1) }
        let maxLength = lengths.max() ?? 0
        batchSizes = (0..<maxLength).map { t in lengths.filter { $0 > t }.count }
        var running = 0
        offsets = batchSizes.map { size in defer { running += size }; return running }
    }

    /// The longest length.
    public var maxLength: Int { batchSizes.count }
    /// The number of sequences.
    public var batch: Int { lengths.count }
    /// Σ lengths: the number of packed rows.
    public var totalSteps: Int { lengths.reduce(0, +) }

    /// For each packed row, its row in a `(batch · time)` flattening of a padded `(batch, time, …)` array.
    public func paddedRows(time: Int) -> [Int] {
        require(time >= maxLength, "PackedSequences: padded time \(time) is shorter than the longest sequence \(maxLength)")
        var rows: [Int] = []
        rows.reserveCapacity(totalSteps)
        for (t, size) in batchSizes.enumerated() {
            for i in 0..<size { rows.append(sortedOrder[i] * time + t) }
        }
        return rows
    }

    /// For each sequence (caller's order), its sorted position.
    public var sortedPosition: [Int] {
        var position = [Int](repeating: 0, count: batch)
        for (i, b) in sortedOrder.enumerated() { position[b] = i }
        return position
    }
}

/// Packs a post-padded batch `(batch, time, features)` into `(Σ lengths, features)` rows, time-major in
/// shrinking batches (differentiable; padding is never touched).
public func pack(_ x: Variable, _ layout: PackedSequences) -> Variable {
    require(x.ndim == 3 && x.shape[0] == layout.batch,
            "pack: input \(x.shape) needs shape (batch, time, features) with batch = \(layout.batch)")
    let (batch, time, features) = (x.shape[0], x.shape[1], x.shape[2])
    return takeRows(reshape(x, [batch * time, features]), layout.paddedRows(time: time))
}

/// Unpacks packed rows `(Σ lengths, features)` into a post-padded `(batch, time, features)` array (zeros
/// at padded steps), the caller's order (differentiable).
public func unpack(_ y: Variable, _ layout: PackedSequences, time: Int? = nil) -> Variable {
    require(y.ndim == 2 && y.shape[0] == layout.totalSteps,
            "unpack: input \(y.shape) needs \(layout.totalSteps) rows (Σ lengths)")
    let time = time ?? layout.maxLength
    let features = y.shape[1]
    let paddedRows = layout.paddedRows(time: time)
    return reshape(ScatterAddRows(indices: paddedRows, rows: layout.batch * time).apply([y])[0],
                   [layout.batch, time, features])
}
