import KusariCore
import KusariTraining

/// Runs an extension on rank 0 only: logs, printed reports, progress bars, plots and snapshots are
/// written once, not once per rank (what ChainerMN scripts do with `if comm.rank == 0: trainer.extend(…)`).
///
/// ```swift
/// let log = LogReport()
/// trainer.extend(RootOnly(log, communicator: comm))
/// trainer.extend(RootOnly(PrintReport(["epoch", "main/loss", "validation/main/loss"], logReport: log), communicator: comm))
/// ```
/// Its name, trigger, priority and snapshot state are those of the wrapped extension on every rank, so
/// the ranks register the same extensions and a snapshot resumes on any rank. Never wrap an extension
/// that makes collective calls (a ``MultiNodeEvaluator``): rank 0 would wait for the others forever.
public final class RootOnly: Extension {
    /// The extension run on rank 0.
    public let wrapped: any Extension
    /// True on rank 0.
    public let isActive: Bool

    /// `wrapped`, active on `communicator`'s rank 0 only.
    public init(_ wrapped: any Extension, communicator: any Communicator) {
        self.wrapped = wrapped
        self.isActive = communicator.rank == 0
    }

    public var defaultName: String { wrapped.defaultName }
    public var defaultTrigger: IntervalTrigger { wrapped.defaultTrigger }
    public var defaultPriority: Int { wrapped.defaultPriority }
    public func initialize(_ trainer: Trainer) throws { if isActive { try wrapped.initialize(trainer) } }
    public func callAsFunction(_ trainer: Trainer) throws { if isActive { try wrapped(trainer) } }
    public func finalize(_ trainer: Trainer) { if isActive { wrapped.finalize(trainer) } }
    /// Saves or restores the wrapped extension's state, on every rank.
    public func serialize(_ serializer: any StateSerializer) throws { try wrapped.serialize(serializer) }
}
