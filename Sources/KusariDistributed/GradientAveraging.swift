import Foundation
import KusariCore
import KusariNN

/// The optimizer hook that makes training data-parallel: at the start of every update it replaces each
/// rank's gradients by their mean over the ranks,
///
///     g ← (1/p) Σ_r g⁽ʳ⁾
///
/// packed into a few large buckets (``GradientBuckets``) so that a step costs one allreduce per bucket.
/// With every rank holding the same parameters and the same averaged gradient, every rank's optimizer
/// makes the same update, and the ranks stay identical without ever exchanging parameters.
///
/// ``MultiNodeOptimizer`` installs it; it is public for optimizers assembled by hand.
public final class GradientAveraging: OptimizerHook {
    /// The ranks to average over.
    public let communicator: any Communicator
    /// The largest bucket, in elements.
    public let bucketCapacity: Int
    /// Seconds spent packing, all-reducing and unpacking gradients so far (the cost of being distributed).
    public private(set) var seconds: Double = 0
    /// Updates averaged so far.
    public private(set) var calls = 0
    /// The current layout (nil before the first update).
    public private(set) var buckets: GradientBuckets?

    /// A hook averaging over `communicator`'s ranks with buckets of at most `bucketCapacity` elements.
    public init(communicator: any Communicator, bucketCapacity: Int = GradientBuckets.defaultCapacity) {
        require(bucketCapacity > 0, "GradientAveraging: bucketCapacity must be positive, got \(bucketCapacity)")
        self.communicator = communicator
        self.bucketCapacity = bucketCapacity
    }

    /// Averages the gradients of `optimizer`'s parameters over the ranks, in place.
    /// - Throws: ``CommunicatorError/mismatch(_:)`` when the ranks have different gradient layouts, and
    ///   ``DistributedTrainingError/nonFiniteGradient(rank:path:)`` when this rank's own gradient holds a
    ///   NaN or ±Inf before averaging (which would otherwise poison every rank).
    public func callAsFunction(_ optimizer: Optimizer) throws {
        let start = Date()
        defer { seconds += Date().timeIntervalSince(start); calls += 1 }
        let parameters = optimizer.parametersWithGradients()
        let grads = parameters.compactMap { $0.parameter.grad?.data }
        if buckets?.fits(grads) != true {
            buckets = try agreedLayout(grads, paths: parameters.map(\.path))
        }
        guard var buckets else { return }
        for (i, g) in grads.enumerated() { buckets.pack(g, at: i) }
        if let bad = buckets.firstNonFiniteSlot() {
            throw DistributedTrainingError.nonFiniteGradient(rank: communicator.rank, path: parameters[bad].path)
        }
        let comm = communicator
        try buckets.forEachBucket(float: { try comm.allreduceMean($0) }, double: { try comm.allreduceMean($0) })
        for (i, (_, parameter)) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            buckets.unpack(at: i, into: &grad.data)
        }
        self.buckets = buckets
    }

    /// A layout for `grads`, after checking that every rank has the same number of arrays and elements.
    private func agreedLayout(_ grads: [NDArray], paths: [String]) throws -> GradientBuckets {
        let layout = GradientBuckets(layoutOf: grads, capacity: bucketCapacity)
        let signature = Double(layout.slots.count) * 1e12 + Double(layout.elementCount)
        let all = try communicator.allgather(signature)
        guard all.allSatisfy({ $0 == signature }) else {
            throw CommunicatorError.mismatch(
                "rank \(communicator.rank) has \(layout.slots.count) gradients with \(layout.elementCount) "
                    + "elements (\(paths.joined(separator: ", "))), other ranks differ; "
                    + "every rank must build the same model and back-propagate through all of it")
        }
        return layout
    }
}

/// A failure of one rank in data-parallel training.
public enum DistributedTrainingError: Error, CustomStringConvertible {
    /// This rank's own gradient was NaN or ±Inf before averaging.
    case nonFiniteGradient(rank: Int, path: String)
    /// The optimizer already had hooks when it was wrapped.
    case hooksBeforeWrapping(optimizer: String, count: Int)
    /// A parameter had no value yet when the parameters were broadcast.
    case uninitializedParameter(path: String)

    public var description: String {
        switch self {
        case let .nonFiniteGradient(rank, path):
            return "rank \(rank): the gradient of \(path) is NaN or infinite before averaging "
                + "(check this rank's data shard; lower the learning rate)"
        case let .hooksBeforeWrapping(optimizer, count):
            return "\(optimizer) already has \(count) hook(s): add hooks (GradientClipping, WeightDecay) after "
                + "MultiNodeOptimizer(wrapping:communicator:), so they see the averaged gradients"
        case let .uninitializedParameter(path):
            return "parameter \(path) has no value yet: give the layer its input size (or run one forward "
                + "pass) before MultiNodeOptimizer.setup, so rank 0's values can be broadcast"
        }
    }
}
