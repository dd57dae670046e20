// The four arithmetic operations and negation, with NumPy broadcasting. The gradient of a broadcast
// operand is summed back to its own shape (sumTo), the adjoint of broadcasting.

/// y = a + b
public final class Add: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0] + x[1]] }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [sumTo(gy[0], inputs[0].shape), sumTo(gy[0], inputs[1].shape)]
    }
}

/// y = a − b
public final class Subtract: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0] - x[1]] }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [sumTo(gy[0], inputs[0].shape), sumTo(-gy[0], inputs[1].shape)]
    }
}

/// y = a · b (elementwise)
public final class Multiply: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0] * x[1]] }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let (a, b) = (inputs[0], inputs[1])
        return [sumTo(gy[0] * b, a.shape), sumTo(gy[0] * a, b.shape)]
    }
}

/// y = a / b (elementwise); ∂y/∂a = 1/b, ∂y/∂b = −a/b²
public final class Divide: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0] / x[1]] }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let (a, b) = (inputs[0], inputs[1])
        let ga = gy[0] / b
        return [sumTo(ga, a.shape), sumTo(-ga * a / b, b.shape)]
    }
}

/// y = −x
public final class Negate: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] { [-x[0]] }
    override public func backward(_ gy: [Variable]) -> [Variable?] { [-gy[0]] }
}

/// y = xᶜ for a constant exponent c; ∂y/∂x = c·xᶜ⁻¹
public final class Power: FunctionNode {
    /// The constant exponent c.
    public let exponent: Double
    /// A node computing y = xᶜ with c = `exponent`.
    public init(exponent: Double) { self.exponent = exponent }
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].pow(exponent)] }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [exponent * (inputs[0] ** (exponent - 1)) * gy[0]]
    }
}

/// A constant (no gradient) holding `value` with the dtype of `like`.
func constant(_ value: Double, like v: Variable) -> Variable {
    Variable(NDArray(scalar: value, dtype: v.dtype), requiresGrad: false)
}

infix operator ** : BitwiseShiftPrecedence

extension Variable {
    /// The element-wise sum a + b, broadcasting the shapes as NumPy does (∂/∂a = 1, ∂/∂b = 1; each gradient is summed
    /// back to its input's shape).
    public static func + (a: Variable, b: Variable) -> Variable { Add().apply([a, b])[0] }
    /// The element-wise difference a − b, broadcasting the shapes as NumPy does (∂/∂a = 1, ∂/∂b = −1; each gradient is
    /// summed back to its input's shape).
    public static func - (a: Variable, b: Variable) -> Variable { Subtract().apply([a, b])[0] }
    /// The element-wise product a ⊙ b, broadcasting the shapes as NumPy does (∂/∂a = b, ∂/∂b = a; each gradient is
    /// summed back to its input's shape).
    public static func * (a: Variable, b: Variable) -> Variable { Multiply().apply([a, b])[0] }
    /// The element-wise quotient a / b, broadcasting the shapes as NumPy does (∂/∂a = 1/b, ∂/∂b = −a/b²; each gradient
    /// is summed back to its input's shape).
    public static func / (a: Variable, b: Variable) -> Variable { Divide().apply([a, b])[0] }
    /// The element-wise negation y = −x (∂y/∂x = −1).
    public static prefix func - (x: Variable) -> Variable { Negate().apply([x])[0] }
    /// Every element raised to a constant power.
    public static func ** (x: Variable, exponent: Double) -> Variable { Power(exponent: exponent).apply([x])[0] }

    /// The element-wise sum a + b with a constant `b` (no gradient flows to it).
    public static func + (a: Variable, b: Double) -> Variable { a + constant(b, like: a) }
    /// The element-wise difference a − b with a constant `b` (no gradient flows to it).
    public static func - (a: Variable, b: Double) -> Variable { a - constant(b, like: a) }
    /// The element-wise product a ⊙ b with a constant `b` (no gradient flows to it).
    public static func * (a: Variable, b: Double) -> Variable { a * constant(b, like: a) }
    /// The element-wise quotient a / b with a constant `b` (no gradient flows to it).
    public static func / (a: Variable, b: Double) -> Variable { a / constant(b, like: a) }
    /// The element-wise sum a + b with a constant `a` (no gradient flows to it).
    public static func + (a: Double, b: Variable) -> Variable { constant(a, like: b) + b }
    /// The element-wise difference a − b with a constant `a` (no gradient flows to it).
    public static func - (a: Double, b: Variable) -> Variable { constant(a, like: b) - b }
    /// The element-wise product a ⊙ b with a constant `a` (no gradient flows to it).
    public static func * (a: Double, b: Variable) -> Variable { constant(a, like: b) * b }
    /// The element-wise quotient a / b with a constant `a` (no gradient flows to it).
    public static func / (a: Double, b: Variable) -> Variable { constant(a, like: b) / b }
}
