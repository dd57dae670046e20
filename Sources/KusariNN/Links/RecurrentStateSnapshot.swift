// Saving a model's recurrent state (h, c) with its snapshot, so that a stateful run interrupted in the
// middle of an epoch resumes exactly where it stopped instead of restarting the state at zero.
import KusariCore

/// A link whose recurrent state can be saved and restored (``LSTM``, ``GRU``, ``SimpleRNN``; conform
/// your own recurrent links to include them in snapshots).
public protocol RecurrentStateSaving: Link {
    /// The names of the state arrays (`h`, and `c` for an LSTM).
    var recurrentStateNames: [String] { get }
    /// Saves this link's own state arrays, each `(batch, stateSize)` (nothing after
    /// ``Link/resetState()``), or restores them: all present and of the link's state size sets the state,
    /// none resets it. ``Link/serializeRecurrentState(_:)`` calls it for every such link of a model.
    /// - Throws: ``/KusariCore/StateError`` when a shape does not fit the link or only part of the state
    ///   is saved; the state is unchanged then.
    func serializeOwnRecurrentState(_ serializer: any StateSerializer) throws
}

extension Link {
    /// Saves or restores the recurrent state of this link and every link inside it, under the link's
    /// path and the state's name (`lstm/h`, `lstm/c`; just `h` for a recurrent link at the root).
    /// Reading, links without saved arrays are reset, and every saved key must name a recurrent link's
    /// state (checked before anything changes).
    /// - Throws: ``/KusariCore/StateError`` for a key that names no recurrent link, or a shape that does not fit.
    public func serializeRecurrentState(_ serializer: any StateSerializer) throws {
        let links = ([(path: "", link: self)] + namedLinks()).compactMap { path, link in
            (link as? any RecurrentStateSaving).map { (path: String(path.dropFirst()), link: $0) }
        }
        if serializer.isReading {
            let known = Set(links.flatMap { path, link in
                link.recurrentStateNames.map { path.isEmpty ? $0 : path + "/" + $0 }
            })
            if let stray = serializer.savedKeys.first(where: { !known.contains($0) }) {
                throw StateError("recurrent state: '\(serializer.fullKey(stray))' names no recurrent link of "
                    + "this model (the snapshot was saved from a different model)")
            }
        }
        for (path, link) in links { try link.serializeOwnRecurrentState(path.isEmpty ? serializer : serializer[path]) }
    }
}

/// Saves `state`, or reads the arrays `names` and checks them against a link's state size: all or none
/// must be saved, each `(batch, size)` with the same batch. Returns the arrays read (nil for none).
private func serializeState(_ serializer: any StateSerializer, _ state: [Variable?], names: [String],
                            link: String, size: Int) throws -> [Variable]? {
    var arrays: [NDArray?] = state.map { $0?.data }
    if !serializer.isReading && arrays.contains(where: { $0 == nil }) { return nil }
    for i in names.indices { try serializer.serialize(names[i], &arrays[i]) }
    guard serializer.isReading else { return nil }
    let present = arrays.compactMap { $0 }
    if present.isEmpty { return nil }
    guard present.count == names.count else {
        throw StateError("\(link): saved state '\(serializer.prefix)' needs \(names.joined(separator: " and ")) together")
    }
    for (name, array) in zip(names, present) {
        guard array.ndim == 2, array.shape[0] > 0, array.shape[1] == size, array.shape == present[0].shape else {
            throw StateError("\(link): saved state '\(serializer.fullKey(name))' has shape \(array.shape), "
                + "need (batch, \(size))" + (names.count > 1 ? ", the same for \(names.joined(separator: " and "))" : ""))
        }
    }
    return present.map { Variable($0, requiresGrad: false) }
}

extension LSTM: RecurrentStateSaving {
    /// `c` and `h`.
    public var recurrentStateNames: [String] { ["c", "h"] }

    /// Saves or restores `c` and `h` (both or neither).
    public func serializeOwnRecurrentState(_ serializer: any StateSerializer) throws {
        let saved = try serializeState(serializer, [c, h], names: recurrentStateNames, link: "LSTM", size: stateSize)
        guard serializer.isReading else { return }
        if let saved { setState(c: saved[0], h: saved[1]) } else { resetState() }
    }
}

extension GRU: RecurrentStateSaving {
    /// `h`.
    public var recurrentStateNames: [String] { ["h"] }

    /// Saves or restores `h`.
    public func serializeOwnRecurrentState(_ serializer: any StateSerializer) throws {
        let saved = try serializeState(serializer, [h], names: recurrentStateNames, link: "GRU", size: stateSize)
        guard serializer.isReading else { return }
        if let saved { setState(h: saved[0]) } else { resetState() }
    }
}

extension SimpleRNN: RecurrentStateSaving {
    /// `h`.
    public var recurrentStateNames: [String] { ["h"] }

    /// Saves or restores `h`.
    public func serializeOwnRecurrentState(_ serializer: any StateSerializer) throws {
        let saved = try serializeState(serializer, [h], names: recurrentStateNames, link: "SimpleRNN", size: stateSize)
        guard serializer.isReading else { return }
        if let saved { setState(h: saved[0]) } else { resetState() }
    }
}
