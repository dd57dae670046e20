import KusariCore

/// One example of a dataset: its components in a fixed order, e.g. `[x, t]` (input and target).
///
/// Each component is an ``/KusariCore/NDArray`` without the batch axis; ``concatExamples(_:)`` stacks the same
/// component of several examples into one `(batch, …)` array.
public typealias Example = [NDArray]

/// A finite, indexable collection of examples: what iterators draw minibatches from.
///
/// Kusari's counterpart of Chainer's dataset protocol (`__len__` and `__getitem__`). An example is an
/// ``Example`` (an array of components, usually `[x, t]`), so a batch of examples becomes one array per
/// component with ``concatExamples(_:)``.
///
/// To write your own dataset, implement ``count`` and ``subscript(_:)``. Implement ``batch(at:)`` too when
/// a batch can be gathered faster than example by example (``TupleDataset`` does).
///
/// ```swift
/// let data = TupleDataset(x, t)          // x: (180, 20), t: (180,)
/// let example = data[0]                  // [x[0], t[0]]: shapes (20), ()
/// let batch = data.batch(at: [3, 1, 4])  // [x rows 3, 1, 4, t rows 3, 1, 4]: shapes (3, 20), (3)
/// ```
public protocol Dataset {
    /// The number of examples.
    var count: Int { get }
    /// The example at `index` (`0..<count`).
    subscript(index: Int) -> Example { get }
    /// The examples at `indices` stacked component by component into `(indices.count, …)` arrays.
    func batch(at indices: [Int]) -> [NDArray]
}

extension Dataset {
    /// Default: fetches the examples one by one and stacks them with ``concatExamples(_:)``.
    public func batch(at indices: [Int]) -> [NDArray] {
        concatExamples(indices.map { self[$0] })
    }
}
