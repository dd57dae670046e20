// Reverse-mode differentiation: walk the graph from the output back to the leaves.

extension Variable {
    /// Computes the gradient of this variable with respect to every variable it depends on.
    ///
    /// Functions are visited in decreasing generation order, so each one runs once, after every path
    /// through it has delivered its gradient (the order Chainer and DeZero use). The starting gradient is
    /// ones (for a scalar loss: dL/dL = 1) unless ``grad`` is already set.
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
                function.backwardMayAccumulateInPlace = !enableDoubleBackprop
                let gradInputs = function.backward(gradOutputs)
                function.backwardMayAccumulateInPlace = false
                require(gradInputs.count == function.inputs.count,
                             "\(function.label).backward returned \(gradInputs.count) gradients for \(function.inputs.count) inputs")
                for (x, gx) in zip(function.inputs, gradInputs) {
                    guard let gx, x.requiresGrad else { continue }
                    require(gx.shape == x.shape,
                                 "\(function.label).backward: gradient shape \(gx.shape) for input of shape \(x.shape)")
                    x.accumulate(gx, buildingGraph: enableDoubleBackprop)
                    if let c = x.creator, queued.insert(ObjectIdentifier(c)).inserted { queue.append(c) }
                }
                if !retainGrad {
                    for y in outputs { y?.grad = nil }
                }
            }
        }
    }

    /// Adds `gx` into ``grad``: in place when no graph is recorded, as a differentiable sum otherwise.
    private func accumulate(_ gx: Variable, buildingGraph: Bool) {
        guard grad != nil else {
            // A fresh Variable (sharing gx's storage copy-on-write) so later in-place sums never alias
            // another variable's gradient.
            grad = buildingGraph ? gx : Variable(gx.data, requiresGrad: false)
            return
        }
        if buildingGraph {
            grad = grad! + gx
        } else if isKnownUniquelyReferenced(&grad) {
            grad!.data += gx.data
        } else {
            // The gradient variable is shared (a double-backprop pass hands one gradient to several inputs,
            // and its graph holds it): summing in place would change the others too, so make a new one.
            grad = Variable(grad!.data + gx.data, requiresGrad: false)
        }
    }
}

/// Removes and returns the queued function with the highest generation.
private func popHighestGeneration(_ queue: inout [FunctionNode]) -> FunctionNode? {
    guard let best = queue.indices.max(by: { queue[$0].generation < queue[$1].generation }) else { return nil }
    return queue.remove(at: best)
}
