import Foundation
import Kusari
import Testing

@testable import NoisySineRNN

/// Tests of the `noisy-sine-rnn` tutorial (experiment 1).
enum NoisySineRNNTutorial {
    @Suite("noisy-sine-rnn")
    struct Tests {
        let data = NoisySineData(generator: RandomGenerator(seed: 0))

        /// The noisy points as float32, the precision the windows are stored in.
        private func float32(_ values: ArraySlice<Double>) -> [Double] { values.map { Double(Float($0)) } }

        @Test("200 points become 180 windows of 20, split in order into 144 for training and 36 for validation")
        func windowsAndSplit() {
            #expect(data.noisy.count == 200)
            #expect(data.windows.shape == [180, 20, 1])
            #expect(data.targets.shape == [180, 1])
            #expect(data.training.count == 144)
            #expect(data.validation.count == 36)
            #expect(data.training.range == 0..<144)
            #expect(data.validation.range == 144..<180)
        }

        @Test("window 0 is the first 20 noisy points and its target is point 20")
        func firstWindow() {
            let example = data.training[0]
            #expect(example[0].shape == [20, 1])
            #expect(example[0].doubleValues == float32(data.noisy[0..<20]))
            #expect(example[1].doubleValues == float32(data.noisy[20...20]))
            #expect(data.firstWindow == Array(data.noisy[0..<20]))
        }

        @Test("the first validation window starts at point 144 and predicts point 164")
        func firstValidationWindow() {
            let example = data.validation[0]
            #expect(example[0].doubleValues == float32(data.noisy[144..<164]))
            #expect(example[1].doubleValues == float32(data.noisy[164...164]))
            #expect(data.validationTargets.x.first == 164)
            #expect(data.validationTargets.x.last == 199)
        }

        @Test("the clean series is sin(2πx/100) and the noise stays within ±0.05")
        func noiseBounds() {
            #expect(abs(data.clean[25] - 1) < 1e-12)                 // a quarter period
            #expect(abs(data.clean[50]) < 1e-12)                     // half a period
            let noise = zip(data.noisy, data.clean).map { $0 - $1 }
            #expect(noise.allSatisfy { abs($0) <= 0.05 })
            #expect(noise.contains { $0 > 0.03 } && noise.contains { $0 < -0.03 })   // it really is noisy
        }

        @Test("the noise is reproducible from the seed")
        func reproducibleNoise() {
            let again = NoisySineData(generator: RandomGenerator(seed: 0))
            let other = NoisySineData(generator: RandomGenerator(seed: 1))
            #expect(again.noisy == data.noisy)
            #expect(other.noisy != data.noisy)
        }

        @Test("the model is SimpleRNN(1→20) then Linear(20→1), Keras-initialized")
        func model() {
            let model = Model(generator: RandomGenerator(seed: 0))
            #expect(model.parameterCount == 20 + 20 + 400 + 20 + 1)
            #expect(model.rnn.upward.b?.data.doubleValues.allSatisfy { $0 == 0 } == true)
            #expect(model.output.b?.data.doubleValues == [0])
            // The recurrent kernel is orthogonal: Wₕ·Wₕᵀ = I.
            let w = model.rnn.lateral.W.data.astype(.float64)
            let product = NDArray.matmul(w, w, transB: true).doubleValues
            for i in 0..<20 {
                for j in 0..<20 { #expect(abs(product[i * 20 + j] - (i == j ? 1 : 0)) < 1e-5) }
            }
            let y = runWindow(data.windows[0..<3], through: model)
            #expect(y.shape == [3, 1])
        }

        @Test("the forecast feeds each prediction back into the window")
        func closedLoop() {
            let model = Model(generator: RandomGenerator(seed: 0))
            let predictions = closedLoopForecast(model, from: data.firstWindow, steps: 22)
            #expect(predictions.count == 22)
            // Step 2 sees the window shifted by one with prediction 1 appended.
            let shifted = Array(data.firstWindow.dropFirst()) + [predictions[0]]
            #expect(closedLoopForecast(model, from: shifted, steps: 1)[0] == predictions[1])
            #expect(forecastRMSE(Array(data.clean[20..<42]), data: data) == 0)
        }

        @Test("bad command-line values are rejected with a message")
        func badOptions() {
            #expect(throws: (any Error).self) { try NoisySineRNNCommand.parse(["--epochs", "0"]) }
            #expect(throws: (any Error).self) { try NoisySineRNNCommand.parse(["--epochs", "ten"]) }
            #expect(throws: (any Error).self) { try NoisySineRNNCommand.parse(["--seed", "-1"]) }
        }

        @Test("a one-epoch run writes metrics.json with finite numbers and the three figures")
        func smokeRun() throws {
            let folder = FileManager.default.temporaryDirectory
                .appending(path: "noisy-sine-rnn-test-\(UUID().uuidString)", directoryHint: .isDirectory)
            defer { try? FileManager.default.removeItem(at: folder) }
            let command = try NoisySineRNNCommand.parse(["--epochs", "1", "--out", folder.path, "--quiet"])
            try command.run()

            let json = try Data(contentsOf: folder.appending(path: "metrics.json"))
            let metrics = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            for key in ["seed", "epochs", "batch_size", "learning_rate", "hidden", "window"] {
                #expect(metrics[key] is NSNumber, "\(key)")
            }
            let trainLoss = try #require(metrics["train_loss"] as? [Double])
            let validationLoss = try #require(metrics["val_loss"] as? [Double])
            #expect(trainLoss.count == 1 && validationLoss.count == 1)
            #expect((trainLoss + validationLoss).allSatisfy { $0.isFinite && $0 > 0 })
            let rmse = try #require(metrics["forecast_rmse"] as? Double)
            let seconds = try #require(metrics["train_seconds"] as? Double)
            #expect(rmse.isFinite && seconds.isFinite && seconds > 0)
            for name in ["targets", "loss", "forecast"] {
                for ext in ["png", "dat", "gp"] {
                    #expect(FileManager.default.fileExists(atPath: folder.appending(path: "\(name).\(ext)").path),
                            "\(name).\(ext)")
                }
            }
        }
    }
}
