import Foundation
import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// Runs one training iteration: draw a batch, compute the loss, backward, optimizer update
/// (Chainer's `Updater`). The ``Trainer`` calls ``update()`` until its stop trigger fires.
///
/// Kusari ships ``StandardUpdater``, ``TeacherForcingUpdater``, ``BPTTUpdater`` and ``WindowUpdater``;
/// conform to this protocol to write your own training step.
public protocol Updater: AnyObject {
    /// Iterations completed so far.
    var iteration: Int { get }
    /// Completed epochs of the main iterator.
    var epoch: Int { get }
    /// Epochs as a fraction (2.5 = halfway through the third epoch).
    var epochDetail: Double { get }
    /// True right after the iteration that finished an epoch.
    var isNewEpoch: Bool { get }
    /// ``epochDetail`` before the latest ``update()`` (nil before the first): lets an epoch trigger see
    /// that an iteration crossed an epoch boundary even when it did not end exactly on one.
    var previousEpochDetail: Double? { get }
    /// Performs one iteration; throws ``TrainingError`` when the loss is not finite.
    func update() throws
    /// Saves or restores the updater's state (iteration count, model, optimizer, iterator position) for
    /// snapshots (Chainer's `Updater.serialize`); a wrapping updater forwards it to the one it wraps.
    func serialize(_ serializer: any StateSerializer) throws
}

extension Updater {
    /// Not tracked unless the updater implements it; epoch triggers then rely on ``isNewEpoch``.
    public var previousEpochDetail: Double? { nil }
}

/// Something went wrong during training; the message says what and where.
public enum TrainingError: Error, CustomStringConvertible {
    /// The loss became NaN or ±Inf. `lastSnapshot` is the newest snapshot file the trainer wrote (or
    /// found) before it, if any: it is intact and training can resume from it.
    case nonFiniteLoss(iteration: Int, value: Double, lastSnapshot: URL? = nil)
    /// A snapshot or state could not be restored.
    case badState(String)

    public var description: String {
        switch self {
        case let .nonFiniteLoss(iteration, value, lastSnapshot):
            let resume = lastSnapshot.map {
                " The last snapshot, \($0.path), was written before this iteration and is intact: "
                    + "after the fix, resume from it with trainer.resume(from:)."
            } ?? ""
            return "training stopped: the loss is \(value) at iteration \(iteration). "
                + "Lower the learning rate, clip gradients (GradientClipping) or check the data for NaN." + resume
        case let .badState(message):
            return "cannot restore training state: \(message)"
        }
    }
}

/// Throws ``TrainingError/nonFiniteLoss(iteration:value:lastSnapshot:)`` when `loss` is NaN or ±Inf.
public func checkFiniteLoss(_ loss: Variable, iteration: Int) throws {
    guard loss.data.isFinite else {
        throw TrainingError.nonFiniteLoss(iteration: iteration, value: loss.data.doubleValues.first { !$0.isFinite } ?? .nan)
    }
}
