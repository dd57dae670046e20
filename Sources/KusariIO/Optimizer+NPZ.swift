// Saving an optimizer's state to a NumPy `.npz` file and reading it back.
import Foundation
import KusariCore
import KusariNN

/// Saving and loading an optimizer's state as `.npz`.
extension Optimizer {
    /// Writes ``/KusariNN/Optimizer/state()`` to an `.npz` file (atomically), with keys such as `t`, `lr`, `/l1/W/m`.
    public func save(npz url: URL) throws {
        try NPZArchive(arrays: state(), name: url.lastPathComponent).write(to: url)
    }

    /// Restores the state from an `.npz` written by ``save(npz:)``; call it after ``/KusariNN/Optimizer/setup(_:)``.
    public func load(npz url: URL) throws {
        try restore(state: NPZArchive(contentsOf: url).arrays)
    }
}
