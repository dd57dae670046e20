// Reductions over axes: sum, mean, max (NumPy semantics, with keepDims).

extension NDArray {
    /// The sum over `axes` (all axes when nil); negative axes count from the end.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> NDArray {
        let reduced = normalizedAxes(axes, function: "sum")
        if let result = fastSum(reduced: reduced, outShape: reducedShape(reduced, keepDims: keepDims)) {
            return result
        }
        return reduceAxes(axes: axes, keepDims: keepDims, function: "sum", initial: 0, { $0 + $1 }, { $0 + $1 })
    }

    /// The sum over one axis.
    public func sum(axis: Int, keepDims: Bool = false) -> NDArray { sum(axes: [axis], keepDims: keepDims) }

    /// The mean over `axes` (all axes when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> NDArray {
        let reduced = normalizedAxes(axes, function: "mean")
        let n = reduced.map { shape[$0] }.product
        return sum(axes: reduced, keepDims: keepDims) / Double(Swift.max(n, 1))
    }

    /// The maximum over `axes` (all axes when nil).
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> NDArray {
        require(count > 0, "max: cannot reduce an empty array of shape \(shape)")
        return reduceAxes(axes: axes, keepDims: keepDims, function: "max", initial: -.infinity,
                      { Swift.max($0, $1) }, { Swift.max($0, $1) })
    }

    /// The maximum over one axis.
    public func max(axis: Int, keepDims: Bool = false) -> NDArray { max(axes: [axis], keepDims: keepDims) }

    /// `axes` made non-negative, sorted and checked against `ndim` (all axes when nil).
    package func normalizedAxes(_ axes: [Int]?, function: String) -> [Int] {
        guard let axes else { return Array(0..<ndim) }
        let result = axes.map { $0 < 0 ? $0 + ndim : $0 }
        for (given, axis) in zip(axes, result) {
            require(axis >= 0 && axis < ndim, "\(function): axis \(given) out of range for shape \(shape)")
        }
        require(Set(result).count == result.count, "\(function): repeated axis in \(axes)")
        return result.sorted()
    }

    /// The shape left after reducing the sorted axes `reduced` (kept as extent 1 with `keepDims`).
    func reducedShape(_ reduced: [Int], keepDims: Bool) -> [Int] {
        keepDims ? shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
                 : shape.enumerated().filter { !reduced.contains($0.offset) }.map(\.element)
    }

    private func reduceAxes(axes: [Int]?, keepDims: Bool, function: String, initial: Double,
                        _ f: (Float, Float) -> Float, _ g: (Double, Double) -> Double) -> NDArray {
        let reduced = normalizedAxes(axes, function: function)
        let keptShape = shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
        let outShape = reducedShape(reduced, keepDims: keepDims)
        switch dtype {
        case .float32:
            return NDArray(floats: reduceKernel(floats, shape, keptShape, Float(initial), f), shape: outShape)
        case .float64:
            return NDArray(doubles: reduceKernel(doubles, shape, keptShape, initial, g), shape: outShape)
        }
    }
}

/// Folds `source` (of `shape`) into an array of `keptShape` (reduced axes set to 1) with `op`.
@inline(__always)
func reduceKernel<T>(_ source: [T], _ shape: [Int], _ keptShape: [Int], _ initial: T,
                     _ op: (T, T) -> T) -> [T] {
    var out = [T](repeating: initial, count: keptShape.product)
    if keptShape.product == 1 {
        var acc = initial
        for v in source { acc = op(acc, v) }
        out[0] = acc
        return out
    }
    let outStrides = NDArray.broadcastStrides(keptShape, to: shape)
    let inStrides = NDArray.broadcastStrides(shape, to: shape)
    source.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
            forEachIndex(shape, inStrides, outStrides) { _, i, o in dst[o] = op(dst[o], src[i]) }
        }
    }
    return out
}
