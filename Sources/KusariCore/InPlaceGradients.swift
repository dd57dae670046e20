// In-place gradient accumulation into leaves (parameters), for functions whose parameter gradient is a
// product or a sum that BLAS or a loop can add straight into existing storage.
//
// What it computes: the same gradient as returning the contribution from `backward` and letting
// `Variable.backward` add it into `x.grad` (up to floating-point rounding: C += A·B in one gemm with
// beta = 1 rounds differently from computing A·B and adding it).
//
// Why it is fast: a layer applied at every time step (an LSTM's weights, 50 times per sequence in the
// scale benchmark) otherwise receives one fresh gradient array per step, at H = 512 a 4 MB (2048 × 512)
// product: allocated (page faults on fresh memory), written by gemm, then read again and added into the
// gradient by `Backward.accumulate`. Accumulating in place writes each product once into the one
// gradient buffer, which stays in cache between steps.
//
// When it applies: only while `Variable.backward` runs a function without recording a graph (no
// double backprop: with `enableDoubleBackprop` the gradient must be a differentiable sum, so the normal
// path runs), and only for a leaf that wants a gradient (no creator: nothing further to queue) whose
// gradient variable is not shared (as `Backward.accumulate` checks before summing in place). Copy-on-write
// of the gradient's storage protects any other array that still shares it.

extension FunctionNode {
    /// Adds a gradient contribution into the leaf `x`'s gradient in place: `add` mutates the existing
    /// gradient, `make` creates it when `x` has none yet. Returns false, doing nothing, when the
    /// conditions above do not hold; the caller then returns the contribution from `backward` as usual.
    /// Returns true when it did, and the caller returns nil for `x`.
    package final func accumulateIntoLeaf(_ x: Variable, add: (inout NDArray) -> Void, make: () -> NDArray) -> Bool {
        guard backwardMayAccumulateInPlace, x.requiresGrad, x.creator == nil else { return false }
        if x.grad == nil {
            x.grad = Variable(make(), requiresGrad: false)
            return true
        }
        guard isKnownUniquelyReferenced(&x.grad), let grad = x.grad, grad.creator == nil else { return false }
        add(&grad.data)
        return true
    }
}
