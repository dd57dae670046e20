// Basic indexing as in NumPy: an integer picks one position and drops the axis, a range keeps it.
//     x[1]          the second row of a matrix (shape [columns])
//     x[0..<2, 1...]  rows 0–1, columns from 1 on

/// One axis of a basic index, resolved against the axis' extent.
public struct AxisSlice: Sendable, Hashable {
    /// The first position taken.
    public let start: Int
    /// How many consecutive positions are taken.
    public let count: Int
    /// False for an integer index, which removes the axis from the result.
    public let keepsAxis: Bool

    /// The positions `start ..< start + count`; `keepsAxis: false` (an integer index) drops the axis.
    public init(start: Int, count: Int, keepsAxis: Bool) {
        self.start = start
        self.count = count
        self.keepsAxis = keepsAxis
    }
}

/// Something that can index one axis of an ``NDArray`` or ``Variable``: `Int` (negative counts from the
/// end) and Swift's ranges (`a..<b`, `a...b`, `a...`, `..<b`, `...b`).
public protocol AxisIndex: Sendable {
    /// The positions this index selects on an axis of `extent`, or nil when out of range.
    func axisSlice(extent: Int) -> AxisSlice?
}

/// An integer index picks one position (negative counts from the end) and drops the axis.
extension Int: AxisIndex {
    public func axisSlice(extent: Int) -> AxisSlice? {
        let i = self < 0 ? self + extent : self
        return i >= 0 && i < extent ? AxisSlice(start: i, count: 1, keepsAxis: false) : nil
    }
}

/// `a..<b` takes positions a to b − 1 and keeps the axis.
extension Range: AxisIndex where Bound == Int {
    public func axisSlice(extent: Int) -> AxisSlice? {
        lowerBound >= 0 && upperBound <= extent ? AxisSlice(start: lowerBound, count: count, keepsAxis: true) : nil
    }
}

/// `a...b` takes positions a to b and keeps the axis.
extension ClosedRange: AxisIndex where Bound == Int {
    public func axisSlice(extent: Int) -> AxisSlice? { (lowerBound..<(upperBound + 1)).axisSlice(extent: extent) }
}

/// `a...` takes positions from a to the end and keeps the axis.
extension PartialRangeFrom: AxisIndex where Bound == Int {
    public func axisSlice(extent: Int) -> AxisSlice? {
        lowerBound <= extent ? (lowerBound..<extent).axisSlice(extent: extent) : nil
    }
}

/// `..<b` takes positions 0 to b − 1 and keeps the axis.
extension PartialRangeUpTo: AxisIndex where Bound == Int {
    public func axisSlice(extent: Int) -> AxisSlice? { (0..<upperBound).axisSlice(extent: extent) }
}

/// `...b` takes positions 0 to b and keeps the axis.
extension PartialRangeThrough: AxisIndex where Bound == Int {
    public func axisSlice(extent: Int) -> AxisSlice? { (0...upperBound).axisSlice(extent: extent) }
}

extension AxisSlice: AxisIndex {
    public func axisSlice(extent: Int) -> AxisSlice? { start >= 0 && start + count <= extent ? self : nil }
}

extension NDArray {
    /// Resolves `indices` (leading axes; the rest are taken whole) or stops naming the bad index.
    public func resolve(_ indices: [any AxisIndex]) -> [AxisSlice] {
        require(indices.count <= ndim, "getItem: \(indices.count) indices for shape \(shape)")
        return shape.enumerated().map { axis, extent in
            guard axis < indices.count else { return AxisSlice(start: 0, count: extent, keepsAxis: true) }
            guard let slice = indices[axis].axisSlice(extent: extent) else {
                fatalError("getItem: index \(indices[axis]) out of range for axis \(axis) of shape \(shape)")
            }
            return slice
        }
    }

    /// The elements selected by `indices`, copied into a new array.
    public subscript(_ indices: any AxisIndex...) -> NDArray { slice(resolve(indices)) }

    /// The elements selected by resolved slices (one per axis).
    public func slice(_ slices: [AxisSlice]) -> NDArray {
        let keptShape = slices.map(\.count)
        let outShape = slices.filter(\.keepsAxis).map(\.count)
        let strides = NDArray.broadcastStrides(shape, to: shape)
        let base = zip(slices, strides).map { $0.start * $1 }.reduce(0, +)
        switch dtype {
        case .float32:
            let picked = permute(floats, keptShape, strides, base: base)
            return NDArray(floats: picked, shape: outShape)
        case .float64:
            let picked = permute(doubles, keptShape, strides, base: base)
            return NDArray(doubles: picked, shape: outShape)
        }
    }

    /// An array of `shape` that is zero except where `slices` select, which holds `values`: the adjoint
    /// of ``slice(_:)``, used by getItem's backward.
    public static func scatter(_ values: NDArray, into shape: [Int], at slices: [AxisSlice]) -> NDArray {
        var result = NDArray.zeros(shape, dtype: values.dtype)
        let keptShape = slices.map(\.count)
        require(values.count == keptShape.product, "scatter: \(values.shape) does not fit \(keptShape)")
        let strides = NDArray.broadcastStrides(shape, to: shape)
        let base = zip(slices, strides).map { $0.start * $1 }.reduce(0, +)
        let contiguous = NDArray.broadcastStrides(keptShape, to: keptShape)
        switch values.dtype {
        case .float32:
            scatterKernel(&result.floats, values.floats, base, keptShape, strides, contiguous)
        case .float64:
            scatterKernel(&result.doubles, values.doubles, base, keptShape, strides, contiguous)
        }
        return result
    }
}

private func scatterKernel<T: NDScalar>(_ out: inout [T], _ values: [T], _ base: Int, _ shape: [Int],
                                        _ strides: [Int], _ contiguous: [Int]) {
    out.withUnsafeMutableBufferPointer { dst in
        values.withUnsafeBufferPointer { src in
            forEachIndex(shape, strides, contiguous) { _, o, i in dst[base + o] += src[i] }
        }
    }
}
