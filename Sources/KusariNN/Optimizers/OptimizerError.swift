import KusariCore

/// Why an optimizer stopped: a parameter blew up, or a saved state does not fit the model.
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
    /// After update number `update`, the parameter at `path` held NaN (`isNaN`) or ±Inf values.
    /// `gradientWasFinite` tells whether the gradient fed to the rule was still finite (if not, the problem
    /// is upstream: the loss or the backward pass, not the step size).
    case nonFinite(optimizer: String, path: String, update: Int, isNaN: Bool, gradientWasFinite: Bool)
    /// ``Optimizer/restore(state:)`` was given a state that does not match the model (unknown path, wrong
    /// shape, missing counter); the message says which.
    case invalidState(String)

    public var description: String {
        switch self {
        case let .nonFinite(optimizer, path, update, isNaN, gradientWasFinite):
            let what = isNaN ? "NaN" : "infinite"
            let hint = gradientWasFinite
                ? "lower the learning rate or clip gradients (GradientClipping)"
                : "its gradient was already NaN/Inf, so look at the loss and the backward pass"
            return "\(optimizer): parameter \(path) became \(what) at update \(update) — \(hint)"
        case let .invalidState(message):
            return message
        }
    }
}
