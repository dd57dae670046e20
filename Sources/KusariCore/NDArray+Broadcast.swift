// NumPy broadcasting: shapes are aligned at their last axis; an axis of extent 1 (or a missing leading
// axis) stretches to match the other operand. `sumTo` is its adjoint: it sums the stretched axes back.

extension NDArray {
    /// The shape two operands broadcast to, or a precondition failure naming `function` and both shapes.
    @usableFromInline static func broadcastShape(_ a: [Int], _ b: [Int], function: String) -> [Int] {
        let n = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            require(da == db || da == 1 || db == 1,
                         "\(function): shapes \(a) and \(b) cannot be broadcast together")
            result[i] = da == 1 ? db : da
        }
        return result
    }

    /// Row-major strides of `shape` aligned to `target`, with 0 on broadcast (stretched) axes.
    @usableFromInline static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        for i in Swift.stride(from: shape.count - 1, through: 0, by: -1) {
            let t = i + target.count - shape.count
            strides[t] = shape[i] == 1 ? 0 : step
            step *= shape[i]
        }
        return strides
    }

    /// This array stretched to `shape` (NumPy's `broadcast_to`, materialised).
    public func broadcast(to shape: [Int]) -> NDArray {
        if shape == self.shape { return self }
        require(NDArray.broadcastShape(self.shape, shape, function: "broadcastTo") == shape,
                     "broadcastTo: shape \(self.shape) cannot be broadcast to \(shape)")
        if let repeated = repeatedAlongLeadingAxes(to: shape) { return repeated }
        switch dtype {
        case .float32: return NDArray(floats: gather(floats, from: self.shape, to: shape), shape: shape)
        case .float64: return NDArray(doubles: gather(doubles, from: self.shape, to: shape), shape: shape)
        }
    }

    /// Sums over the axes that broadcasting stretched, giving an array of `shape` (Chainer's `sum_to`).
    public func sum(to shape: [Int]) -> NDArray {
        if shape == self.shape { return self }
        let lead = ndim - shape.count
        require(lead >= 0, "sumTo: cannot sum shape \(self.shape) to the longer shape \(shape)")
        var axes = Array(0..<lead)
        for (i, extent) in shape.enumerated() where extent == 1 && self.shape[i + lead] != 1 {
            axes.append(i + lead)
        }
        for (i, extent) in shape.enumerated() {
            require(extent == 1 || extent == self.shape[i + lead],
                         "sumTo: shape \(self.shape) cannot be summed to \(shape)")
        }
        return sum(axes: axes, keepDims: true).reshaped(shape)
    }
}

/// Copies `source` (of `shape`) into a new buffer of `target` shape, repeating along broadcast axes.
func gather<T>(_ source: [T], from shape: [Int], to target: [Int]) -> [T] {
    let strides = NDArray.broadcastStrides(shape, to: target)
    let total = target.product
    guard total > 0 else { return [] }
    return [T](unsafeUninitializedCapacity: total) { out, initialized in
        source.withUnsafeBufferPointer { src in
            guard let base = out.baseAddress else { return }
            forEachIndex(target, strides, strides) { flat, offset, _ in
                (base + flat).initialize(to: src[offset])
            }
        }
        initialized = total
    }
}

/// Walks every index of `shape` in row-major order, calling `body(flatIndex, offsetA, offsetB)` where
/// `offsetA`/`offsetB` are the positions under `stridesA`/`stridesB` (0 on broadcast axes). The innermost
/// axis runs in a tight loop; nothing is allocated per element.
@inline(__always)
@usableFromInline func forEachIndex(_ shape: [Int], _ stridesA: [Int], _ stridesB: [Int], _ body: (Int, Int, Int) -> Void) {
    let total = shape.product
    if total == 0 { return }
    if shape.isEmpty { return body(0, 0, 0) }
    let last = shape.count - 1
    let innerA = stridesA[last], innerB = stridesB[last], innerCount = shape[last]
    var counter = [Int](repeating: 0, count: shape.count)
    var offsetA = 0, offsetB = 0, flat = 0
    while flat < total {
        for i in 0..<innerCount { body(flat + i, offsetA + i * innerA, offsetB + i * innerB) }
        flat += innerCount
        // Advance the odometer over the outer axes.
        var axis = last - 1
        while axis >= 0 {
            counter[axis] += 1
            offsetA += stridesA[axis]
            offsetB += stridesB[axis]
            if counter[axis] < shape[axis] { break }
            offsetA -= stridesA[axis] * shape[axis]
            offsetB -= stridesB[axis] * shape[axis]
            counter[axis] = 0
            axis -= 1
        }
    }
}
