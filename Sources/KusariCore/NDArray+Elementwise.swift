// Elementwise arithmetic and math on NDArrays, with NumPy broadcasting for binary operations.
// Each operation is one generic kernel over contiguous buffers, dispatched once on the dtype.

import RealModule
extension NDArray {
    /// Applies `f` (float32) or `g` (float64) to every element.
    @inlinable
    public func map(_ f: (Float) -> Float, _ g: (Double) -> Double) -> NDArray {
        switch dtype {
        case .float32: NDArray(floats: unaryKernel(floats, f), shape: shape)
        case .float64: NDArray(doubles: unaryKernel(doubles, g), shape: shape)
        }
    }

    /// Combines `a` and `b` elementwise with broadcasting; `function` names the operation in errors.
    @inlinable
    public static func combine(_ a: NDArray, _ b: NDArray, function: String,
                           _ f: (Float, Float) -> Float, _ g: (Double, Double) -> Double) -> NDArray {
        require(a.dtype == b.dtype, "\(function): dtypes \(a.dtype) and \(b.dtype) differ")
        let shape = a.shape == b.shape ? a.shape : broadcastShape(a.shape, b.shape, function: function)
        switch a.dtype {
        case .float32: return NDArray(floats: binaryKernel(a.floats, a.shape, b.floats, b.shape, shape, f), shape: shape)
        case .float64: return NDArray(doubles: binaryKernel(a.doubles, a.shape, b.doubles, b.shape, shape, g), shape: shape)
        }
    }

    /// A scalar of this array's dtype, for mixing Swift numbers into array expressions.
    func scalarLike(_ value: Double) -> NDArray { NDArray(scalar: value, dtype: dtype) }

    /// The element-wise sum a + b; shapes broadcast as in NumPy and dtypes must match (else stops naming both shapes).
    public static func + (a: NDArray, b: NDArray) -> NDArray { combine(a, b, function: "add", +, +) }
    /// The element-wise difference a − b; shapes broadcast as in NumPy and dtypes must match (else stops naming both
    /// shapes).
    public static func - (a: NDArray, b: NDArray) -> NDArray { combine(a, b, function: "subtract", -, -) }
    /// The element-wise product a ⊙ b; shapes broadcast as in NumPy and dtypes must match (else stops naming both
    /// shapes).
    public static func * (a: NDArray, b: NDArray) -> NDArray { combine(a, b, function: "multiply", *, *) }
    /// The element-wise quotient a / b; shapes broadcast as in NumPy and dtypes must match (else stops naming both
    /// shapes).
    public static func / (a: NDArray, b: NDArray) -> NDArray { combine(a, b, function: "divide", /, /) }
    /// The element-wise negation −a.
    public static prefix func - (a: NDArray) -> NDArray { a.map({ -$0 }, { -$0 }) }

    /// The element-wise sum a + b with a Swift number `b`, converted to the array's dtype.
    public static func + (a: NDArray, b: Double) -> NDArray { a + a.scalarLike(b) }
    /// The element-wise difference a − b with a Swift number `b`, converted to the array's dtype.
    public static func - (a: NDArray, b: Double) -> NDArray { a - a.scalarLike(b) }
    /// The element-wise product a ⊙ b with a Swift number `b`, converted to the array's dtype.
    public static func * (a: NDArray, b: Double) -> NDArray { a * a.scalarLike(b) }
    /// The element-wise quotient a / b with a Swift number `b`, converted to the array's dtype.
    public static func / (a: NDArray, b: Double) -> NDArray { a / a.scalarLike(b) }
    /// The element-wise sum a + b with a Swift number `a`, converted to the array's dtype.
    public static func + (a: Double, b: NDArray) -> NDArray { b.scalarLike(a) + b }
    /// The element-wise difference a − b with a Swift number `a`, converted to the array's dtype.
    public static func - (a: Double, b: NDArray) -> NDArray { b.scalarLike(a) - b }
    /// The element-wise product a ⊙ b with a Swift number `a`, converted to the array's dtype.
    public static func * (a: Double, b: NDArray) -> NDArray { b.scalarLike(a) * b }
    /// The element-wise quotient a / b with a Swift number `a`, converted to the array's dtype.
    public static func / (a: Double, b: NDArray) -> NDArray { b.scalarLike(a) / b }

    /// Adds `other` (same shape and dtype) into this array in place: the gradient-accumulation kernel.
    public static func += (a: inout NDArray, b: NDArray) {
        require(a.shape == b.shape && a.dtype == b.dtype,
                     "add (in place): shapes \(a.shape) \(a.dtype) and \(b.shape) \(b.dtype) differ")
        switch a.dtype {
        case .float32: addInPlace(&a.floats, b.floats)
        case .float64: addInPlace(&a.doubles, b.doubles)
        }
    }

    /// The element-wise eˣ, same shape and dtype.
    public func exp() -> NDArray { map({ .exp($0) }, { .exp($0) }) }
    /// The element-wise ln x (NaN for x < 0, −∞ at 0), same shape and dtype.
    public func log() -> NDArray { map({ .log($0) }, { .log($0) }) }
    /// The element-wise sin x, same shape and dtype.
    public func sin() -> NDArray { map({ .sin($0) }, { .sin($0) }) }
    /// The element-wise cos x, same shape and dtype.
    public func cos() -> NDArray { map({ .cos($0) }, { .cos($0) }) }
    /// The element-wise tanh x, same shape and dtype.
    public func tanh() -> NDArray { map({ .tanh($0) }, { .tanh($0) }) }
    /// The element-wise √x (NaN for x < 0), same shape and dtype.
    public func sqrt() -> NDArray { map({ $0.squareRoot() }, { $0.squareRoot() }) }
    /// The element-wise |x|, same shape and dtype.
    public func abs() -> NDArray { map({ Swift.abs($0) }, { Swift.abs($0) }) }
    /// The logistic sigmoid 1 / (1 + e^(−x)), written to stay finite for large |x|.
    public func sigmoid() -> NDArray { map(stableSigmoid, stableSigmoid) }
    /// max(x, 0).
    public func relu() -> NDArray { map({ Swift.max($0, 0) }, { Swift.max($0, 0) }) }
    /// Every element raised to `exponent`. Integer exponents work for negative elements too ((-2)³ = -8,
    /// as in NumPy); a non-integer power of a negative element is NaN.
    public func pow(_ exponent: Double) -> NDArray {
        if exponent == 2 { return map({ $0 * $0 }, { $0 * $0 }) }
        // RealModule's pow(x, y) is exp(y log x): NaN for every x < 0, even for integral y. Its
        // pow(x, n: Int) is defined by repeated multiplication, so use it whenever the exponent is integral.
        if let n = Int(exactly: exponent) { return map({ .pow($0, n) }, { .pow($0, n) }) }
        let e = Float(exponent)
        return map({ .pow($0, e) }, { .pow($0, exponent) })
    }
    /// 1 where `a > b`, else 0 (broadcasting).
    public static func greater(_ a: NDArray, _ b: NDArray) -> NDArray {
        combine(a, b, function: "greater", { $0 > $1 ? 1 : 0 }, { $0 > $1 ? 1 : 0 })
    }
    /// 1 where `a == b`, else 0 (broadcasting).
    public static func equal(_ a: NDArray, _ b: NDArray) -> NDArray {
        combine(a, b, function: "equal", { $0 == $1 ? 1 : 0 }, { $0 == $1 ? 1 : 0 })
    }
}

@inlinable @inline(__always)
package func stableSigmoid<T: NDScalar>(_ x: T) -> T {
    // 1/(1+e^(−x)) for x ≥ 0; e^x/(1+e^x) for x < 0, so e^(…) never overflows.
    if x >= 0 { return 1 / (1 + .exp(-x)) }
    let e = T.exp(x)
    return e / (1 + e)
}

@inlinable @inline(__always)
func unaryKernel<T>(_ a: [T], _ f: (T) -> T) -> [T] {
    [T](unsafeUninitializedCapacity: a.count) { out, initialized in
        a.withUnsafeBufferPointer { src in
            for i in 0..<src.count { out[i] = f(src[i]) }
        }
        initialized = a.count
    }
}

@inlinable @inline(__always)
func binaryKernel<T>(_ a: [T], _ aShape: [Int], _ b: [T], _ bShape: [Int], _ shape: [Int],
                     _ op: (T, T) -> T) -> [T] {
    let total = shape.product
    return [T](unsafeUninitializedCapacity: total) { out, initialized in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                if aShape == bShape {
                    for i in 0..<total { out[i] = op(pa[i], pb[i]) }
                } else if pb.count == 1 {
                    let s = pb[0]
                    for i in 0..<total { out[i] = op(pa[i], s) }
                } else if pa.count == 1 && bShape == shape {
                    let s = pa[0]
                    for i in 0..<total { out[i] = op(s, pb[i]) }
                } else {
                    let sa = NDArray.broadcastStrides(aShape, to: shape)
                    let sb = NDArray.broadcastStrides(bShape, to: shape)
                    forEachIndex(shape, sa, sb) { flat, oa, ob in out[flat] = op(pa[oa], pb[ob]) }
                }
            }
        }
        initialized = total
    }
}

@inline(__always)
func addInPlace<T: NDScalar>(_ a: inout [T], _ b: [T]) {
    a.withUnsafeMutableBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            for i in 0..<pa.count { pa[i] += pb[i] }
        }
    }
}
