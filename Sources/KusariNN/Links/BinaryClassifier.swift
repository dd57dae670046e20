import KusariCore

/// A predictor with a binary-classification loss (Chainer's `L.Classifier` for one sigmoid output): it
/// computes the predictor's logits, returns the sigmoid cross-entropy against 0/1 labels, and keeps the
/// loss and the accuracy (logit > 0 ⇔ predicted 1) of the last call in ``observation``, for a trainer to
/// report.
///
/// The predictor is any link; `logits` says how to call it (so it can take sequence batches):
///
/// ```swift
/// let classifier = BinaryClassifier(model) { (batch: PaddedSequences) in model.lastLogit(batch) }
/// let loss = classifier(batch, labels: y)        // y: 0/1, shaped like the logits
/// classifier.observation                         // ["loss": 0.41, "accuracy": 0.87]
/// ```
public final class BinaryClassifier<Input>: Chain {
    /// The wrapped model (its parameters are this chain's, under `/predictor`).
    public let predictor: Link
    private let logits: (Input) -> Variable
    /// The loss and accuracy of the last call.
    public private(set) var observation: [String: Double] = [:]

    /// Wraps `predictor`; `logits` maps an input to its scores (any shape, one per label).
    public init(_ predictor: Link, logits: @escaping (Input) -> Variable) {
        self.predictor = predictor
        self.logits = logits
        super.init()
    }

    /// The loss of `input` against `labels` (0/1, shaped like the logits); records loss and accuracy.
    public func callAsFunction(_ input: Input, labels: NDArray) -> Variable {
        let scores = logits(input)
        let loss = sigmoidCrossEntropy(scores, Variable(labels.astype(scores.dtype), requiresGrad: false))
        let hits = zip(scores.data.doubleValues, labels.doubleValues).filter { ($0 > 0) == ($1 > 0.5) }.count
        observation = ["loss": loss.data.scalar, "accuracy": Double(hits) / Double(max(labels.count, 1))]
        return loss
    }
}
