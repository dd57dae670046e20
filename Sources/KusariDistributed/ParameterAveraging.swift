import KusariCore
import KusariTraining

/// A trainer extension that averages the model's parameters over the ranks every k iterations, for
/// ``MultiNodeOptimizer`` in `.parameters(every: k)` mode (DL4J's `ParameterAveragingTrainingMaster`):
///
///     θ ← (1/p) Σ_r θ⁽ʳ⁾
///
/// It runs before evaluators and snapshots of the same iteration (priority above ``/KusariTraining/ExtensionPriority/writer``),
/// and once more when training ends, so every rank finishes with the same parameters.
///
/// ```swift
/// let multi = try MultiNodeOptimizer(wrapping: Adam(), communicator: comm, synchronization: .parameters(every: 8))
/// let optimizer = try multi.setup(model)
/// trainer.extend(multi.averagingExtension)      // every 8 iterations
/// ```
public final class ParameterAveraging: Extension {
    /// Iterations between two averagings.
    public let every: Int
    private let average: () throws -> Void
    private var lastIteration = 0

    /// Averages by calling `average` every `every` iterations.
    public init(every: Int, average: @escaping () throws -> Void) {
        require(every >= 1, "ParameterAveraging: every must be ≥ 1, got \(every)")
        self.every = every
        self.average = average
    }

    public var defaultTrigger: IntervalTrigger { IntervalTrigger(every, .iteration) }
    public var defaultPriority: Int { ExtensionPriority.writer + 50 }

    public func callAsFunction(_ trainer: Trainer) throws {
        try average()
        lastIteration = trainer.updater.iteration
    }

    /// Averages once more if updates happened since the last averaging (all ranks end identical).
    /// Errors are ignored here: a failing rank has already thrown from `run()`.
    public func finalize(_ trainer: Trainer) {
        if trainer.updater.iteration != lastIteration {
            try? average()
            lastIteration = trainer.updater.iteration
        }
    }
}
