import KusariCore

/// Rescales all gradients together when their global L2 norm exceeds a threshold (Chainer's
/// `GradientClipping`): with ‖g‖ = √(Σ over every parameter of Σ gᵢ²),
///
///     rate = threshold / ‖g‖;   if rate < 1: g ← rate · g   (for every gradient)
///
/// so the direction of the step is kept and its length capped. Below the threshold nothing changes
/// (and no epsilon is added, unlike PyTorch's `clip_grad_norm_`, which divides by ‖g‖ + 1e-6).
///
/// ```swift
/// optimizer.add(hook: GradientClipping(threshold: 5))
/// ```
public struct GradientClipping: OptimizerHook {
    /// The largest global gradient norm left unscaled.
    public var threshold: Double

    /// Clipping to a global L2 norm of `threshold`.
    public init(threshold: Double) {
        require(threshold > 0, "GradientClipping: threshold must be positive, got \(threshold)")
        self.threshold = threshold
    }

    public func callAsFunction(_ optimizer: Optimizer) {
        let parameters = optimizer.parametersWithGradients().map(\.parameter)
        let norm = parameters.reduce(0.0) { $0 + $1.grad!.data.squaredNorm }.squareRoot()
        let rate = threshold / norm
        guard rate < 1 else { return }
        for p in parameters {
            switch p.dtype {
            case .float32: scale(p.grad!, by: Float(rate))
            case .float64: scale(p.grad!, by: rate)
            }
        }
    }

    private func scale<T: NDScalar>(_ grad: Variable, by rate: T) {
        grad.data.withUnsafeMutableBufferPointer(as: T.self) { g in
            for i in 0..<g.count { g[i] *= rate }
        }
    }
}
