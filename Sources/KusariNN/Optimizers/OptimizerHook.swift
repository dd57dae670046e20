import KusariCore

/// A function an ``Optimizer`` runs at the start of every ``Optimizer/update()``, before any parameter
/// changes: the place to rewrite gradients (clipping, weight decay, noise). Chainer's optimizer hooks.
///
/// ```swift
/// struct PrintGradientNorm: OptimizerHook {
///     func callAsFunction(_ optimizer: Optimizer) {
///         for (path, p) in optimizer.parametersWithGradients() { print(path, p.grad!.data.squaredNorm) }
///     }
/// }
/// optimizer.add(hook: PrintGradientNorm())
/// ```
/// Hooks change gradients in place (`parameter.grad!.data`), as Chainer's do.
public protocol OptimizerHook {
    /// Runs the hook on `optimizer`'s parameters (``Optimizer/parametersWithGradients()``).
    func callAsFunction(_ optimizer: Optimizer) throws
}
