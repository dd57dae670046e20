// Reverse-mode differentiation: walk the graph from the output back to the leaves.

extension Variable {
    /// Computes the gradient of this variable with respect to every variable it depends on.
    ///
    /// Functions are visited in decreasing generation order, so each one runs once, after every path
    /// through it has delivered its gradient (the order Chainer and DeZero use). The starting gradient is
    /// ones (for a scalar loss: dL/dL = 1) unless ``grad`` is already set. Each function adds its input
    /// gradients through ``FunctionNode/backwardAccumulate(_:into:)``; only this walk writes ``grad``.
    ///
    /// - Parameters:
    ///   - retainGrad: keep the gradients of intermediate variables (by default only leaves keep theirs,
    ///     which frees memory as the walk proceeds).
    ///   - enableDoubleBackprop: record the backward computation itself as a graph, so the gradients can
    ///     be differentiated again (higher-order derivatives, e.g. Newton's method).
    public func backward(retainGrad: Bool = false, enableDoubleBackprop: Bool = false) {
        if grad == nil { grad = Variable(NDArray.ones(like: data), requiresGrad: false) }
        guard let root = creator else { return }

        var queue = [root]
        var queued: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        // One scope for the whole walk (not one per function): the setting cannot change in between.
        Config.$enableBackprop.withValue(enableDoubleBackprop) {
            while let function = popHighestGeneration(&queue) {
                let outputs = function.outputs
                let gradOutputs: [Variable] = outputs.enumerated().map { i, y in
                    y?.grad ?? function.zeroGradient(forOutput: i)
                }
                var gradients = InputGradients(of: function, buildingGraph: enableDoubleBackprop)
                function.backwardAccumulate(gradOutputs, into: &gradients)
                gradients.forEachReceivingCreator { c in
                    if queued.insert(ObjectIdentifier(c)).inserted { queue.append(c) }
                }
                if !retainGrad {
                    for y in outputs { y?.grad = nil }
                }
            }
        }
    }
}

/// Removes and returns the queued function with the highest generation.
private func popHighestGeneration(_ queue: inout [FunctionNode]) -> FunctionNode? {
    guard let best = queue.indices.max(by: { queue[$0].generation < queue[$1].generation }) else { return nil }
    return queue.remove(at: best)
}
