// Joining arrays along an axis and cutting one apart again.

extension NDArray {
    /// The arrays joined along `axis`; all other extents must agree.
    public static func concatenate(_ arrays: [NDArray], axis: Int = 0) -> NDArray {
        require(!arrays.isEmpty, "concat: no arrays to concatenate")
        let first = arrays[0]
        let ax = axis < 0 ? axis + first.ndim : axis
        require(ax >= 0 && ax < first.ndim, "concat: axis \(axis) out of range for shape \(first.shape)")
        for a in arrays {
            var s1 = a.shape, s0 = first.shape
            require(a.ndim == first.ndim && a.dtype == first.dtype,
                         "concat: shapes \(arrays.map(\.shape)) / dtypes do not match")
            s1[ax] = 0
            s0[ax] = 0
            require(s1 == s0, "concat: shapes \(arrays.map(\.shape)) differ outside axis \(ax)")
        }
        var outShape = first.shape
        outShape[ax] = arrays.map { $0.shape[ax] }.reduce(0, +)
        let outer = first.shape[..<ax].reduce(1, *)
        switch first.dtype {
        case .float32:
            return NDArray(floats: concatKernel(arrays.map(\.floats), arrays.map { $0.count / Swift.max(outer, 1) }, outer),
                           shape: outShape)
        case .float64:
            return NDArray(doubles: concatKernel(arrays.map(\.doubles), arrays.map { $0.count / Swift.max(outer, 1) }, outer),
                           shape: outShape)
        }
    }

    /// Cuts this array along `axis` into pieces of the given extents (which must add up to the axis).
    public func split(sizes: [Int], axis: Int = 0) -> [NDArray] {
        let ax = axis < 0 ? axis + ndim : axis
        require(ax >= 0 && ax < ndim, "split: axis \(axis) out of range for shape \(shape)")
        require(sizes.reduce(0, +) == shape[ax] && sizes.allSatisfy { $0 >= 0 },
                     "split: sizes \(sizes) do not add up to extent \(shape[ax]) of axis \(ax) in \(shape)")
        var start = 0
        return sizes.map { size in
            var slices = shape.map { AxisSlice(start: 0, count: $0, keepsAxis: true) }
            slices[ax] = AxisSlice(start: start, count: size, keepsAxis: true)
            start += size
            return slice(slices)
        }
    }

    /// Cuts this array into `sections` equal pieces along `axis`.
    public func split(sections: Int, axis: Int = 0) -> [NDArray] {
        let ax = axis < 0 ? axis + ndim : axis
        require(sections > 0 && shape[ax] % sections == 0,
                     "split: axis \(ax) of shape \(shape) cannot be cut into \(sections) equal sections")
        return split(sizes: Array(repeating: shape[ax] / sections, count: sections), axis: ax)
    }
}

/// Interleaves `outer` blocks: block k of the result is block k of each part in turn.
private func concatKernel<T>(_ parts: [[T]], _ blockSizes: [Int], _ outer: Int) -> [T] {
    var out = [T]()
    out.reserveCapacity(parts.map(\.count).reduce(0, +))
    for k in 0..<outer {
        for (part, size) in zip(parts, blockSizes) {
            out.append(contentsOf: part[(k * size)..<((k + 1) * size)])
        }
    }
    return out
}
