import KusariCore

// Saving and restoring an optimizer's state, so a snapshot resumes training bit for bit.

extension Optimizer {
    /// Saves or restores everything the optimizer has learned (Chainer's `Optimizer.serialize`), under
    /// these keys:
    ///
    /// - `t` (integer) and `lr` (float64): ``t`` and ``lr``;
    /// - `<path>/t`: each parameter's update count ``ParameterState/t`` (integer), with the parameter's
    ///   path without its leading slash (`l1/W/t`);
    /// - `<path>/<name>`: each state array, e.g. `l1/W/m`, `l1/W/v` for Adam;
    /// - `@kind/<name>`: a marker naming the optimizer (`@kind/Adam`; `@` never starts a link name), so
    ///   that another optimizer refuses the state instead of misreading it (MomentumSGD's `v` is not
    ///   Adam's `v`).
    ///
    /// Hyperparameters other than the learning rate (β1, ε, momentum) are configuration, set in code, and
    /// not included. Restoring replaces the state: the next ``update()`` then does exactly what the saved
    /// optimizer's next update would have done. Restore after ``setup(_:)`` (which clears the state); the
    /// arrays are converted to the parameters' dtype. Nothing changes when restoring fails.
    /// - Throws: ``OptimizerError/invalidState(_:)`` when the state comes from another kind of optimizer, a
    ///   key names no parameter of the target, or an array's shape differs from its (initialized)
    ///   parameter's; ``/KusariCore/StateError`` when `t` is missing or a counter is not a whole number in range.
    public func serialize(_ serializer: any StateSerializer) throws {
        var totalUpdates = t
        var savedLR: Double? = lr
        guard serializer.isReading else {
            try serializer.serialize("t", &totalUpdates)
            try serializer.serialize("lr", &savedLR)
            var marker: SavedValue? = .integer(1)
            try serializer.serialize("@kind/" + name, &marker)
            for (path, state) in states.sorted(by: { $0.key < $1.key }) {
                let part = serializer[path]
                var count = state.t
                try part.serialize("t", &count)
                for (entry, array) in state.arrays.sorted(by: { $0.key < $1.key }) {
                    var value = array
                    try part.serialize(entry, &value)
                }
            }
            return
        }
        func invalid(_ message: String) -> OptimizerError { .invalidState("\(name).restore: " + message) }
        let keys = serializer.savedKeys
        let kinds = keys.filter { $0.hasPrefix("@kind/") }.map { String($0.dropFirst(6)) }
        if !kinds.isEmpty && kinds != [name] {
            throw invalid("this state was saved by \(kinds.joined(separator: ", ")), not by \(name); "
                + "restore it into the same kind of optimizer")
        }
        try serializer.serialize("t", &totalUpdates)
        try serializer.serialize("lr", &savedLR)
        // The parameter paths with saved state: each key `<path>/<entry>` other than t, lr and the marker.
        var entries: [String: [String]] = [:]
        for key in keys where key != "t" && key != "lr" && !key.hasPrefix("@kind/") {
            guard let slash = key.lastIndex(of: "/"), slash != key.startIndex else {
                throw invalid("unexpected key \(serializer.fullKey(key)) (expected <parameter path>/<name>)")
            }
            entries["/" + key[..<slash], default: []].append(String(key[key.index(after: slash)...]))
        }
        let parameters = target.map { Dictionary(uniqueKeysWithValues: $0.namedParameters()) }
        var restored: [String: ParameterState] = [:]
        for (path, names) in entries.sorted(by: { $0.key < $1.key }) {
            let part = serializer[path]
            let parameter = parameters?[path]
            if parameters != nil && parameter == nil {
                throw invalid("the model has no parameter \(path) (key \(part.fullKey(names[0])))")
            }
            var state = ParameterState()
            var count: Int? = nil
            try part.serialize("t", &count)
            state.t = count ?? 0
            for entry in names where entry != "t" {
                var value: NDArray?
                try part.serialize(entry, &value)
                guard var array = value else { continue }
                if let parameter {
                    if parameter.isInitialized && array.shape != parameter.shape {
                        throw invalid("\(part.fullKey(entry)) has shape \(array.shape), parameter \(path) has \(parameter.shape)")
                    }
                    array = array.astype(parameter.parameterDType)
                }
                state.arrays[entry] = array
            }
            restored[path] = state
        }
        t = totalUpdates
        if let savedLR { lr = savedLR }
        states = restored
    }

    /// The state ``serialize(_:)`` saves, as entries by key (`t`, `lr`, `@kind/Adam`, `l1/W/t`, `l1/W/m`, …;
    /// counters as integers). Save it next to the model's parameters; ``restore(state:)`` reads it back.
    public func state() throws -> [String: SavedValue] {
        let writer = StateWriter()
        try serialize(writer)
        return writer.entries
    }

    /// Replaces the optimizer's state with one saved by ``state()`` (see ``serialize(_:)``). Counters may
    /// also be float64 whole numbers and parameter keys may start with `/`, as in states saved by earlier
    /// versions.
    /// - Throws: ``OptimizerError/invalidState(_:)`` naming the optimizer, the key and what was wrong.
    ///   Nothing changes then.
    public func restore(state saved: [String: SavedValue]) throws {
        do {
            try serialize(StateReader(saved))
        } catch let error as StateError {
            throw OptimizerError.invalidState("\(name).restore: \(error.message)")
        }
    }
}
