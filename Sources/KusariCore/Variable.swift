/// A node of the computational graph that carries an ``NDArray`` and, after ``backward(retainGrad:enableDoubleBackprop:)``,
/// its gradient.
///
/// Kusari is define-by-run: every function applied to a `Variable` records itself as the `creator` of
/// its outputs, so the graph is exactly the program that ran. `backward()` walks it from this variable
/// back to the leaves and fills each variable's ``grad``.
///
/// ```swift
/// let x = Variable(NDArray([2.0], shape: []))
/// let y = x * x * x          // y = x³
/// y.backward()
/// x.grad!.data               // 12 = 3x²
/// ```
open class Variable {
    /// The value.
    public final var data: NDArray
    /// The gradient of the output `backward()` started from with respect to this variable. A Variable,
    /// so gradients can be differentiated again (`enableDoubleBackprop`).
    public final var grad: Variable?
    /// The function that produced this variable (nil for leaves: inputs and parameters).
    public private(set) final var creator: FunctionNode?
    /// One more than the creator's generation; leaves have generation 0.
    public private(set) final var generation = 0
    /// An optional name, shown in graphs and error messages.
    public final var name: String?
    /// False for constants (labels, targets): no gradient is computed for them.
    public final var requiresGrad: Bool

    /// A variable holding `data`.
    public init(_ data: NDArray, name: String? = nil, requiresGrad: Bool = true) {
        self.data = data
        self.name = name
        self.requiresGrad = requiresGrad
    }

    /// A float32 variable from row-major `values`.
    public convenience init(_ values: [Float], shape: [Int]? = nil, name: String? = nil) {
        self.init(NDArray(values, shape: shape), name: name)
    }

    /// A float64 variable from row-major `values`.
    public convenience init(_ values: [Double], shape: [Int]? = nil, name: String? = nil) {
        self.init(NDArray(values, shape: shape), name: name)
    }

    /// The shape of ``data``.
    public final var shape: [Int] { data.shape }
    /// The element type of ``data``.
    public final var dtype: DType { data.dtype }
    /// The number of axes of ``data``.
    public final var ndim: Int { data.ndim }
    /// The number of elements of ``data``.
    public final var count: Int { data.count }

    final func setCreator(_ function: FunctionNode) {
        creator = function
        generation = function.generation + 1
    }

    /// Forgets the gradient (call before a new backward pass; optimizers do it via `clearGrads()`).
    public final func clearGrad() { grad = nil }

    /// Makes this variable a leaf: the graph behind it is no longer reachable from here.
    public final func unchain() { creator = nil }

    /// Cuts the whole graph behind this variable, releasing it: every function reachable backwards from
    /// here forgets its inputs. The values stay; only the history goes. Truncated BPTT calls this on the
    /// loss (or on the recurrent state) after each update, so the next chunk starts a fresh graph.
    public final func unchainBackward() {
        var pending: [FunctionNode] = creator.map { [$0] } ?? []
        unchain()
        // No visited set: a function reached a second time has no inputs left, so visiting it again
        // does nothing, and each variable's creator is pushed at most once (it is unchained right away).
        while let function = pending.popLast() {
            for x in function.inputs {
                if let c = x.creator { pending.append(c) }
                x.unchain()
            }
            // Sibling outputs too (lstm's c next to h, splitAxis' pieces): otherwise they would keep
            // pointing at a function that no longer has inputs, and a later backward through them
            // would call its backward with no inputs.
            for y in function.outputs { y?.unchain() }
            function.unchainInputs()
        }
    }
}

extension Variable: CustomStringConvertible {
    public final var description: String {
        "Variable(\(name.map { "\($0): " } ?? "")\(data.description.dropFirst("NDArray(".count))"
    }
}
