import KusariCore

/// A contiguous range of another dataset's examples, seen as a dataset of its own (no copy).
///
/// Kusari's counterpart of Chainer's `SubDataset` without reordering. ``splitDataset(_:firstCount:)``
/// builds two of them.
///
/// ```swift
/// let part = SubDataset(data, range: 10..<20)   // part[0] is data[10]
/// ```
public struct SubDataset<Base: Dataset>: Dataset {
    /// The dataset the examples come from.
    public let base: Base
    /// The positions in ``base`` this dataset covers.
    public let range: Range<Int>

    /// The examples `range` of `base`; `range` must lie within `0..<base.count`.
    public init(_ base: Base, range: Range<Int>) {
        require(range.lowerBound >= 0 && range.upperBound <= base.count,
                     "SubDataset: range \(range) out of bounds for a dataset of \(base.count) examples")
        self.base = base
        self.range = range
    }

    /// The number of examples in ``range``.
    public var count: Int { range.count }

    /// Example `range.lowerBound + index` of ``base``.
    public subscript(index: Int) -> Example {
        require(index >= 0 && index < count, "SubDataset: index \(index) out of range 0..<\(count)")
        return base[range.lowerBound + index]
    }

    /// The batch gathered by ``base`` at the shifted indices.
    public func batch(at indices: [Int]) -> [NDArray] {
        for i in indices {
            require(i >= 0 && i < count, "SubDataset: index \(i) out of range 0..<\(count)")
        }
        return base.batch(at: indices.map { range.lowerBound + $0 })
    }
}

extension SubDataset: Sendable where Base: Sendable {}

/// Splits a dataset in order into its first `firstCount` examples and the rest (no shuffling), like
/// Chainer's `split_dataset` and scikit-learn's `train_test_split(..., shuffle=False)`.
///
/// ```swift
/// let (train, validation) = splitDataset(data, firstCount: 144)   // 180 → 144 + 36
/// ```
public func splitDataset<D: Dataset>(_ dataset: D, firstCount: Int) -> (SubDataset<D>, SubDataset<D>) {
    require(firstCount >= 0 && firstCount <= dataset.count,
                 "splitDataset: firstCount \(firstCount) out of range 0...\(dataset.count)")
    return (SubDataset(dataset, range: 0..<firstCount), SubDataset(dataset, range: firstCount..<dataset.count))
}

/// Splits a dataset in order: the first `⌊trainFraction · count⌋` examples, then the rest, as
/// scikit-learn's `train_test_split(..., train_size=trainFraction, shuffle=False)`.
///
/// A product that lands within 1e-9 of a whole number counts as that number, so floating-point
/// rounding does not lose an example (`0.29 · 100` gives 29, not 28).
///
/// ```swift
/// let (train, validation) = splitDataset(data, trainFraction: 0.8)   // 180 → 144 + 36
/// ```
public func splitDataset<D: Dataset>(_ dataset: D, trainFraction: Double) -> (SubDataset<D>, SubDataset<D>) {
    require(trainFraction >= 0 && trainFraction <= 1,
                 "splitDataset: trainFraction \(trainFraction) must lie in [0, 1]")
    let exact = trainFraction * Double(dataset.count)
    let nearest = exact.rounded()
    let firstCount = abs(exact - nearest) < 1e-9 ? Int(nearest) : Int(exact.rounded(.down))
    return splitDataset(dataset, firstCount: firstCount)
}
