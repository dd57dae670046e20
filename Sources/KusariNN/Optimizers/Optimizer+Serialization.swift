import Foundation
import KusariCore

// Saving and restoring an optimizer's state, so a snapshot resumes training bit for bit.

extension Optimizer {
    /// Everything the optimizer has learned, as named arrays (the layout of Chainer's optimizer snapshot):
    ///
    /// - `t`, `lr`: ``t`` and ``lr`` as float64 scalars;
    /// - `<path>/t`: each parameter's update count ``ParameterState/t`` (float64 scalar);
    /// - `<path>/<name>`: each state array, e.g. `/l1/W/m`, `/l1/W/v` for Adam;
    /// - `@kind/<name>`: a marker naming the optimizer (`@kind/Adam`; `@` never starts a link name), so
    ///   that another optimizer refuses the state instead of misreading it (MomentumSGD's `v` is not
    ///   Adam's `v`).
    ///
    /// Hyperparameters other than the learning rate (β1, ε, momentum) are configuration, set in code, and
    /// not included. Save it next to the model's parameters; ``restore(state:)`` reads it back.
    public func state() -> [String: NDArray] {
        var result: [String: NDArray] = [
            "t": NDArray(scalar: Double(t), dtype: .float64),
            "lr": NDArray(scalar: lr, dtype: .float64),
            "@kind/" + name: NDArray(scalar: 1, dtype: .float64),
        ]
        for (path, state) in states {
            result[path + "/t"] = NDArray(scalar: Double(state.t), dtype: .float64)
            for (name, array) in state.arrays { result[path + "/" + name] = array }
        }
        return result
    }

    /// Replaces the optimizer's state with one saved by ``state()``: the next ``update()`` then does exactly
    /// what the saved optimizer's next update would have done. Call it after ``setup(_:)`` (which clears
    /// the state); the arrays are converted to the parameters' dtype.
    ///
    /// - Throws: ``OptimizerError/invalidState(_:)`` when `t` is missing, a path names no parameter of the
    ///   target, or an array's shape differs from its (initialized) parameter's. Nothing changes then.
    public func restore(state saved: [String: NDArray]) throws {
        let reader = SavedState(saved, owner: "\(name).restore")
        func invalid(_ message: String) -> OptimizerError { .invalidState("\(name).restore: " + message) }
        guard let savedT = saved["t"], savedT.count == 1 else {
            throw OptimizerError.invalidState("\(name).restore: the state has no scalar `t` (update count)")
        }
        let kinds = saved.keys.filter { $0.hasPrefix("@kind/") }.map { String($0.dropFirst(6)) }.sorted()
        if !kinds.isEmpty && kinds != [name] {
            throw invalid("this state was saved by \(kinds.joined(separator: ", ")), not by \(name); "
                + "restore it into the same kind of optimizer")
        }
        let totalUpdates = try reader.integer("t", in: 0...maximumSavedCount)
        let savedLR = try reader.optionalNumber("lr")
        let parameters = target.map { Dictionary(uniqueKeysWithValues: $0.namedParameters()) }
        var restored: [String: ParameterState] = [:]
        for (key, array) in saved where key != "t" && key != "lr" && !key.hasPrefix("@kind/") {
            guard let slash = key.lastIndex(of: "/"), slash != key.startIndex else {
                throw OptimizerError.invalidState("\(name).restore: unexpected key \(key) (expected <parameter path>/<name>)")
            }
            let path = String(key[..<slash]), entry = String(key[key.index(after: slash)...])
            var value = array
            if let parameters {
                guard let parameter = parameters[path] else {
                    throw OptimizerError.invalidState("\(name).restore: the model has no parameter \(path) (key \(key))")
                }
                if entry != "t" {
                    if parameter.isInitialized && array.shape != parameter.shape {
                        throw OptimizerError.invalidState(
                            "\(name).restore: \(key) has shape \(array.shape), parameter \(path) has \(parameter.shape)")
                    }
                    value = array.astype(parameter.parameterDType)
                }
            }
            if entry == "t" {
                guard array.count == 1 else {
                    throw OptimizerError.invalidState("\(name).restore: \(key) should be a scalar, has shape \(array.shape)")
                }
                restored[path, default: ParameterState()].t = try reader.integer(key, in: 0...maximumSavedCount)
            } else {
                restored[path, default: ParameterState()].arrays[entry] = value
            }
        }
        t = totalUpdates
        if let savedLR { lr = savedLR }
        states = restored
    }
}
