import KusariCore

/// A dataset made of several arrays that share their first axis: example `i` is `[a[i], b[i], …]`.
///
/// Kusari's counterpart of Chainer's `TupleDataset`. The usual pair is inputs and targets:
///
/// ```swift
/// let (x, t) = windows(series, length: 20)        // x: (180, 20), t: (180)
/// let data = TupleDataset(x, t)                   // 180 examples
/// data[0]                                         // [x[0], t[0]]
/// data.batch(at: [0, 1, 2])                       // [(3, 20), (3)], gathered without per-example copies
/// ```
public struct TupleDataset: Dataset, Sendable {
    /// The component arrays; their first axes all have ``count`` entries.
    public let arrays: [NDArray]

    /// A dataset whose example `i` is `[arrays[0][i], arrays[1][i], …]`.
    public init(_ arrays: [NDArray]) {
        require(!arrays.isEmpty, "TupleDataset: needs at least one array")
        require(arrays.allSatisfy { $0.ndim >= 1 }, "TupleDataset: every array needs a first axis")
        let n = arrays[0].shape[0]
        require(arrays.allSatisfy { $0.shape[0] == n },
                     "TupleDataset: first axes differ: \(arrays.map(\.shape))")
        self.arrays = arrays
    }

    /// A dataset whose example `i` is `[first[i], rest[0][i], …]`, e.g. `TupleDataset(x, t)`.
    public init(_ first: NDArray, _ rest: NDArray...) {
        self.init([first] + rest)
    }

    /// The number of examples (the extent of the first axis).
    public var count: Int { arrays[0].shape[0] }

    /// `[arrays[0][index], arrays[1][index], …]`.
    public subscript(index: Int) -> Example {
        require(index >= 0 && index < count, "TupleDataset: index \(index) out of range 0..<\(count)")
        return arrays.map { $0[index] }
    }

    /// The rows at `indices` of every array, gathered directly from contiguous storage.
    public func batch(at indices: [Int]) -> [NDArray] {
        arrays.map { $0.takeRows(indices) }
    }
}
