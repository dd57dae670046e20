// Elementary functions: exp, log, sin, cos. Each backward is written with Variables, so it is itself
// differentiable (higher-order gradients).
import KusariCore

/// y = eˣ; ∂y/∂x = y
public final class Exp: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        retainOutputs([0])
        return [x[0].exp()]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] { [gy[0] * output(0)] }
}

/// y = ln x; ∂y/∂x = 1/x
public final class Log: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].log()] }
    override public func backward(_ gy: [Variable]) -> [Variable?] { [gy[0] / inputs[0]] }
}

/// y = sin x; ∂y/∂x = cos x
public final class Sin: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].sin()] }
    override public func backward(_ gy: [Variable]) -> [Variable?] { [gy[0] * cos(inputs[0])] }
}

/// y = cos x; ∂y/∂x = −sin x
public final class Cos: FunctionNode {
    override public func forward(_ x: [NDArray]) -> [NDArray] { [x[0].cos()] }
    override public func backward(_ gy: [Variable]) -> [Variable?] { [-gy[0] * sin(inputs[0])] }
}

/// Elementwise eˣ.
public func exp(_ x: Variable) -> Variable { Exp().apply([x])[0] }
/// Elementwise natural logarithm.
public func log(_ x: Variable) -> Variable { Log().apply([x])[0] }
/// Elementwise sine.
public func sin(_ x: Variable) -> Variable { Sin().apply([x])[0] }
/// Elementwise cosine.
public func cos(_ x: Variable) -> Variable { Cos().apply([x])[0] }
