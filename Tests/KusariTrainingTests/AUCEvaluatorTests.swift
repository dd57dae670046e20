import Foundation
import Kusari
import Testing

extension Training {
    @Suite struct AUCEvaluatorTests {
        @Test func oneAUCOverAllBatchesInTestMode() throws {
            // Scores and labels in columns; batches of 3 split ties and classes across batches.
            let scores = [0.9, 0.4, 0.4, 0.1, 0.7, 0.3, 0.8], labels = [1, 1, 0, 0, 0, 1, 1]
            let data = TupleDataset(NDArray(scores, shape: [7], dtype: .float64),
                                    NDArray(labels.map(Double.init), shape: [7], dtype: .float64))
            let iterator = SerialIterator(data, batchSize: 3, repeat: false, shuffle: false)
            var trainFlags: [Bool] = []
            let evaluator = AUCEvaluator(iterator: iterator) { batch in
                trainFlags.append(Config.train)
                return (batch[0].doubleValues, batch[1].doubleValues.map { Int($0) })
            }
            #expect(try evaluator.run() == rocAUC(scores: scores, labels: labels))
            #expect(trainFlags == [false, false, false])
            #expect(try evaluator.run() == rocAUC(scores: scores, labels: labels))    // resets the iterator
        }

        @Test func binaryClassifierReportsLossAndAccuracy() {
            let linear = Linear(2, 1, dtype: .float64, generator: RandomGenerator(seed: 3))
            let classifier = BinaryClassifier<Variable>(linear) { linear($0) }
            #expect(classifier.namedParameters().map(\.path) == ["/predictor/W", "/predictor/b"])
            let x = Variable(NDArray([1, 2, -1, 0.5, 3, -2], shape: [3, 2], dtype: .float64))
            let y = NDArray([1, 0, 1.0], shape: [3, 1], dtype: .float64)
            let loss = classifier(x, labels: y)
            let logits = linear(x)
            #expect(abs(loss.data.scalar - sigmoidCrossEntropy(logits, Variable(y)).data.scalar) < 1e-12)
            let hits = zip(logits.data.doubleValues, y.doubleValues).filter { ($0 > 0) == ($1 == 1) }.count
            #expect(classifier.observation["accuracy"] == Double(hits) / 3)
        }
    }
}
