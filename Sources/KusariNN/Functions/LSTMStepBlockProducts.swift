// The input gradients of the fused LSTM step's backward (LSTMStepKernels.swift), ∂hPrev = ∂z·V and
// ∂x = ∂z·W, computed inside the same parallel job as the cell's backward.
//
// A part of that job owns a block of units, that is the columns cols_p of ∂z it has just computed and the
// rows cols_p of V and W (Chainer's layout, see LSTMStepKernels.swift). Splitting the sum over the 4H
// gates by those blocks,
//
//     ∂z·M = Σ_p ∂z[:, cols_p] · M[cols_p, :]      M = V (4H, H) or W (4H, in),
//
// each part multiplies only what it owns, while its columns of ∂z and its rows of M are still in its
// core's cache, and no part waits for another. The partial products are added afterwards, in part order.
// With one block the sum has one term, the product ∂z·M itself.
import KusariCore

/// Partial products ∂z[:, cols_p]·M[cols_p, :] per part of a job, and their sum (see the file comment).
///
/// Each part writes only its own buffers, so the parts can run at the same time; ``sums()`` runs after
/// the job.
final class BlockProducts<T: KernelScalar> {
    /// The matrices M, each (4H, k).
    private let matrices: [NDArray]
    /// Rows of ∂z (the batch).
    private let rows: Int
    /// The number of parts of the job (blocks of units), each with its own term per matrix.
    private let parts: Int
    /// For matrix i, `parts` consecutive (rows, k_i) row-major partial products.
    private let buffers: [UnsafeMutablePointer<T>]

    /// Room for the partial products of `matrices` (each (4H, k)) by a ∂z of `rows` rows, in `parts` parts.
    init(matrices: [NDArray], rows: Int, parts: Int) {
        self.matrices = matrices
        self.rows = rows
        self.parts = parts
        buffers = matrices.map { .allocate(capacity: max(1, parts * rows * $0.shape[1])) }
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    /// Part `part`'s terms: ∂z[:, columns]·M[columns, :] for every M, where `gz` is the whole ∂z
    /// (rows, `width`) and `columns` the part's columns of it. Every part must call it, a part with no
    /// columns too (its terms are zeros: `lstmStepBlocks` can leave trailing blocks empty).
    func multiply(part: Int, gz: UnsafePointer<T>, width: Int, columns: Range<Int>) {
        for (matrix, buffer) in zip(matrices, buffers) {
            let k = matrix.shape[1]
            guard k > 0 else { continue }           // an input with no features (in = 0): nothing to compute
            guard !columns.isEmpty else {
                (buffer + part * rows * k).initialize(repeating: 0, count: rows * k)
                continue
            }
            matrix.withUnsafeBufferPointer(as: T.self) { m in
                T.gemm(transA: false, transB: false, m: rows, n: k, k: columns.count, alpha: 1,
                       a: gz + columns.lowerBound, lda: width, b: m.baseAddress! + columns.lowerBound * k, ldb: k,
                       beta: 0, c: buffer + part * rows * k, ldc: k)
            }
        }
    }

    /// ∂z·M for every M, (rows, k) each: the parts' terms added in part order.
    func sums() -> [NDArray] {
        zip(matrices, buffers).map { matrix, buffer in
            let (k, count) = (matrix.shape[1], rows * matrix.shape[1])
            let sum = [T](unsafeUninitializedCapacity: count) { out, initialized in
                guard let out = out.baseAddress, count > 0 else { return initialized = 0 }
                out.initialize(from: buffer, count: count)
                for part in 1..<max(1, parts) {
                    let term = buffer + part * count
                    for j in 0..<count { out[j] += term[j] }
                }
                initialized = count
            }
            return T.makeArray(sum, shape: [rows, k])
        }
    }
}
