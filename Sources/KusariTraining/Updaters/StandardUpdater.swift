import KusariCore
import KusariNN
import KusariData
import KusariIO
import KusariPlot

/// The plain training step (Chainer's `StandardUpdater`): take a batch, turn it into Variables, compute
/// the loss, back-propagate, update.
///
/// ```swift
/// let updater = StandardUpdater(iterator: trainIterator, optimizer: Adam().setup(model)) { v in
///     meanSquaredError(model(v[0]), v[1])      // v = [x, t] as Variables
/// }
/// ```
/// The loss is reported as `main/loss`.
public final class StandardUpdater: IteratorUpdater {
    /// The training batches, `[x, t, …]`.
    public let iterator: any DatasetIterator<[NDArray]>
    private let lossFunction: ([Variable]) throws -> Variable

    /// - Parameters:
    ///   - iterator: yields batches `[x, t, …]` as arrays.
    ///   - optimizer: set up with the model the loss depends on.
    ///   - lossFunction: maps the batch (as constant Variables) to a scalar loss.
    public init(iterator: any DatasetIterator<[NDArray]>, optimizer: Optimizer,
                lossFunction: @escaping ([Variable]) throws -> Variable) {
        self.iterator = iterator
        self.lossFunction = lossFunction
        super.init(mainIterator: iterator, optimizer: optimizer)
    }

    override public func updateCore() throws {
        guard let batch = iterator.next() else {
            fatalError("StandardUpdater: the iterator is exhausted (create it with repeat: true)")
        }
        let loss = try lossFunction(batch.map { Variable($0, requiresGrad: false) })
        report(["main/loss": loss])
        try backwardAndUpdate(loss)
    }
}
