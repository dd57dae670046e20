import KusariCore

/// L2 regularisation through the gradient (Chainer's `WeightDecay`): before the update rule runs,
///
///     g ← g + rate · W
///
/// for every parameter with a gradient, which is the gradient of the extra loss (rate / 2)·‖W‖².
/// With plain SGD this is the classic weight decay W ← (1 − lr·rate)·W − lr·g; with adaptive rules
/// (Adam) the decay is rescaled like the gradient, which is what AdamW's decoupled decay avoids.
///
/// ```swift
/// optimizer.add(hook: WeightDecay(rate: 1e-4))
/// ```
public struct WeightDecay: OptimizerHook {
    /// The coefficient of W added to the gradient.
    public var rate: Double

    /// Weight decay with coefficient `rate`.
    public init(rate: Double) {
        self.rate = rate
    }

    public func callAsFunction(_ optimizer: Optimizer) {
        for (_, p) in optimizer.parametersWithGradients() {
            switch p.dtype {
            case .float32: decay(p, rate: Float(rate))
            case .float64: decay(p, rate: rate)
            }
        }
    }

    private func decay<T: NDScalar>(_ p: Parameter, rate: T) {
        p.data.withUnsafeBufferPointer(as: T.self) { w in
            p.grad!.data.withUnsafeMutableBufferPointer(as: T.self) { g in
                for i in 0..<g.count { g[i] += rate * w[i] }
            }
        }
    }
}
