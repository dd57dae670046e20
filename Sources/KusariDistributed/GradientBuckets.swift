import KusariCore

/// Gradients packed into a few large contiguous buffers ("buckets"), so that averaging them across
/// ranks takes a few big allreduce calls instead of one small call per parameter.
///
/// Each MPI call has a fixed latency (microseconds locally, tens of microseconds over a network), so an
/// LSTM with 5 parameter arrays costs 5 latencies unpacked and 1 packed. Buckets hold one dtype each
/// and at most `capacity` elements (a parameter larger than that gets a bucket of its own); the layout
/// is fixed by the list of arrays it was made for, in order:
///
/// ```swift
/// var buckets = GradientBuckets(layoutOf: grads)     // grads: [NDArray]
/// for (i, g) in grads.enumerated() { buckets.pack(g, at: i) }
/// try buckets.forEachBucket { try comm.allreduceMean($0) }   // one call per bucket
/// for i in grads.indices { buckets.unpack(at: i, into: &grads[i]) }
/// ```
public struct GradientBuckets {
    /// Where array `i` lives: its bucket and the offset of its first element there.
    public struct Slot: Equatable, Sendable {
        /// The array's element type: Float arrays go to Float buckets, Double arrays to Double buckets.
        public let dtype: DType
        /// The index of the bucket among the buckets of this dtype.
        public let bucket: Int
        /// The position of the array's first element in its bucket.
        public let offset: Int
        /// The number of elements of the array.
        public let count: Int
    }

    /// One slot per array, in the order of the arrays given to ``init(layoutOf:capacity:)``.
    public let slots: [Slot]
    /// The shape of each array (checked on pack and unpack).
    public let shapes: [[Int]]
    private var floatBuckets: [[Float]]
    private var doubleBuckets: [[Double]]

    /// The default bucket capacity: 4 Mi elements (16 MiB of Float), large enough that one allreduce
    /// call per bucket costs little latency, small enough not to double the memory of a big model.
    public static let defaultCapacity = 1 << 22

    /// A layout for arrays with the shapes and dtypes of `arrays` (their values are not used).
    public init(layoutOf arrays: [NDArray], capacity: Int = GradientBuckets.defaultCapacity) {
        require(capacity > 0, "GradientBuckets: capacity must be positive, got \(capacity)")
        var slots: [Slot] = []
        var floatSizes: [Int] = []
        var doubleSizes: [Int] = []
        for array in arrays {
            let n = array.count
            switch array.dtype {
            case .float32: slots.append(Self.place(n, .float32, in: &floatSizes, capacity: capacity))
            case .float64: slots.append(Self.place(n, .float64, in: &doubleSizes, capacity: capacity))
            }
        }
        self.slots = slots
        self.shapes = arrays.map(\.shape)
        self.floatBuckets = floatSizes.map { [Float](repeating: 0, count: $0) }
        self.doubleBuckets = doubleSizes.map { [Double](repeating: 0, count: $0) }
    }

    /// Appends `count` elements to the last bucket of `sizes`, or opens a new one when it would overflow.
    private static func place(_ count: Int, _ dtype: DType, in sizes: inout [Int], capacity: Int) -> Slot {
        if let last = sizes.last, last + count <= capacity {
            sizes[sizes.count - 1] += count
            return Slot(dtype: dtype, bucket: sizes.count - 1, offset: last, count: count)
        }
        sizes.append(count)
        return Slot(dtype: dtype, bucket: sizes.count - 1, offset: 0, count: count)
    }

    /// The number of buckets (allreduce calls per step).
    public var bucketCount: Int { floatBuckets.count + doubleBuckets.count }
    /// The total number of elements over all buckets.
    public var elementCount: Int { slots.reduce(0) { $0 + $1.count } }

    /// True when this layout was made for arrays with exactly these shapes and dtypes.
    public func fits(_ arrays: [NDArray]) -> Bool {
        arrays.count == slots.count
            && zip(arrays, zip(slots, shapes)).allSatisfy { $0.dtype == $1.0.dtype && $0.shape == $1.1 }
    }

    /// Copies `array` into its slot `index`.
    public mutating func pack(_ array: NDArray, at index: Int) {
        let slot = checkedSlot(index, array)
        switch slot.dtype {
        case .float32: Self.copy(array, into: &floatBuckets[slot.bucket], at: slot.offset, as: Float.self)
        case .float64: Self.copy(array, into: &doubleBuckets[slot.bucket], at: slot.offset, as: Double.self)
        }
    }

    /// Copies slot `index` back into `array` (same shape and dtype as when packed), in place.
    public func unpack(at index: Int, into array: inout NDArray) {
        let slot = checkedSlot(index, array)
        switch slot.dtype {
        case .float32: Self.copy(floatBuckets[slot.bucket], at: slot.offset, into: &array, as: Float.self)
        case .float64: Self.copy(doubleBuckets[slot.bucket], at: slot.offset, into: &array, as: Double.self)
        }
    }

    /// Calls `body` with each bucket's elements (Float buckets first), to reduce them in place.
    public mutating func forEachBucket(
        float: (UnsafeMutableBufferPointer<Float>) throws -> Void,
        double: (UnsafeMutableBufferPointer<Double>) throws -> Void
    ) rethrows {
        for b in floatBuckets.indices { try floatBuckets[b].withUnsafeMutableBufferPointer { try float($0) } }
        for b in doubleBuckets.indices { try doubleBuckets[b].withUnsafeMutableBufferPointer { try double($0) } }
    }

    /// The index of the first slot holding a NaN or ±Inf, if any.
    public func firstNonFiniteSlot() -> Int? {
        slots.indices.first { i in
            let s = slots[i]
            switch s.dtype {
            case .float32: return floatBuckets[s.bucket][s.offset..<(s.offset + s.count)].contains { !$0.isFinite }
            case .float64: return doubleBuckets[s.bucket][s.offset..<(s.offset + s.count)].contains { !$0.isFinite }
            }
        }
    }

    private func checkedSlot(_ index: Int, _ array: NDArray) -> Slot {
        require(slots.indices.contains(index), "GradientBuckets: no slot \(index) (layout has \(slots.count))")
        let slot = slots[index]
        require(array.dtype == slot.dtype && array.shape == shapes[index],
                "GradientBuckets: slot \(index) holds \(shapes[index]) \(slot.dtype), got \(array.shape) \(array.dtype)")
        return slot
    }

    private static func copy<T: NDScalar>(_ array: NDArray, into bucket: inout [T], at offset: Int, as: T.Type) {
        array.withUnsafeBufferPointer(as: T.self) { source in
            bucket.withUnsafeMutableBufferPointer { target in
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                (to + offset).update(from: from, count: source.count)
            }
        }
    }

    private static func copy<T: NDScalar>(_ bucket: [T], at offset: Int, into array: inout NDArray, as: T.Type) {
        array.withUnsafeMutableBufferPointer(as: T.self) { target in
            bucket.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                to.update(from: from + offset, count: target.count)
            }
        }
    }
}
