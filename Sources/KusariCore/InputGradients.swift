// The gradients a function's inputs hold when backward reaches it, and the one place they are summed.
//
// `Variable.backward` hands a function's ``FunctionNode/backwardAccumulate(_:into:)`` an `InputGradients`
// over its inputs; the function adds its contributions through it and never assigns `grad` itself, so
// every write to `grad` goes through the two methods below.
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
/// `x * x`) is one variable with one gradient, to which both positions add.
public struct InputGradients {
    /// The function's inputs, in order.
    public let inputs: [Variable]
    /// True while backward records a graph (`enableDoubleBackprop`): sums must then be differentiable.
    public let buildingGraph: Bool
    /// The function whose backward is running (named in error messages).
    let function: FunctionNode
    /// Which inputs this function added to (bit i for input i < 64, then `receivedBeyond64`): the engine
    /// visits their creators next.
    private var received: UInt64 = 0
    private var receivedBeyond64: [Int] = []

    /// The gradients of `function`'s inputs (only the engine creates this).
    init(of function: FunctionNode, buildingGraph: Bool) {
        self.function = function
        self.inputs = function.inputs
        self.buildingGraph = buildingGraph
    }

    /// The gradient input `index` holds (nil: none, or it wants none).
    public subscript(index: Int) -> Variable? {
        inputs[index].requiresGrad ? inputs[index].grad : nil
    }

    private mutating func markReceived(_ index: Int) {
        if index < 64 { received |= 1 << UInt64(index) } else { receivedBeyond64.append(index) }
    }

    /// Adds the contribution `gx` (nil: none) to the gradient of input `index`: the ordinary sum.
    public mutating func add(_ gx: Variable?, toInput index: Int) {
        let x = inputs[index]
        guard let gx, x.requiresGrad else { return }
        require(gx.shape == x.shape,
                "\(function.label).backward: gradient shape \(gx.shape) for input of shape \(x.shape)")
        markReceived(index)
        guard x.grad != nil else {
            // A fresh Variable (sharing gx's storage copy-on-write) so later in-place sums never alias
            // another variable's gradient.
            x.grad = buildingGraph ? gx : Variable(gx.data, requiresGrad: false)
            return
        }
        if buildingGraph {
            x.grad = x.grad! + gx
        } else if isKnownUniquelyReferenced(&x.grad) {
            x.grad!.data += gx.data
        } else {
            // The gradient variable is shared (a double-backprop pass hands one gradient to several inputs,
            // and its graph holds it): summing in place would change the others too, so make a new one.
            x.grad = Variable(x.grad!.data + gx.data, requiresGrad: false)
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
        guard x.grad != nil else {
            x.grad = Variable(make(), requiresGrad: false)
            markReceived(index)
            return true
        }
        guard isKnownUniquelyReferenced(&x.grad), let gradient = x.grad, gradient.creator == nil else { return false }
        add(&gradient.data)
        markReceived(index)
        return true
    }

    /// Calls `body` with the creator of each input this function added to, in input order (only the
    /// engine calls this, to queue them).
    /// ``accumulateInPlace(toInput:add:make:)`` for several inputs at once, so that one parallel job can
    /// add into all of their gradients (the fused LSTM step adds ∂W, ∂V and ∂b for each block of units
    /// in the same part). `add` gets the gradients' arrays in the order of `indices`, zeros where an input
    /// had none yet, and must leave their shapes alone. Declines, changing nothing, unless every listed
    /// input would accept ``accumulateInPlace(toInput:add:make:)``; then the caller uses ``add(_:toInput:)``.
    public mutating func accumulateInPlace(toInputs indices: [Int], add: (inout [NDArray]) -> Void) -> Bool {
        guard !buildingGraph, Set(indices).count == indices.count else { return false }
        for index in indices {
            let x = inputs[index]
            guard x.requiresGrad, x.creator == nil else { return false }
            if x.grad != nil {
                guard isKnownUniquelyReferenced(&x.grad), x.grad?.creator == nil else { return false }
            }
        }
        // Move each array out of its gradient variable, so `add` holds the only reference and writes it in
        // place (no copy-on-write copy).
        var arrays = indices.map { index -> NDArray in
            let x = inputs[index]
            guard let gradient = x.grad else { return NDArray.zeros(like: x.data) }
            let array = gradient.data
            gradient.data = NDArray.zeros([0], dtype: array.dtype)
            return array
        }
        add(&arrays)
        for (array, index) in zip(arrays, indices) {
            let x = inputs[index]
            require(array.shape == x.shape, "\(function.label).backward: gradient shape \(array.shape) for input of shape \(x.shape)")
            if let gradient = x.grad { gradient.data = array } else { x.grad = Variable(array, requiresGrad: false) }
            markReceived(index)
        }
        return true
    }

    func forEachReceivingCreator(_ body: (FunctionNode) -> Void) {
        var mask = received
        while mask != 0 {
            let index = mask.trailingZeroBitCount
            mask &= mask - 1
            if let c = inputs[index].creator { body(c) }
        }
        for index in receivedBeyond64 {
            if let c = inputs[index].creator { body(c) }
        }
    }
}
