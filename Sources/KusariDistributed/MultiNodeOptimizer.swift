import Foundation
import KusariCore
import KusariNN

/// Turns any optimizer into a data-parallel one (ChainerMN's `create_multi_node_optimizer`, Horovod's
/// `DistributedOptimizer`): rank 0's parameters are broadcast to every rank at ``setup(_:)``, and every
/// update first averages the gradients over the ranks, so all ranks make the same step.
///
/// ```swift
/// let comm = try MPICommunicator()
/// let model = Model()
/// let optimizer = try MultiNodeOptimizer(wrapping: Adam(), communicator: comm).setup(model)
/// optimizer.add(hook: GradientClipping(threshold: 5))     // hooks after wrapping: they see the mean
/// let updater = StandardUpdater(iterator: iterator, optimizer: optimizer) { … }
/// ```
///
/// With each rank computing the mean loss over its B/p examples, the averaged gradient is the gradient
/// of the mean loss over the global batch of B examples: p ranks with batch B/p train like one process
/// with batch B (up to the order of floating-point sums).
///
/// It works through the optimizer's public interface only: ``setup(_:)`` broadcasts and then calls the
/// wrapped optimizer's `setup`, and the averaging is a hook (``GradientAveraging``) that runs before
/// the wrapped optimizer's other hooks and its update rule. What the updater receives is the wrapped
/// optimizer itself (with the hook), so learning-rate schedules, snapshots and `state()` work as before.
///
/// **Parameter averaging** (`synchronization: .parameters(every: k)`, DL4J's
/// `ParameterAveragingTrainingMaster`): no gradient exchange; each rank takes k local steps on its own
/// data, then the parameters are averaged. k times less communication, at the price of ranks drifting
/// apart in between. Add ``averagingExtension`` to the trainer (or call ``averageParameters()`` every
/// k updates yourself).
public final class MultiNodeOptimizer<Wrapped: Optimizer> {
    /// How the ranks are kept in step.
    public enum Synchronization: Equatable, Sendable {
        /// Average the gradients before every update (ChainerMN, Horovod, PyTorch DDP).
        case gradients
        /// Update locally and average the parameters every `every` updates (DL4J on Spark).
        case parameters(every: Int)
    }

    /// The optimizer doing the updates; hand it to the updater.
    public let optimizer: Wrapped
    /// The ranks it trains over.
    public let communicator: any Communicator
    /// Gradients every step, or parameters every k steps.
    public let synchronization: Synchronization
    /// The gradient-averaging hook (nil with `.parameters`): its timers give the communication cost.
    public let gradientAveraging: GradientAveraging?
    /// Seconds spent averaging parameters so far (`.parameters` mode).
    public private(set) var parameterAveragingSeconds: Double = 0

    /// Wraps `optimizer`, which must not have hooks yet (they would run before the averaging).
    /// - Throws: ``DistributedTrainingError/hooksBeforeWrapping(optimizer:count:)``.
    public init(wrapping optimizer: Wrapped, communicator: any Communicator,
                synchronization: Synchronization = .gradients,
                bucketCapacity: Int = GradientBuckets.defaultCapacity) throws {
        guard optimizer.hooks.isEmpty else {
            throw DistributedTrainingError.hooksBeforeWrapping(optimizer: optimizer.name, count: optimizer.hooks.count)
        }
        if case let .parameters(every) = synchronization {
            require(every >= 1, "MultiNodeOptimizer: parameters(every:) needs every ≥ 1, got \(every)")
        }
        self.optimizer = optimizer
        self.communicator = communicator
        self.synchronization = synchronization
        if synchronization == .gradients {
            let hook = GradientAveraging(communicator: communicator, bucketCapacity: bucketCapacity)
            optimizer.add(hook: hook)
            gradientAveraging = hook
        } else {
            gradientAveraging = nil
        }
    }

    /// Broadcasts `link`'s parameters from rank 0 to every rank, then sets the wrapped optimizer up on
    /// it. Returns the wrapped optimizer, ready for an updater.
    /// - Throws: ``DistributedTrainingError/uninitializedParameter(path:)`` or a communicator error.
    @discardableResult
    public func setup(_ link: Link) throws -> Wrapped {
        try broadcastParameters(of: link)
        return optimizer.setup(link)
    }

    /// Copies rank 0's values of every parameter of `link` to every rank (one broadcast per parameter).
    public func broadcastParameters(of link: Link) throws {
        for (path, parameter) in uniqueParameters(of: link) {
            guard parameter.isInitialized else { throw DistributedTrainingError.uninitializedParameter(path: path) }
            try communicator.broadcast(&parameter.data, root: 0)
        }
    }

    /// Replaces every parameter of the optimizer's target by its mean over the ranks (packed in buckets).
    public func averageParameters() throws {
        guard let target = optimizer.target else { return }
        let start = Date()
        defer { parameterAveragingSeconds += Date().timeIntervalSince(start) }
        let parameters = uniqueParameters(of: target).map(\.parameter)
        var buckets = GradientBuckets(layoutOf: parameters.map(\.data))
        for (i, p) in parameters.enumerated() { buckets.pack(p.data, at: i) }
        let comm = communicator
        try buckets.forEachBucket(float: { try comm.allreduceMean($0) }, double: { try comm.allreduceMean($0) })
        for (i, p) in parameters.enumerated() { buckets.unpack(at: i, into: &p.data) }
    }

    /// The trainer extension that averages the parameters every k iterations in `.parameters(every: k)`
    /// mode (and once more when training ends). In `.gradients` mode it is never needed.
    public var averagingExtension: ParameterAveraging {
        ParameterAveraging(every: { if case let .parameters(k) = synchronization { return k } else { return 1 } }()) {
            [self] in try averageParameters()
        }
    }

    private func uniqueParameters(of link: Link) -> [(path: String, parameter: Parameter)] {
        var seen = Set<ObjectIdentifier>()
        return link.namedParameters().filter { seen.insert(ObjectIdentifier($0.parameter)).inserted }
    }
}
