// Saving and restoring a link's parameters through a StateSerializer (Chainer's `Link.serialize`), the
// way a trainer snapshot holds the model: the parameter at path `/l1/W` under the key `l1/W`.
import KusariCore

extension Link {
    /// Saves or restores every parameter under its path without the leading slash (`l1/W`,
    /// `lstm/upward/b`): Chainer's `Link.serialize`, the layout of `save_npz` files and trainer snapshots.
    ///
    /// Writing, uninitialized (lazy) parameters are left out. Reading, every parameter must be saved,
    /// with the parameter's shape when it is initialized (a lazy one takes the saved shape); all are
    /// checked before any is assigned, and arrays are converted to the parameter's dtype. Saved keys that
    /// name no parameter are ignored.
    /// - Throws: ``/KusariCore/StateError`` naming the key (and the keys that are there) when a parameter
    ///   is missing, or the key and both shapes when a shape differs.
    public func serializeParameters(_ serializer: any StateSerializer) throws {
        guard serializer.isReading else {
            for (path, parameter) in namedParameters() where parameter.isInitialized {
                var data = parameter.data
                try serializer.serialize(String(path.dropFirst()), &data)
            }
            return
        }
        var assignments: [(Parameter, NDArray)] = []
        for (path, parameter) in namedParameters() {
            let key = String(path.dropFirst())
            var saved: NDArray?
            try serializer.serialize(key, &saved)
            guard let saved else {
                let available = serializer.savedKeys.prefix(8).map { "'\(serializer.fullKey($0))'" }
                let list = available.isEmpty ? "there is nothing under '\(serializer.prefix)'"
                    : "it has " + available.joined(separator: ", ") + (serializer.savedKeys.count > 8 ? ", …" : "")
                throw StateError("the saved state has no '\(serializer.fullKey(key))' for the model's parameter \(path) (\(list))")
            }
            if parameter.isInitialized && saved.shape != parameter.shape {
                throw StateError("'\(serializer.fullKey(key))' has shape \(saved.shape), "
                    + "but the model's parameter \(path) has shape \(parameter.shape)")
            }
            assignments.append((parameter, saved.astype(parameter.parameterDType)))
        }
        for (parameter, array) in assignments {
            if !parameter.isInitialized { parameter.initialize(shape: array.shape) }
            parameter.data = array
        }
    }
}
