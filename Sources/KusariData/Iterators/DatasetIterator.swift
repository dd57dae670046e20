import KusariCore

/// Something that hands out minibatches one after another and keeps count of iterations and epochs:
/// what an updater pulls its data from.
///
/// Kusari's counterpart of Chainer's `Iterator`. `next()` returns the next batch, or nil once a
/// non-repeating iterator has finished its single epoch. After each `next()`:
/// - ``iteration`` counts the batches handed out so far;
/// - ``epoch`` counts completed passes over the data and ``epochDetail`` is the same as a fraction
///   (`1.5` = halfway through the second pass); ``previousEpochDetail`` is its value before the call
///   (nil before the first batch), so a trigger can see when a boundary was crossed;
/// - ``isNewEpoch`` is true when that batch completed an epoch.
///
/// ``serialize(_:)`` saves the iterator's position (counters as integers) for a snapshot, and puts an
/// iterator of the same configuration back into a saved position, after which it yields the same future
/// batches as the original would have.
public protocol DatasetIterator<Batch>: AnyObject {
    /// What one call of ``next()`` returns.
    associatedtype Batch
    /// The next batch, or nil when a non-repeating iterator has finished.
    func next() -> Batch?
    /// Completed passes over the data.
    var epoch: Int { get }
    /// Progress in epochs as a fraction: `epoch` plus the part of the current pass already consumed.
    var epochDetail: Double { get }
    /// ``epochDetail`` before the latest ``next()``; nil before the first batch.
    var previousEpochDetail: Double? { get }
    /// Whether the latest batch completed an epoch.
    var isNewEpoch: Bool { get }
    /// Batches handed out since creation or the last ``reset()``.
    var iteration: Int { get }
    /// Back to the beginning of epoch 0, with the same order as when the iterator was created.
    func reset()
    /// Saves everything needed to resume (counters, seed, and the configuration to check it against), or
    /// resumes from what an iterator of the same configuration saved (Chainer's `Iterator.serialize`).
    /// - Throws: ``/KusariCore/StateError`` when a saved value is missing or not valid,
    ///   ``DatasetError/invalidIteratorState(_:)`` when it was saved with another configuration.
    func serialize(_ serializer: any StateSerializer) throws
    /// True when the next batch begins a pass over the data, so a model that carries state from batch to
    /// batch should reset it first. The default: before the first batch and after each epoch's last;
    /// ``ParallelSequentialIterator`` makes several passes per epoch.
    var startsNewPass: Bool { get }
}

extension DatasetIterator {
    public var startsNewPass: Bool { iteration == 0 || isNewEpoch }
}
