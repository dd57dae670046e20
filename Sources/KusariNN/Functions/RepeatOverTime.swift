// Repeating one vector at every time step: how a sequence decoder is fed its code (Keras's
// RepeatVector).
import KusariCore

/// `(batch, features)` → `(batch, steps, features)`, the same row at every step. A broadcast, so its
/// gradient sums over the steps (``/KusariCore/sumTo(_:_:)``).
public func repeatOverTime(_ x: Variable, steps: Int) -> Variable {
    require(x.ndim == 2 && steps > 0,
            "repeatOverTime: need x (batch, features) and steps > 0, got \(x.shape) and \(steps)")
    return broadcastTo(reshape(x, [x.shape[0], 1, x.shape[1]]), [x.shape[0], steps, x.shape[1]])
}

/// `(batch, features)` steps joined into `(batch, steps, features)`, the inverse of ``separate(_:axis:)``
/// on axis 1 (Chainer's `stack`).
public func stackOverTime(_ steps: [Variable]) -> Variable {
    require(!steps.isEmpty, "stackOverTime: no steps to stack")
    return concat(steps.map { reshape($0, [$0.shape[0], 1] + $0.shape.dropFirst()) }, axis: 1)
}
