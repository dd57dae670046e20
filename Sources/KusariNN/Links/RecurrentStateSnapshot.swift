// Saving a model's recurrent state (h, c) with its snapshot, so that a stateful run interrupted in the
// middle of an epoch resumes exactly where it stopped instead of restarting the state at zero.
import KusariCore

/// A link whose recurrent state can be saved and restored (``LSTM``, ``GRU``, ``SimpleRNN``; conform
/// your own recurrent links to include them in snapshots).
public protocol RecurrentStateSaving: Link {
    /// The state arrays by name (`h`, and `c` for an LSTM), each `(batch, stateSize)`; empty after
    /// ``Link/resetState()``.
    var recurrentStateArrays: [String: NDArray] { get }
    /// Replaces the state with arrays from ``recurrentStateArrays``; empty arrays reset it.
    /// - Throws: ``/KusariCore/StateError`` when a name is unknown or a shape does not fit the link.
    func restoreRecurrentState(_ arrays: [String: NDArray]) throws(StateError)
}

extension Link {
    /// The recurrent state of this link and every link inside it, keyed by path and name
    /// (`lstm/h`, `lstm/c`; just `h` for a recurrent link at the root).
    public func recurrentStateArrays() -> [String: NDArray] {
        var result: [String: NDArray] = [:]
        for (path, link) in [(path: "", link: self)] + namedLinks() {
            guard let stateful = link as? any RecurrentStateSaving else { continue }
            for (name, array) in stateful.recurrentStateArrays { result[Self.stateKey(path, name)] = array }
        }
        return result
    }

    /// Restores the state saved by ``recurrentStateArrays()``: links without saved arrays are reset.
    /// Everything is checked before anything changes.
    /// - Throws: ``/KusariCore/StateError`` for a key that names no recurrent link, or a shape that does not fit.
    public func restoreRecurrentStateArrays(_ arrays: [String: NDArray]) throws(StateError) {
        var remaining = arrays
        var plan: [(any RecurrentStateSaving, [String: NDArray])] = []
        for (path, link) in [(path: "", link: self)] + namedLinks() {
            guard let stateful = link as? any RecurrentStateSaving else { continue }
            var own: [String: NDArray] = [:]
            for name in ["h", "c"] { own[name] = remaining.removeValue(forKey: Self.stateKey(path, name)) }
            plan.append((stateful, own))
        }
        if let stray = remaining.keys.sorted().first {
            throw StateError("recurrent state: '\(stray)' names no recurrent link of this model "
                + "(the snapshot was saved from a different model)")
        }
        for (link, own) in plan { try link.restoreRecurrentState(own) }
    }

    private static func stateKey(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : String(path.dropFirst()) + "/" + name
    }
}

/// Checks a saved state array against a link's state size; returns it as a constant variable.
private func stateVariable(_ array: NDArray?, name: String, link: String, size: Int) throws(StateError) -> Variable? {
    guard let array else { return nil }
    guard array.ndim == 2, array.shape[0] > 0, array.shape[1] == size else {
        throw StateError("\(link): saved state '\(name)' has shape \(array.shape), need (batch, \(size))")
    }
    return Variable(array, requiresGrad: false)
}

private func checkNames(_ arrays: [String: NDArray], allowed: Set<String>, link: String) throws(StateError) {
    if let unknown = arrays.keys.first(where: { !allowed.contains($0) }) {
        throw StateError("\(link): unknown saved state '\(unknown)'")
    }
}

extension LSTM: RecurrentStateSaving {
    public var recurrentStateArrays: [String: NDArray] {
        guard let c, let h else { return [:] }
        return ["c": c.data, "h": h.data]
    }

    public func restoreRecurrentState(_ arrays: [String: NDArray]) throws(StateError) {
        try checkNames(arrays, allowed: ["c", "h"], link: "LSTM")
        let c = try stateVariable(arrays["c"], name: "c", link: "LSTM", size: stateSize)
        let h = try stateVariable(arrays["h"], name: "h", link: "LSTM", size: stateSize)
        switch (c, h) {
        case (nil, nil): resetState()
        case let (c?, h?) where c.shape == h.shape: setState(c: c, h: h)
        default: throw StateError("LSTM: saved state needs both c and h of the same shape")
        }
    }
}

extension GRU: RecurrentStateSaving {
    public var recurrentStateArrays: [String: NDArray] { h.map { ["h": $0.data] } ?? [:] }

    public func restoreRecurrentState(_ arrays: [String: NDArray]) throws(StateError) {
        try checkNames(arrays, allowed: ["h"], link: "GRU")
        if let h = try stateVariable(arrays["h"], name: "h", link: "GRU", size: stateSize) {
            setState(h: h)
        } else {
            resetState()
        }
    }
}

extension SimpleRNN: RecurrentStateSaving {
    public var recurrentStateArrays: [String: NDArray] { h.map { ["h": $0.data] } ?? [:] }

    public func restoreRecurrentState(_ arrays: [String: NDArray]) throws(StateError) {
        try checkNames(arrays, allowed: ["h"], link: "SimpleRNN")
        if let h = try stateVariable(arrays["h"], name: "h", link: "SimpleRNN", size: stateSize) {
            setState(h: h)
        } else {
            resetState()
        }
    }
}
