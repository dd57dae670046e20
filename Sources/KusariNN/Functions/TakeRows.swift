// Gathering rows by index (NumPy's x[indices], Chainer's F.embed_id/F.get_item with an index array), and
// its gradient, scattering rows back. The pair is what reorders and packs variable-length batches.
import KusariCore

/// y = x[indices] along axis 0: row r of `y` is row `indices[r]` of `x` (rows may repeat or be left out).
/// `x`: `(N, …)` → `y`: `(indices.count, …)`; ∂L/∂x = ``ScatterAddRows`` of the output gradient.
public final class TakeRows: FunctionNode {
    /// The source row of each output row.
    public let indices: [Int]

    /// Takes these rows.
    public init(indices: [Int]) { self.indices = indices }

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let source = x[0]
        require(source.ndim >= 1, "takeRows: input must have at least one axis, got shape \(source.shape)")
        let rows = source.shape[0]
        for (r, i) in indices.enumerated() {
            require(i >= 0 && i < rows, "takeRows: index \(i) at position \(r) is outside 0..<\(rows) (input \(source.shape))")
        }
        let width = source.count / max(rows, 1)
        var shape = source.shape
        shape[0] = indices.count
        switch source.dtype {
        case .float32: return [gatherRows(source, indices, width: width, shape: shape, as: Float.self)]
        case .float64: return [gatherRows(source, indices, width: width, shape: shape, as: Double.self)]
        }
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [ScatterAddRows(indices: indices, rows: inputs[0].shape[0]).apply([gy[0]])[0]]
    }
}

/// The adjoint of ``TakeRows``: y has `rows` rows, all zero except y[indices[r]] += x[r].
/// Its gradient is ``TakeRows`` again, so double backprop works.
public final class ScatterAddRows: FunctionNode {
    /// The destination row of each input row.
    public let indices: [Int]
    /// The number of rows of the output.
    public let rows: Int

    /// Scatters into `rows` rows.
    public init(indices: [Int], rows: Int) {
        self.indices = indices
        self.rows = rows
    }

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        let source = x[0]
        require(source.ndim >= 1 && source.shape[0] == indices.count,
                "scatterAddRows: input \(source.shape) needs \(indices.count) rows")
        let width = source.count / max(indices.count, 1)
        var shape = source.shape
        shape[0] = rows
        switch source.dtype {
        case .float32: return [scatterRows(source, indices, width: width, shape: shape, as: Float.self)]
        case .float64: return [scatterRows(source, indices, width: width, shape: shape, as: Double.self)]
        }
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [TakeRows(indices: indices).apply([gy[0]])[0]]
    }
}

private func gatherRows<T: NDScalar>(_ x: NDArray, _ indices: [Int], width: Int, shape: [Int], as: T.Type) -> NDArray {
    var out = [T](repeating: 0, count: indices.count * width)
    x.withUnsafeBufferPointer(as: T.self) { src in
        out.withUnsafeMutableBufferPointer { dst in
            for (r, i) in indices.enumerated() {
                for k in 0..<width { dst[r * width + k] = src[i * width + k] }
            }
        }
    }
    return T.makeArray(out, shape: shape)
}

private func scatterRows<T: NDScalar>(_ x: NDArray, _ indices: [Int], width: Int, shape: [Int], as: T.Type) -> NDArray {
    var out = [T](repeating: 0, count: shape.product)
    x.withUnsafeBufferPointer(as: T.self) { src in
        out.withUnsafeMutableBufferPointer { dst in
            for (r, i) in indices.enumerated() {
                for k in 0..<width { dst[i * width + k] += src[r * width + k] }
            }
        }
    }
    return T.makeArray(out, shape: shape)
}

/// Rows `indices` of `x` along axis 0 (differentiable): `(N, …)` → `(indices.count, …)`.
public func takeRows(_ x: Variable, _ indices: [Int]) -> Variable { TakeRows(indices: indices).apply([x])[0] }

/// Each sequence's output at its last valid step: from per-step outputs `y` `(batch, time, features)` and
/// the lengths (each in 1…time), returns `(batch, features)` with row b = y[b, lengths[b] − 1].
///
/// This is the answer to "which output is the last one?" for post-padded batches: `y[:, -1]` is a padded
/// step for every sequence shorter than the batch.
public func selectLastValid(_ y: Variable, lengths: [Int]) -> Variable {
    require(y.ndim == 3 && y.shape[0] == lengths.count,
            "selectLastValid: outputs \(y.shape) need shape (batch, time, features) with batch = \(lengths.count) lengths")
    let (batch, time, features) = (y.shape[0], y.shape[1], y.shape[2])
    for (b, n) in lengths.enumerated() {
        require(n >= 1 && n <= time, "selectLastValid: length \(n) of sequence \(b) is outside 1...\(time)")
    }
    let flat = reshape(y, [batch * time, features])
    return takeRows(flat, lengths.enumerated().map { $0.offset * time + $0.element - 1 })
}
