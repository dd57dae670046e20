// Saving an optimizer's state to a NumPy `.npz` file and reading it back.
import Foundation
import KusariCore
import KusariNN

/// Saving and loading an optimizer's state as `.npz`.
extension Optimizer {
    /// Writes ``/KusariNN/Optimizer/state()`` to an `.npz` file (atomically), with keys such as `t`, `lr`,
    /// `l1/W/m`; counters are `int64` members.
    public func save(npz url: URL) throws {
        try NPZArchive(state: state(), name: url.lastPathComponent).write(to: url)
    }

    /// Restores the state from an `.npz` written by ``save(npz:)`` (also by earlier versions, whose
    /// counters are float64 and keys start with `/`); call it after ``/KusariNN/Optimizer/setup(_:)``.
    public func load(npz url: URL) throws {
        try restore(state: NPZArchive(contentsOf: url).savedState)
    }
}
