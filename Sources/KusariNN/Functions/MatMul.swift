// Matrix product. Transposes are BLAS flags, never copies.
import KusariCore

/// y = op(a)·op(b), with op(m) = mᵀ when the corresponding flag is set.
///
/// Gradients (for the untransposed case): ∂L/∂a = ∂L/∂y · bᵀ, ∂L/∂b = aᵀ · ∂L/∂y; the transposed cases
/// follow by transposing those identities, and are again matrix products with flags.
public final class MatMul: FunctionNode {
    /// Whether `a` is transposed before the product.
    public let transA: Bool
    /// Whether `b` is transposed before the product.
    public let transB: Bool
    /// A node computing op(a)·op(b): `(m, k)·(k, n) → (m, n)` after the transpositions.
    public init(transA: Bool = false, transB: Bool = false) {
        self.transA = transA
        self.transB = transB
    }
    override public func forward(_ x: [NDArray]) -> [NDArray] {
        [NDArray.matmul(x[0], x[1], transA: transA, transB: transB)]
    }
    override public func backward(_ gy: [Variable]) -> [Variable?] {
        let (a, b, g) = (inputs[0], inputs[1], gy[0])
        switch (transA, transB) {
        case (false, false): return [matmul(g, b, transB: true), matmul(a, g, transA: true)]
        case (true, false): return [matmul(b, g, transB: true), matmul(a, g)]
        case (false, true): return [matmul(g, b), matmul(g, a, transA: true)]
        case (true, true): return [matmul(b, g, transA: true, transB: true), matmul(g, a, transA: true, transB: true)]
        }
    }
}

/// The matrix product op(a)·op(b) of two 2-D variables.
public func matmul(_ a: Variable, _ b: Variable, transA: Bool = false, transB: Bool = false) -> Variable {
    MatMul(transA: transA, transB: transB).apply([a, b])[0]
}

/// The matrix product as a method.
extension Variable {
    /// The matrix product `self · other`.
    public func matmul(_ other: Variable) -> Variable { KusariNN.matmul(self, other) }
}
