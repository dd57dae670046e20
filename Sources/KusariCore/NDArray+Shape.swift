// Reshape and transpose: the same elements seen with another shape or axis order.

extension NDArray {
    /// The same elements with another shape; one extent may be -1 (inferred). No copy.
    public func reshaped(_ newShape: [Int]) -> NDArray {
        var shape = newShape
        if let hole = shape.firstIndex(of: -1) {
            let known = shape.enumerated().filter { $0.offset != hole }.map(\.element).product
            require(known > 0 && count % known == 0,
                         "reshape: cannot reshape \(self.shape) (\(count) elements) to \(newShape)")
            shape[hole] = count / known
        }
        require(shape.product == count,
                     "reshape: cannot reshape \(self.shape) (\(count) elements) to \(newShape)")
        var result = self
        result.shape = shape
        return result
    }

    /// The axes permuted: axis `i` of the result is axis `axes[i]` of this array (reversed when nil,
    /// so a matrix is transposed).
    public func transposed(_ axes: [Int]? = nil) -> NDArray {
        let perm = axes ?? Array((0..<ndim).reversed())
        require(perm.sorted() == Array(0..<ndim),
                     "transpose: axes \(perm) are not a permutation for shape \(shape)")
        if perm == Array(0..<ndim) { return self }
        let outShape = perm.map { shape[$0] }
        let inStrides = NDArray.broadcastStrides(shape, to: shape)
        let permutedStrides = perm.map { inStrides[$0] }
        switch dtype {
        case .float32: return NDArray(floats: permute(floats, outShape, permutedStrides), shape: outShape)
        case .float64: return NDArray(doubles: permute(doubles, outShape, permutedStrides), shape: outShape)
        }
    }

    /// The matrix transpose of a 2-D array.
    public var T: NDArray {
        require(ndim == 2, "T: expected a matrix, got shape \(shape)")
        return transposed()
    }
}

/// Reads `source` from `base` through `strides` in the row-major order of `shape`.
func permute<T>(_ source: [T], _ shape: [Int], _ strides: [Int], base: Int = 0) -> [T] {
    let total = shape.product
    return [T](unsafeUninitializedCapacity: total) { out, initialized in
        source.withUnsafeBufferPointer { src in
            forEachIndex(shape, strides, strides) { flat, offset, _ in out[flat] = src[base + offset] }
        }
        initialized = total
    }
}
