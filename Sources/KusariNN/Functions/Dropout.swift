// Dropout (Srivastava et al. 2014, "inverted" form as in Chainer's F.dropout and Keras' Dropout).
import KusariCore

/// Multiplies its input by a fixed mask: y = x ⊙ m, ∂L/∂x = gy ⊙ m (the mask gets no gradient).
///
/// ``dropout(_:ratio:generator:)`` draws `m` with entries 0 (probability `ratio`) or 1 / (1 − ratio), so
/// E[y] = x and nothing needs rescaling at test time. Give the mask yourself with ``dropout(_:mask:)`` to
/// reuse one mask at every time step (Keras' `recurrent_dropout`) or to check gradients.
public final class Dropout: FunctionNode {
    /// The mask, shaped like the input (or broadcastable to it along leading axes of size 1).
    public let mask: NDArray

    /// A dropout with this mask.
    public init(mask: NDArray) { self.mask = mask }

    override public func forward(_ x: [NDArray]) -> [NDArray] {
        require(x[0].shape == mask.shape, "dropout: input \(x[0].shape) and mask \(mask.shape) differ")
        require(x[0].dtype == mask.dtype, "dropout: input dtype \(x[0].dtype) and mask dtype \(mask.dtype) differ")
        return [x[0] * mask]
    }

    override public func backward(_ gy: [Variable]) -> [Variable?] {
        [Dropout(mask: mask).apply([gy[0]])[0]]
    }
}

/// A dropout mask of `shape`: each entry is 0 with probability `ratio`, else 1 / (1 − ratio).
/// Same seed, same mask.
public func dropoutMask(_ shape: [Int], ratio: Double, dtype: DType = .float32,
                        generator: RandomGenerator = .shared) -> NDArray {
    require(ratio >= 0 && ratio < 1, "dropout: ratio \(ratio) must be in [0, 1)")
    let keep = 1 / (1 - ratio)
    let values = (0..<shape.product).map { _ in generator.nextUniform() < ratio ? 0 : keep }
    return NDArray(values, shape: shape, dtype: dtype)
}

/// Randomly zeroes a fraction `ratio` of the entries of `x` and scales the rest by 1 / (1 − ratio)
/// during training; returns `x` itself under `usingConfig(train: false)` or when `ratio` is 0.
///
/// ```swift
/// let h = dropout(linear(x, W), ratio: 0.25, generator: RandomGenerator(seed: 1))
/// let y = usingConfig(train: false) { dropout(x, ratio: 0.5) }   // y === x
/// ```
public func dropout(_ x: Variable, ratio: Double, generator: RandomGenerator = .shared) -> Variable {
    require(ratio >= 0 && ratio < 1, "dropout: ratio \(ratio) must be in [0, 1)")
    guard Config.train, ratio > 0 else { return x }
    return Dropout(mask: dropoutMask(x.shape, ratio: ratio, dtype: x.dtype, generator: generator)).apply([x])[0]
}

/// y = x ⊙ mask with a mask you supply (shaped like `x`), in training and at test time alike.
public func dropout(_ x: Variable, mask: NDArray) -> Variable { Dropout(mask: mask).apply([x])[0] }
