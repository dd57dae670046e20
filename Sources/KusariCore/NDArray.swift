/// An n-dimensional array of `Float` (default) or `Double`: a shape plus contiguous row-major storage.
///
/// `NDArray` is a value type with copy-on-write storage (Swift arrays underneath), so passing one around
/// never copies its elements until one copy is mutated. It is the data that ``Variable``s carry through
/// the computational graph; it knows nothing about gradients.
///
/// ```swift
/// let a = NDArray([1, 2, 3, 4, 5, 6], shape: [2, 3])     // float32
/// let b = NDArray.ones([3], dtype: .float32)
/// print(a + b)                                          // broadcasting, like NumPy
/// ```
///
/// Shapes follow NumPy: `[]` is a scalar (one element), `[n]` a vector, `[rows, columns]` a matrix.
public struct NDArray: Sendable {
    /// The extent of each axis, outermost first.
    public internal(set) var shape: [Int]
    /// The elements: exactly one buffer, whose case is the dtype (NDArray+Storage.swift).
    @usableFromInline package var storage: Storage

    @usableFromInline package init(floats: [Float], shape: [Int]) {
        require(floats.count == shape.product,
                     "NDArray: \(floats.count) elements do not fill shape \(shape)")
        require(shape.allSatisfy { $0 >= 0 }, "NDArray: negative extent in shape \(shape)")
        self.shape = shape
        self.storage = .float32(floats)
    }

    @usableFromInline package init(doubles: [Double], shape: [Int]) {
        require(doubles.count == shape.product,
                     "NDArray: \(doubles.count) elements do not fill shape \(shape)")
        require(shape.allSatisfy { $0 >= 0 }, "NDArray: negative extent in shape \(shape)")
        self.shape = shape
        self.storage = .float64(doubles)
    }

    /// A float32 array from row-major `values`; `shape` defaults to a vector.
    public init(_ values: [Float], shape: [Int]? = nil) {
        self.init(floats: values, shape: shape ?? [values.count])
    }

    /// A float64 array from row-major `values`; `shape` defaults to a vector.
    public init(_ values: [Double], shape: [Int]? = nil) {
        self.init(doubles: values, shape: shape ?? [values.count])
    }

    /// An array of the given dtype from `Double` values (converted to `Float` for `.float32`).
    public init(_ values: [Double], shape: [Int]? = nil, dtype: DType) {
        switch dtype {
        case .float32: self.init(floats: values.map { Float($0) }, shape: shape ?? [values.count])
        case .float64: self.init(doubles: values, shape: shape ?? [values.count])
        }
    }

    /// A zero-dimensional array holding one value.
    public init(scalar value: Double, dtype: DType = .float32) {
        self.init([value], shape: [], dtype: dtype)
    }

    /// The number of elements (the product of the shape).
    public var count: Int {
        switch storage {
        case .float32(let elements): elements.count
        case .float64(let elements): elements.count
        }
    }
    /// The number of axes.
    public var ndim: Int { shape.count }

    /// The single element of a one-element array, as `Double`.
    public var scalar: Double {
        require(count == 1, "NDArray.scalar: array of shape \(shape) has \(count) elements, not 1")
        return dtype == .float32 ? Double(floats[0]) : doubles[0]
    }

    /// All elements in row-major order, as `Double`.
    public var doubleValues: [Double] { dtype == .float32 ? floats.map { Double($0) } : doubles }
    /// All elements in row-major order, as `Float`.
    public var floatValues: [Float] { dtype == .float32 ? floats : doubles.map { Float($0) } }

    /// The element at a multi-dimensional index (negative indices count from the end), as `Double`.
    public func element(at index: [Int]) -> Double {
        require(index.count == ndim, "NDArray.element: index \(index) for shape \(shape)")
        var flat = 0
        for (axis, i) in index.enumerated() {
            let n = shape[axis]
            let j = i < 0 ? i + n : i
            require(j >= 0 && j < n, "NDArray.element: index \(index) out of range for shape \(shape)")
            flat = flat * n + j
        }
        return dtype == .float32 ? Double(floats[flat]) : doubles[flat]
    }

    /// Calls `body` with the elements as a contiguous buffer. `T` must match `dtype`.
    public func withUnsafeBufferPointer<T: NDScalar, R>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) rethrows -> R {
        try T.elements(of: self).withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the elements as a mutable contiguous buffer, in place when the storage is not
    /// shared (copy-on-write). `T` must match `dtype`.
    public mutating func withUnsafeMutableBufferPointer<T: NDScalar, R>(
        as type: T.Type, _ body: (inout UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        var elements = T.elements(of: self)
        storage = .float32([])  // drop our reference so `elements` is uniquely owned: no copy on write
        defer { self = T.makeArray(elements, shape: shape) }
        return try elements.withUnsafeMutableBufferPointer { try body(&$0) }
    }
}

extension NDArray: Equatable {
    /// Arrays are equal when dtype, shape and every element are equal.
    public static func == (lhs: NDArray, rhs: NDArray) -> Bool {
        lhs.shape == rhs.shape && lhs.storage == rhs.storage
    }
}

/// Shapes are `[Int]`: the element count of a shape.
extension Array where Element == Int {
    /// The product of the elements (1 for an empty shape): the element count of a shape. Package access:
    /// Kusari does not add members to users' arrays.
    @inlinable package var product: Int { reduce(1, *) }
}
