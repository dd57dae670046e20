import Foundation
import KusariCore
import KusariNN

// Saving and loading a link's parameters as a NumPy .npz file with Chainer's key names: the parameter at
// path `/lstm/upward/W` is the member `lstm/upward/W.npy`. Chainer's `serializers.load_npz` reads such a
// file into the matching Chainer model, and `numpy.load` reads it anywhere.

/// Saving and loading a link's parameters in Chainer's `.npz` layout.
extension Link {
    /// The parameters as arrays keyed by Chainer's npz names (`l1/W`, `lstm/upward/b`), each key
    /// prefixed by `prefix` (e.g. `"updater/model/"`). Uninitialized (lazy) parameters are left out.
    public func parameterArrays(prefix: String = "") -> [String: NDArray] {
        var result: [String: NDArray] = [:]
        for (path, parameter) in namedParameters() where parameter.isInitialized {
            result[prefix + String(path.dropFirst())] = parameter.data
        }
        return result
    }

    /// Writes every parameter to `url` as an `.npz` (atomically: the old file stays intact until the new
    /// one is complete).
    public func save(npz url: URL) throws {
        try NPZArchive(arrays: parameterArrays(), name: url.lastPathComponent).write(to: url)
    }

    /// Reads every parameter from the `.npz` at `url` (written by Kusari or by Chainer's `save_npz`).
    /// Throws, naming the key, when a parameter is missing or has another shape; nothing is changed then.
    public func load(npz url: URL) throws {
        let archive = try NPZArchive(contentsOf: url)
        try loadParameters(from: archive.arrays, source: url.lastPathComponent)
    }

    /// Sets every parameter from `arrays` (keys as in ``parameterArrays(prefix:)``). All keys and shapes
    /// are checked before anything is assigned. Lazy parameters take the stored shape.
    public func loadParameters(from arrays: [String: NDArray], prefix: String = "", source: String = "state") throws {
        var assignments: [(Parameter, NDArray)] = []
        for (path, parameter) in namedParameters() {
            let key = prefix + String(path.dropFirst())
            guard let array = arrays[key] else {
                throw SerializationError.missingMember(source: source, key: key,
                                                       available: Array(arrays.keys).sorted())
            }
            if parameter.isInitialized && array.shape != parameter.shape {
                throw SerializationError.wrongType(
                    source: source, key: key,
                    detail: "has shape \(pythonShape(array.shape)) but the model's parameter \(path) has shape \(pythonShape(parameter.shape))")
            }
            assignments.append((parameter, array.astype(parameter.dtype)))
        }
        for (parameter, array) in assignments {
            if !parameter.isInitialized { parameter.initialize(shape: array.shape) }
            parameter.data = array
        }
    }
}
