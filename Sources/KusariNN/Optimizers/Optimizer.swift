import KusariCore

/// The base class of gradient-based optimizers (Chainer's `GradientMethod`): it walks the model's
/// parameters and applies an update rule to each one that has a gradient.
///
/// ```swift
/// let model = Model()
/// let optimizer = Adam().setup(model)
/// optimizer.add(hook: GradientClipping(threshold: 5))
/// for (x, t) in batches {
///     model.clearGrads()
///     let loss = meanSquaredError(model(x), t)
///     loss.backward()
///     try optimizer.update()         // throws if a parameter becomes NaN/Inf
/// }
/// ```
///
/// One ``update()`` runs the hooks (in the order they were added), increments ``t``, then for every
/// parameter with a gradient increments that parameter's own counter (``ParameterState/t``), calls
/// ``updateOne(path:parameter:grad:state:)`` and checks that the result is finite.
///
/// **Writing an optimizer**: subclass and override ``step(_:parameter:grad:state:)``, the update rule
/// written once for both dtypes: it changes `parameter.data` using `grad`, ``lr`` and the per-parameter
/// `state` (its arrays are saved and restored by ``state()``/``restore(state:)`` with no extra code).
/// The base class's ``updateOne(path:parameter:grad:state:)`` picks `T` from the parameter's dtype.
/// The built-in rules are ``ParameterState/withBuffers(as:parameter:grad:_:)`` loops; mark the override
/// `@_specialize(where T == Float)` and `@_specialize(where T == Double)` so those loops are compiled
/// for each scalar type rather than run generically. Overriding ``updateOne(path:parameter:grad:state:)``
/// itself (NDArray arithmetic, no dtype switch) works too.
open class Optimizer {
    /// The learning rate (Adam's α). Settable between updates: learning-rate schedules change it.
    public var lr: Double
    /// The number of ``update()`` calls so far.
    public internal(set) var t = 0
    /// The model being optimized (nil until ``setup(_:)``).
    public private(set) var target: Link?
    /// The hooks run before each update, in order.
    public private(set) var hooks: [any OptimizerHook] = []
    /// Per-parameter state by parameter path (`/l1/W`).
    var states: [String: ParameterState] = [:]
    private var cachedUniqueParameters: [(path: String, parameter: Parameter)]?

    /// An optimizer with learning rate `lr`; call ``setup(_:)`` before updating.
    public init(lr: Double) {
        self.lr = lr
    }

    /// The optimizer's name in messages: the class name (`Adam`).
    open var name: String { String(describing: type(of: self)) }

    /// Makes `link` the model to optimize and forgets any previous state (``t`` = 0, no per-parameter
    /// state). Hooks are kept. Returns `self`, so `let optimizer = Adam().setup(model)` reads naturally.
    @discardableResult
    public func setup(_ link: Link) -> Self {
        target = link
        t = 0
        states = [:]
        cachedUniqueParameters = nil
        return self
    }

    /// Adds a hook run at the start of every ``update()``, after those already added.
    public func add(hook: any OptimizerHook) {
        hooks.append(hook)
    }

    /// The target's parameters that currently have a gradient, with their paths, in declaration order.
    /// A parameter reachable by two paths (a shared layer) is listed once, under its first path.
    public func parametersWithGradients() -> [(path: String, parameter: Parameter)] {
        uniqueParameters().filter { $0.parameter.grad != nil }
    }

    /// The target's parameters, each once under its first path (computed once per ``setup(_:)``: a
    /// link's parameters never change once it has been used).
    private func uniqueParameters() -> [(path: String, parameter: Parameter)] {
        if let cached = cachedUniqueParameters { return cached }
        guard let target else { return [] }
        var seen = Set<ObjectIdentifier>()
        let unique = target.namedParameters().filter { seen.insert(ObjectIdentifier($0.parameter)).inserted }
        cachedUniqueParameters = unique
        return unique
    }

    /// The state kept for the parameter at `path` (nil before its first update).
    public func state(for path: String) -> ParameterState? { states[path] }

    /// Runs the hooks, then updates every parameter that has a gradient.
    /// - Throws: ``OptimizerError/nonFinite(optimizer:path:update:isNaN:gradientWasFinite:)`` when a
    ///   parameter holds NaN or ±Inf after its update (the remaining parameters are left unchanged).
    public func update() throws {
        require(target != nil, "\(name).update(): call setup(_:) with the model first")
        for hook in hooks { try hook(self) }
        t += 1
        for (path, parameter) in parametersWithGradients() {
            guard let grad = parameter.grad?.data else { continue }
            require(grad.shape == parameter.shape && grad.dtype == parameter.dtype,
                         "\(name): gradient of \(path) is \(grad.shape) \(grad.dtype), the parameter \(parameter.shape) \(parameter.dtype)")
            // Taken out of the dictionary so its arrays are uniquely referenced and update in place.
            var state = states.removeValue(forKey: path) ?? ParameterState()
            defer { states[path] = state }
            state.t += 1
            try updateOne(path: path, parameter: parameter, grad: grad, state: &state)
            if !parameter.data.isFinite {
                throw OptimizerError.nonFinite(
                    optimizer: name, path: path, update: t,
                    isNaN: parameter.data.doubleValues.contains { $0.isNaN }, gradientWasFinite: grad.isFinite)
            }
        }
    }

    /// Chainer's `update(lossfun)`: clears the gradients, computes the loss, back-propagates and updates.
    /// Returns the loss.
    @discardableResult
    public func update(_ lossFunction: () throws -> Variable) throws -> Variable {
        guard let target else { fatalError("\(name).update(_:): call setup(_:) with the model first") }
        target.clearGrads()
        let loss = try lossFunction()
        loss.backward()
        try update()
        return loss
    }

    /// The update for one parameter: change `parameter.data` in place from `grad` (same shape and
    /// dtype), ``lr`` and `state` (whose ``ParameterState/t`` already counts this update). The base class
    /// makes the one dtype switch and calls ``step(_:parameter:grad:state:)`` with `Float` or `Double`.
    open func updateOne(path: String, parameter: Parameter, grad: NDArray, state: inout ParameterState) throws {
        switch parameter.dtype {
        case .float32: try step(Float.self, parameter: parameter, grad: grad, state: &state)
        case .float64: try step(Double.self, parameter: parameter, grad: grad, state: &state)
        }
    }

    /// The update rule, written once for both scalar types: `T` is the parameter's element type
    /// (`Float` or `Double`). Subclasses override it (or ``updateOne(path:parameter:grad:state:)``);
    /// the base class has no rule.
    open func step<T: KernelScalar>(_ type: T.Type, parameter: Parameter, grad: NDArray,
                                    state: inout ParameterState) throws {
        fatalError("\(name) must override step(_:parameter:grad:state:) or updateOne(path:parameter:grad:state:)")
    }
}
