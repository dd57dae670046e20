// Gathering along the first axis, which is how datasets, windows and iterators build their batches.
// Internal helpers: they copy rows of contiguous storage with no per-element work.
import KusariCore

extension NDArray {
    /// The number of elements in one entry of the first axis (1 for a vector).
    var rowSize: Int { Array(shape.dropFirst()).product }

    /// The entries of the first axis at `indices`, in that order: shape `[indices.count] + shape[1...]`.
    func takeRows(_ indices: [Int]) -> NDArray {
        takeWindows(starts: indices, length: 1).reshaped([indices.count] + Array(shape.dropFirst()))
    }

    /// For each start `s`, the `length` consecutive first-axis entries `s..<s+length`:
    /// shape `[starts.count, length] + shape[1...]`.
    func takeWindows(starts: [Int], length: Int) -> NDArray {
        require(ndim >= 1, "takeWindows: a scalar has no rows")
        let rows = shape[0]
        for s in starts {
            require(s >= 0 && s + length <= rows,
                         "takeWindows: rows \(s)..<\(s + length) out of range for shape \(shape)")
        }
        let outShape = [starts.count, length] + Array(shape.dropFirst())
        let chunk = length * rowSize
        switch dtype {
        case .float32: return NDArray(floats: gatherChunks(floats, starts.map { $0 * rowSize }, chunk), shape: outShape)
        case .float64: return NDArray(doubles: gatherChunks(doubles, starts.map { $0 * rowSize }, chunk), shape: outShape)
        }
    }

    /// Arrays of one shape and dtype stacked along a new leading axis: shape `[arrays.count] + shape`.
    static func stackedAlongNewAxis(_ arrays: [NDArray]) -> NDArray {
        require(!arrays.isEmpty, "stack: no arrays to stack")
        let first = arrays[0]
        for a in arrays where a.shape != first.shape || a.dtype != first.dtype {
            fatalError("stack: arrays differ in shape or dtype: \(first.shape) \(first.dtype) vs \(a.shape) \(a.dtype)")
        }
        let outShape = [arrays.count] + first.shape
        switch first.dtype {
        case .float32: return NDArray(floats: arrays.flatMap(\.floats), shape: outShape)
        case .float64: return NDArray(doubles: arrays.flatMap(\.doubles), shape: outShape)
        }
    }
}

/// `source[o..<o+chunk]` for each offset `o`, concatenated.
private func gatherChunks<T>(_ source: [T], _ offsets: [Int], _ chunk: Int) -> [T] {
    var out = [T]()
    out.reserveCapacity(offsets.count * chunk)
    for o in offsets { out.append(contentsOf: source[o..<(o + chunk)]) }
    return out
}
