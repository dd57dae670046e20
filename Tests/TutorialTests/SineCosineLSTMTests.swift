import Foundation
import Kusari
import Testing
import KusariTestFixtures
import TutorialSupport
@testable import SineCosineLSTM

/// Tests of the `sine-cosine-lstm` tutorial (experiment 2): the data, the model, validation and forecast
/// on models whose answers are known, the command line, and a one-epoch run end to end.
enum SineCosineLSTMTutorial {
    /// A "model" that predicts that nothing changes: it returns its input.
    final class Persistence: Link, Layer {
        func callAsFunction(_ x: Variable) -> Variable { x }
    }

    /// Row `k` of `array` (shape `(n, 2)`) as Doubles.
    static func row(_ k: Int, of array: NDArray) -> [Double] { array[k].doubleValues }

    /// RMS over the elements of `pairs` of (a − b).
    static func rms(_ pairs: [([Double], [Double])]) -> Double {
        rootMeanSquare(pairs.flatMap { zip($0.0, $0.1).map { $0 - $1 } })
    }

    @Suite("sine-cosine-lstm: data")
    struct DataPreparation {
        let data = SineCosineData()

        @Test func shapesAndSplit() {
            #expect(data.series.shape == [200, 2] && data.series.dtype == .float32)
            #expect(data.train.shape == [150, 2])
            #expect(data.test.shape == [50, 2])
            #expect(row(149, of: data.train) == row(149, of: data.series))   // no gap, no overlap
            #expect(row(0, of: data.test) == row(150, of: data.series))
            #expect(row(49, of: data.test) == row(199, of: data.series))
        }

        /// t runs from 0 to 8π in 199 equal steps (linspace with both ends).
        @Test func timeAxisIsLinspace() {
            #expect(SineCosineData.time(at: 0) == 0)
            #expect(abs(SineCosineData.time(at: 199) - 8 * Double.pi) < 1e-12)
            #expect(abs(SineCosineData.time(at: 1) - 8 * Double.pi / 199) < 1e-15)
        }

        @Test func valuesAtAFewPoints() {
            let first = row(0, of: data.series), last = row(199, of: data.series)
            #expect(first[0] == 0 && abs(first[1] - 0.8) < 1e-7)             // sin 0, cos 0
            #expect(abs(last[0]) < 1e-6 && abs(last[1] - 0.8) < 1e-6)         // sin 16π, cos 8π
            let t = 8 * Double.pi * 150 / 199
            let p = row(150, of: data.series)
            #expect(abs(p[0] - 0.8 * sin(2 * t)) < 1e-7 && abs(p[1] - 0.8 * cos(t)) < 1e-7)
        }

        /// Column 0 is 0.8·sin 2t (twice the frequency), column 1 is 0.8·cos t, at every point.
        @Test func columnFormulas() {
            let sinColumn = SineCosineData.column(0, of: data.series)
            let cosColumn = SineCosineData.column(1, of: data.series)
            for k in 0..<200 {
                let t = 8 * Double.pi * Double(k) / 199
                #expect(abs(sinColumn[k] - 0.8 * sin(2 * t)) < 1e-7)
                #expect(abs(cosColumn[k] - 0.8 * cos(t)) < 1e-7)
            }
        }
    }

    @Suite("sine-cosine-lstm: model")
    struct ModelStructure {
        // Written against what any recurrent l2 has (its parameters under /l2/, a state h), so the page's
        // exercise that swaps the LSTM for a GRU keeps these tests compiling and passing.
        @Test func layersAndParameterNames() {
            let model = Model(generator: RandomGenerator(seed: 0))
            let shapes = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.path, $0.parameter.shape) })
            let outer = shapes.filter { !$0.key.hasPrefix("/l2/") }
            #expect(outer == ["/l1/W": [100, 2], "/l1/b": [100], "/l3/W": [2, 100], "/l3/b": [2]])
            #expect(model.parameterCount == 100 * 2 + 100 + model.l2.parameterCount + 2 * 100 + 2)
        }

        @Test func lstmParameterShapes() {
            let lstm = LSTM(100, 100, generator: RandomGenerator(seed: 0))   // the page's l2: 80,902 in all
            let shapes = Dictionary(uniqueKeysWithValues: lstm.namedParameters().map { ($0.path, $0.parameter.shape) })
            #expect(shapes == ["/upward/W": [400, 100], "/upward/b": [400], "/lateral/W": [400, 100]])
            #expect(100 * 2 + 100 + lstm.parameterCount + 2 * 100 + 2 == 80_902)
        }

        @Test func resetStateClearsTheRecurrentState() {
            let model = Model(generator: RandomGenerator(seed: 0))
            let x = Variable(NDArray.zeros([3, 2]), requiresGrad: false)
            #expect(model(x).shape == [3, 2])
            #expect(model.l2.h != nil)
            model.resetState()
            #expect(model.l2.h == nil)
        }

        @Test func sameSeedSameWeights() {
            let a = Model(generator: RandomGenerator(seed: 7)), b = Model(generator: RandomGenerator(seed: 7))
            #expect(zip(a.parameters(), b.parameters()).allSatisfy { $0.data == $1.data })
        }
    }

    @Suite("sine-cosine-lstm: validation and forecast")
    struct ValidationAndForecast {
        let test = SineCosineData().test

        /// Fed the true point at step 1 only, a model that returns its input keeps predicting that point:
        /// at step k its error is x[o + k] − x[o], over the 50 − 20 − 2 = 28 start positions o.
        @Test func persistenceModelFreeRunning() {
            let rmse = validationRMSE(of: Persistence(), on: test, sequenceLength: 20, supportLength: 1, horizon: 1)
            #expect(rmse.total.count == 20 && rmse.columns.count == 2 && rmse.columns.allSatisfy { $0.count == 20 })
            for k in 1...20 {
                let pairs = (0..<28).map { o in (row(o + k, of: test), row(o, of: test)) }
                #expect(abs(rmse.total[k - 1] - rms(pairs)) < 1e-6)
                for j in 0..<2 {
                    let column = rootMeanSquare(pairs.map { $0.0[j] - $0.1[j] })
                    #expect(abs(rmse.columns[j][k - 1] - column) < 1e-6)
                }
            }
        }

        /// With the true input at every step, each step's error is the one-step difference x[o + k] − x[o + k − 1].
        @Test func persistenceModelTeacherForced() {
            let rmse = validationRMSE(of: Persistence(), on: test, sequenceLength: 20, supportLength: 20, horizon: 1)
            for k in 1...20 {
                let pairs = (0..<28).map { o in (row(o + k, of: test), row(o + k - 1, of: test)) }
                #expect(abs(rmse.total[k - 1] - rms(pairs)) < 1e-6)
            }
        }

        /// The total is the root of the mean of all squared errors, which lies between the column RMSEs.
        @Test func totalCombinesTheColumns() {
            let rmse = validationRMSE(of: Persistence(), on: test, sequenceLength: 20, supportLength: 1, horizon: 1)
            for k in 0..<20 {
                let (a, b) = (rmse.columns[0][k], rmse.columns[1][k])
                #expect(abs(rmse.total[k] - ((a * a + b * b) / 2).squareRoot()) < 1e-9)
            }
        }

        /// The persistence model repeats each true input during the warm-up, then holds the last one.
        @Test func forecastFeedsBackAfterTheWarmUp() {
            let series = SineCosineData().series
            let f = forecast(Persistence(), series: series, start: 150, warmUp: 10, steps: 100)
            #expect(f.predictions.shape == [100, 2])
            #expect(f.indices.first == 151 && f.indices.last == 250)
            for i in 0..<10 { #expect(row(i, of: f.predictions) == row(150 + i, of: series)) }
            for i in 10..<100 { #expect(row(i, of: f.predictions) == row(159, of: series)) }
            let error = forecastRMSE(f)
            #expect(error.within.isFinite && error.beyond.isFinite && error.within > 0)
        }
    }

    @Suite("sine-cosine-lstm: command line")
    struct CommandLine {
        @Test(arguments: [["--short-support", "0"], ["--short-support", "11"], ["--threads", "0"],
                          ["--epochs", "0"], ["--seed", "-1"], ["--epochs", "ten"]])
        func badInputIsRejected(_ arguments: [String]) {
            #expect(throws: (any Error).self) { try SineCosineTutorial.parse(arguments) }
        }

        @Test func defaultsAreTheBlogs() throws {
            let command = try SineCosineTutorial.parse([])
            #expect(command.shortSupport == 5 && command.threads == 1)
            #expect(command.options.seed == 0 && command.options.epochs == nil && !command.options.quiet)
            let settings = Settings()
            #expect(settings.batchSize == 10 && settings.sequenceLength == 10 && settings.supportLength == 10)
            #expect(settings.horizon == 1 && settings.epochs == 100 && settings.hiddenSize == 100)
            #expect(settings.validationLength == 20 && settings.validationSupport == 1)
        }
    }

    @Suite("sine-cosine-lstm: end to end")
    struct EndToEnd {
        /// One epoch of both runs into a temporary folder: the tutorial's figures and a complete metrics.json.
        /// (PlotReport's `loss.png` needs two logged epochs, so a one-epoch run has none.)
        @Test func oneEpochRun() throws {
            ThreadSettings.acquire()   // the tutorial sets BLAS.threads
            defer { ThreadSettings.release() }
            let folder = FileManager.default.temporaryDirectory.appending(path: "sine-cosine-lstm-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let command = try SineCosineTutorial.parse(["--epochs", "1", "--out", folder.path, "--quiet"])
            try command.run()

            for name in ["data", "validation-rmse", "prediction", "support-comparison"] {
                for ext in ["png", "dat", "gp"] {
                    #expect(FileManager.default.fileExists(atPath: folder.appending(path: "\(name).\(ext)").path),
                            "\(name).\(ext) is missing")
                }
            }
            for name in ["log", "log-support5", "snapshot_iter_15.npz", "snapshot_iter_15-support5.npz"] {
                #expect(FileManager.default.fileExists(atPath: folder.appending(path: name).path), "\(name) is missing")
            }

            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appending(path: "metrics.json")))
            let metrics = try #require(json as? [String: Any])
            try checkRun(metrics, epochs: 1, supportLength: 10)
            try checkRun(try #require(metrics["short_support"] as? [String: Any]), epochs: 1, supportLength: 5)
            let settings = try #require(metrics["settings"] as? [String: Any])
            #expect(settings["epochs"] as? Int == 1 && settings["seed"] as? Int == 0)
            #expect((metrics["total_seconds"] as? Double).map { $0 > 0 && $0.isFinite } == true)
        }

        func checkRun(_ run: [String: Any], epochs: Int, supportLength: Int) throws {
            #expect(run["support_length"] as? Int == supportLength)
            let loss = try #require(run["loss"] as? [Double])
            #expect(loss.count == epochs && loss.allSatisfy { $0.isFinite && $0 > 0 })
            let rmse = try #require(run["validation_rmse"] as? [String: Any])
            for key in ["total", "sin", "cos"] {
                let values = try #require(rmse[key] as? [Double], "validation_rmse.\(key)")
                #expect(values.count == 20 && values.allSatisfy { $0.isFinite && $0 >= 0 })
            }
            let seconds = try #require(run["train_seconds"] as? Double)
            #expect(seconds > 0 && seconds.isFinite)
            #expect(run["iterations"] as? Int == 15 * epochs)
        }
    }
}
