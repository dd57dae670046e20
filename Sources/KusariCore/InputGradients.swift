// The gradients a function's inputs hold when backward reaches it, and the one place they are summed.
//
// `Variable.backward` moves each input's gradient in here, hands it to the function's
// ``FunctionNode/backwardAccumulate(_:into:)``, and writes the sums back: only the engine writes `grad`.
//
// Two ways to add a contribution:
// - ``InputGradients/add(_:toInput:)``: the ordinary sum (what every function gets by default). With no
//   graph recorded, it adds into the existing gradient's storage when no one else holds that gradient;
//   while recording a graph (double backprop) it builds the differentiable sum `old + new`.
// - ``InputGradients/accumulateInPlace(toInput:add:make:)``: a fast path for a contribution that BLAS or a
//   loop can write straight into the gradient (C += A·B as one gemm with beta = 1), so a layer applied at
//   every time step (an LSTM's weights, 50 times per sequence in the scale benchmark) reuses one gradient
//   buffer instead of allocating a fresh product per step and adding it afterwards. The sum is the same up
//   to rounding (one gemm with beta = 1 rounds differently from a product followed by an add). It applies
//   only when no graph is recorded, to a leaf (parameter) that wants a gradient and whose gradient
//   variable no one else holds; otherwise it declines and the caller uses `add`. Copy-on-write of the
//   gradient's storage protects any other array that still shares it.

/// The gradients held by a function's inputs during backward, and the API for adding contributions to
/// them (see ``FunctionNode/backwardAccumulate(_:into:)``).
///
/// `nil` for an input means "no gradient": it holds none yet, or it does not want one (`requiresGrad`
/// false; contributions to such an input are ignored). An input that appears twice in `inputs` (as in
/// `x * x`) has one gradient, to which both positions add.
public struct InputGradients {
    /// One input's gradient and whether this function added to it (then the engine visits its creator).
    struct Slot {
        var gradient: Variable?
        var received = false
    }

    /// The function whose backward is running (named in error messages).
    let function: FunctionNode
    /// The function's inputs, in order.
    public var inputs: [Variable] { function.inputs }
    /// True while backward records a graph (`enableDoubleBackprop`): sums must then be differentiable.
    public let buildingGraph: Bool
    var slots: [Slot]

    /// Takes the current gradients out of `inputs` (only the engine calls this).
    init(takingFrom function: FunctionNode, buildingGraph: Bool) {
        self.function = function
        self.buildingGraph = buildingGraph
        slots = function.inputs.map { x in
            guard x.requiresGrad else { return Slot(gradient: nil) }
            let g = x.grad
            x.grad = nil
            return Slot(gradient: g)
        }
    }

    /// The gradient input `index` holds (nil: none).
    public subscript(index: Int) -> Variable? { slots[slot(of: index)].gradient }

    /// The slot of input `index`: its first position in `inputs` (repeated inputs share one gradient).
    private func slot(of index: Int) -> Int {
        let x = inputs[index]
        return inputs[..<index].firstIndex { $0 === x } ?? index
    }

    /// Adds the contribution `gx` (nil: none) to the gradient of input `index`: the ordinary sum.
    public mutating func add(_ gx: Variable?, toInput index: Int) {
        let x = inputs[index]
        guard let gx, x.requiresGrad else { return }
        require(gx.shape == x.shape,
                "\(function.label).backward: gradient shape \(gx.shape) for input of shape \(x.shape)")
        let s = slot(of: index)
        slots[s].received = true
        guard slots[s].gradient != nil else {
            // A fresh Variable (sharing gx's storage copy-on-write) so later in-place sums never alias
            // another variable's gradient.
            slots[s].gradient = buildingGraph ? gx : Variable(gx.data, requiresGrad: false)
            return
        }
        if buildingGraph {
            slots[s].gradient = slots[s].gradient! + gx
        } else if isKnownUniquelyReferenced(&slots[s].gradient) {
            slots[s].gradient!.data += gx.data
        } else {
            // The gradient variable is shared (a double-backprop pass hands one gradient to several inputs,
            // and its graph holds it): summing in place would change the others too, so make a new one.
            slots[s].gradient = Variable(slots[s].gradient!.data + gx.data, requiresGrad: false)
        }
    }

    /// Adds a contribution straight into the storage of input `index`'s gradient: `add` mutates the
    /// existing gradient array, `make` creates it when the input has none yet.
    ///
    /// Returns false, doing nothing, unless no graph is recorded, the input is a leaf that wants a
    /// gradient, and no one else holds its gradient variable; the caller then computes the contribution
    /// and passes it to ``add(_:toInput:)``.
    public mutating func accumulateInPlace(toInput index: Int, add: (inout NDArray) -> Void,
                                           make: () -> NDArray) -> Bool {
        let x = inputs[index]
        guard !buildingGraph, x.requiresGrad, x.creator == nil else { return false }
        let s = slot(of: index)
        guard slots[s].gradient != nil else {
            slots[s].gradient = Variable(make(), requiresGrad: false)
            slots[s].received = true
            return true
        }
        guard isKnownUniquelyReferenced(&slots[s].gradient), let gradient = slots[s].gradient,
              gradient.creator == nil else { return false }
        add(&gradient.data)
        slots[s].received = true
        return true
    }

    /// Gives the inputs their gradients back and returns the creators to visit next: those of inputs this
    /// function added to (only the engine calls this).
    func restore() -> [FunctionNode] {
        var next: [FunctionNode] = []
        for (index, x) in inputs.enumerated() where x.requiresGrad {
            let s = slot(of: index)
            guard s == index else { continue }
            x.grad = slots[s].gradient
            if slots[s].received, let c = x.creator { next.append(c) }
        }
        return next
    }
}
