/// A differentiable function: the plugin type for new operations, and a node of the computational graph.
///
/// Subclass it, override ``forward(_:)`` (arrays in, arrays out) and ``backward(_:)`` (output gradients in,
/// input gradients out, both as ``Variable``s), and add a free function that calls ``apply(_:)``:
///
/// ```swift
/// /// y = x³
/// final class Cube: FunctionNode {
///     override func forward(_ x: [NDArray]) -> [NDArray] { [x[0] * x[0] * x[0]] }
///     override func backward(_ gy: [Variable]) -> [Variable?] {
///         let x = inputs[0]
///         return [3 * x * x * gy[0]]          // built from Variables, so it is differentiable again
///     }
/// }
/// func cube(_ x: Variable) -> Variable { Cube().apply([x])[0] }
/// ```
///
/// Because `backward` is written with differentiable functions on `Variable`s, higher-order gradients
/// (`backward(enableDoubleBackprop: true)`) need no extra code, as in Chainer's `FunctionNode`.
///
/// Memory: the node holds its input variables (the graph edges) and only weak references to its outputs.
/// A function whose backward needs an output calls ``retainOutputs(_:)`` in `forward` and reads it back
/// with ``output(_:)``.
open class FunctionNode {
    /// The variables this function was applied to (empty until applied with backprop enabled).
    public private(set) var inputs: [Variable] = []
    /// The largest input generation: backward visits functions in decreasing generation order.
    public private(set) var generation = 0
    /// The outputs (weakly) with their shapes and dtypes: one array, one allocation per applied function.
    private var outputRecords: [OutputRecord] = []
    private var retainedIndices: [Int] = []
    private var retainedOutputs: [Int: NDArray] = [:]

    /// A function node with no inputs or outputs yet; ``apply(_:)`` connects it to the graph.
    public init() {}

    /// The name shown in graphs and error messages (the type name by default).
    open var label: String { String(describing: type(of: self)) }

    /// Computes the outputs from the input arrays. Override it.
    open func forward(_ inputs: [NDArray]) -> [NDArray] {
        fatalError("\(label) must override forward(_:)")
    }

    /// Maps the gradients of the outputs (zeros for outputs that received none) to the gradients of the
    /// inputs; return nil for an input that needs no gradient (such as integer labels). Override it.
    open func backward(_ gradOutputs: [Variable]) -> [Variable?] {
        fatalError("\(label) must override backward(_:)")
    }

    /// Adds this function's input gradients to those the inputs already hold: what `Variable.backward`
    /// calls (Chainer's `backward_accumulate`).
    ///
    /// `gradients` holds, for each input, the gradient it has so far (nil: none). The default calls
    /// ``backward(_:)`` and adds each returned gradient with ``InputGradients/add(_:toInput:)``; a nil
    /// there means "no gradient for this input". Override it only for a fast path that writes a
    /// contribution straight into the existing gradient (``InputGradients/accumulateInPlace(toInput:add:make:)``,
    /// as KusariNN's `LinearFunction` does for its weights); ``backward(_:)`` stays the reference it must agree with.
    open func backwardAccumulate(_ gradOutputs: [Variable], into gradients: inout InputGradients) {
        let gradInputs = backward(gradOutputs)
        require(gradInputs.count == inputs.count,
                "\(label).backward returned \(gradInputs.count) gradients for \(inputs.count) inputs")
        for (index, gx) in gradInputs.enumerated() { gradients.add(gx, toInput: index) }
    }

    /// Asks ``apply(_:)`` to keep the data of these outputs for ``output(_:)``; call it from `forward`.
    public final func retainOutputs(_ indices: [Int]) { retainedIndices = indices }

    /// Output `index` as a Variable: the live output (so double backprop flows through it), or, if that
    /// variable no longer exists, a constant holding its retained data.
    public final func output(_ index: Int) -> Variable {
        if index < outputRecords.count, let live = outputRecords[index].variable { return live }
        guard let data = retainedOutputs[index] else {
            fatalError("\(label): output \(index) was neither kept alive nor retained (retainOutputs)")
        }
        return Variable(data, requiresGrad: false)
    }

    /// Runs the function on `inputs` and, unless in ``noGrad(_:)``, records it in the graph.
    @discardableResult
    public final func apply(_ inputs: [Variable]) -> [Variable] {
        let outputArrays = forward(inputs.map(\.data))
        let outputs = outputArrays.map { Variable($0) }
        if Config.enableBackprop {
            self.inputs = inputs
            generation = inputs.reduce(0) { max($0, $1.generation) }
            for y in outputs { y.setCreator(self) }
            outputRecords = outputs.map { OutputRecord(variable: $0, shape: $0.shape, dtype: $0.dtype) }
            for i in retainedIndices where i < outputArrays.count { retainedOutputs[i] = outputArrays[i] }
        }
        return outputs
    }

    /// The output variables that are still alive (nil where they have been released).
    public final var outputs: [Variable?] { outputRecords.map(\.variable) }

    /// Zeros shaped like output `index`: the gradient of an output that received none.
    final func zeroGradient(forOutput index: Int) -> Variable {
        let d = outputRecords[index]
        return Variable(NDArray.zeros(d.shape, dtype: d.dtype), requiresGrad: false)
    }

    /// Drops the references to the inputs, cutting the graph here (used by `unchainBackward`).
    final func unchainInputs() { inputs = [] }
}

/// An output of a function: a weak reference (the graph does not keep outputs alive) and the shape and
/// dtype of its gradient, for ``FunctionNode/zeroGradient(forOutput:)``.
struct OutputRecord {
    weak var variable: Variable?
    let shape: [Int]
    let dtype: DType
}
