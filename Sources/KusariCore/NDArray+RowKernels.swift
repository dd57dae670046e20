// Fast paths for the two shapes a batch of rows takes through a network, used by `sum(axes:)` and
// `broadcast(to:)` (and by LinearFunction's bias):
//
//   - a sum over the leading axes, e.g. Σ over the batch of a (batch, features) gradient, as column
//     sums of a (rows × columns) matrix: out[j] = Σ_r x[r, j];
//   - a sum over the trailing axes (and over all axes), as per-row sums: out[r] = Σ_j x[r, j];
//   - a broadcast that adds leading axes, e.g. a bias (features) stretched to (batch, features), as
//     copies of the whole source, one per row.
//
// What they compute: exactly what the generic odometer kernels (reduceKernel, gather) compute, adding
// in the same order, so results are bit-identical.
//
// Why they are fast: the generic kernels walk every element through an index odometer and call the
// reduction closure once per element (not inlined across the generic boundary). Here the column sum is
// one vectorisable loop per row (`out[j] += row[j]` over contiguous memory), the row sum a tight scalar
// loop, and the broadcast a memcpy per row. At (64 × 2048), the LSTM bias gradient, the column sum takes
// ≈ 10 µs against ≈ 0.3 ms for the generic kernel.

extension NDArray {
    /// `sum` over `reduced` (sorted, non-negative) as column or row sums, or nil when the reduced axes are
    /// neither leading nor trailing.
    func fastSum(reduced: [Int], outShape: [Int]) -> NDArray? {
        let p = reduced.count
        let leading = reduced == Array(0..<p), trailing = reduced == Array((ndim - p)..<ndim)
        guard leading || trailing else { return nil }
        if trailing {
            // All axes included (p == ndim): one row of `count` elements.
            let rows = shape[0..<(ndim - p)].reduce(1, *)
            let columns = rows == 0 ? 0 : count / rows
            switch dtype {
            case .float32: return NDArray(floats: rowSums(floats, rows: rows, columns: columns), shape: outShape)
            case .float64: return NDArray(doubles: rowSums(doubles, rows: rows, columns: columns), shape: outShape)
            }
        }
        let rows = shape[0..<p].reduce(1, *)
        let columns = shape[p...].reduce(1, *)
        switch dtype {
        case .float32: return NDArray(floats: columnSums(floats, rows: rows, columns: columns), shape: outShape)
        case .float64: return NDArray(doubles: columnSums(doubles, rows: rows, columns: columns), shape: outShape)
        }
    }

    /// Adds the column sums of the matrix `rows` `(rows, n)` into this vector `(n)` in place: the bias
    /// gradient of a batch added into an existing gradient.
    package mutating func addColumnSums(of rows: NDArray) {
        require(rows.ndim == 2 && shape == [rows.shape[1]] && dtype == rows.dtype,
                "addColumnSums: (\(rows.shape) \(rows.dtype)) summed over rows into \(shape) \(dtype)")
        switch dtype {
        case .float32: NDArray.addColumnSums(rows.floats, rows.shape[0], &floats)
        case .float64: NDArray.addColumnSums(rows.doubles, rows.shape[0], &doubles)
        }
    }

    private static func addColumnSums<T: NDScalar>(_ x: [T], _ rowCount: Int, _ out: inout [T]) {
        x.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                KusariCore.addColumnSums(s, rows: rowCount, columns: dst.count, into: d)
            }
        }
    }

    /// This array repeated along new (or extent-1) leading axes up to `target`, when the rest of its shape
    /// is already `target`'s trailing shape; nil otherwise.
    func repeatedAlongLeadingAxes(to target: [Int]) -> NDArray? {
        let own = Array(shape.drop { $0 == 1 })
        guard own.count <= target.count, Array(target.suffix(own.count)) == own else { return nil }
        let copies = target.dropLast(own.count).product
        switch dtype {
        case .float32: return NDArray(floats: repeatedBuffer(floats, copies: copies), shape: target)
        case .float64: return NDArray(doubles: repeatedBuffer(doubles, copies: copies), shape: target)
        }
    }
}

/// out[j] = Σ_r x[r·columns + j], rows added in order (the generic kernel's order).
func columnSums<T: NDScalar>(_ x: [T], rows: Int, columns: Int) -> [T] {
    var out = [T](repeating: 0, count: columns)
    x.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
            guard let s = src.baseAddress, let d = dst.baseAddress else { return }
            addColumnSums(s, rows: rows, columns: columns, into: d)
        }
    }
    return out
}

/// out[j] += Σ_r x[r·columns + j]: column sums added into existing storage (rows in order).
@inline(__always)
package func addColumnSums<T: NDScalar>(_ x: UnsafePointer<T>, rows: Int, columns: Int, into out: UnsafeMutablePointer<T>) {
    for r in 0..<rows {
        let row = x + r * columns
        for j in 0..<columns { out[j] += row[j] }
    }
}

/// out[r] = Σ_j x[r·columns + j], each row summed left to right (the generic kernel's order).
func rowSums<T: NDScalar>(_ x: [T], rows: Int, columns: Int) -> [T] {
    [T](unsafeUninitializedCapacity: rows) { out, initialized in
        x.withUnsafeBufferPointer { src in
            for r in 0..<rows {
                var acc: T = 0
                for j in 0..<columns { acc += src[r * columns + j] }
                out[r] = acc
            }
        }
        initialized = rows
    }
}

/// `source` copied `copies` times back to back.
func repeatedBuffer<T: NDScalar>(_ source: [T], copies: Int) -> [T] {
    let n = source.count, total = n * copies
    return [T](unsafeUninitializedCapacity: total) { out, initialized in
        source.withUnsafeBufferPointer { src in
            guard let s = src.baseAddress, let d = out.baseAddress else { return }
            for c in 0..<copies { (d + c * n).initialize(from: s, count: n) }
        }
        initialized = total
    }
}

/// A buffer of `count` elements for a kernel that writes every one of them: no zero fill first (the
/// elements are plain floating-point values, so their initial bits are simply overwritten).
@inlinable @inline(__always)
package func kernelOutput<T: NDScalar>(_ count: Int) -> [T] {
    [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}
