import Foundation
import Kusari
import Testing
import TutorialSupport
@testable import StatefulRNN

/// Tests of the `stateful-rnn` tutorial (experiment 3): its data preparation, the state carrying of its
/// two stateful layouts, the command line, and a short end-to-end run.
enum StatefulRNNTutorial {
    /// The Seattle series prepared as the tutorial does (batch 6, windows of 6 hours).
    static func seattle(limit: Int? = nil) throws -> PreparedSeries {
        prepare(try loadSeattleTemperatures(limit: limit), name: "Seattle", unit: "°F", timesteps: 6, batchSize: 6)
    }

    @Suite("stateful-rnn: data preparation")
    struct DataPreparation {
        @Test func seattleHasEveryHourAndNoGaps() throws {
            let temps = try loadSeattleTemperatures()
            #expect(temps.count == 8_759)
            #expect(!temps.contains { $0.isNaN })
            #expect(temps.first == 39.4 && temps.last == 39.6)       // the file's first and last rows
        }

        @Test func zScoreOverTheWholeSeriesWithPopulationStd() throws {
            let data = try seattle()
            let z = data.scaled.doubleValues
            let mean = z.reduce(0, +) / Double(z.count)
            let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(z.count)   // ddof 0
            #expect(abs(mean) < 1e-5)
            #expect(abs(variance - 1) < 1e-5)
            let raw = data.raw
            let rawMean = raw.reduce(0, +) / Double(raw.count)
            #expect(abs(data.scaler.mean[0] - rawMean) < 1e-9)
            #expect(abs(data.scaler.scale[0] - (raw.map { ($0 - rawMean) * ($0 - rawMean) }.reduce(0, +)
                                                / Double(raw.count)).squareRoot()) < 1e-9)
        }

        /// 8,759 points give 8,753 windows of 6; the blog keeps a multiple of the batch size: 8,748.
        @Test func windowsAreTruncatedToWholeBatches() throws {
            let data = try seattle()
            #expect(data.count == 8_748 && data.count % 6 == 0)
            #expect(data.x.shape == [8_748, 6, 1] && data.t.shape == [8_748, 1])
            #expect(data.scaled.shape == [8_759, 1])
        }

        /// Window i is hours i…i+5 and its target is hour i+6, for the first and the last kept window.
        @Test func windowsAndTargetsLineUp() throws {
            let data = try seattle()
            let z = data.scaled.doubleValues
            for i in [0, 1, data.count - 1] {
                #expect(data.x[i].doubleValues == Array(z[i ..< i + 6]))
                #expect(data.t[i].doubleValues == [z[i + 6]])
            }
            let back = data.scaler.inverseTransform(data.t[0 ..< 1]).doubleValues[0]
            #expect(abs(back - data.raw[6]) < 1e-4)                       // °F again, float32 rounding
        }

        @Test func syntheticSeriesHasTenYearsAndFollowsTheSeed() {
            let a = syntheticTemperatures(seed: 0)
            #expect(a.count == 87_600)
            #expect(a == syntheticTemperatures(seed: 0))
            #expect(a != syntheticTemperatures(seed: 1))
            let data = prepare(a, name: "synthetic", unit: "°C", timesteps: 6, batchSize: 6)
            #expect(data.count == 87_594)                                // 87,594 windows, already whole batches
            #expect(syntheticNoiseFloor(data) > 0 && syntheticNoiseFloor(data) < 0.01)
        }
    }

    @Suite("stateful-rnn: carrying the state")
    struct CarryingState {
        /// Runs two updates with a zero learning rate (so the weights stay put) and returns the RNN state
        /// left behind.
        func stateAfterTwoBatches(_ data: PreparedSeries, _ variant: Variant) throws -> NDArray {
            let model = Model(generator: RandomGenerator(seed: 7))
            let optimizer = RMSprop(lr: 0).setup(model)
            let updater = WindowUpdater(iterator: makeIterator(data, variant: variant, batchSize: 6),
                                        optimizer: optimizer, predictor: model, carryState: variant.carriesState)
            try updater.update()
            try updater.update()
            return try #require(model.rnn.h).data
        }

        /// The state after reading `length` hours from each of `starts`, from a zero state.
        func stateAfterReading(_ data: PreparedSeries, starts: [Int], length: Int) -> NDArray {
            let model = Model(generator: RandomGenerator(seed: 7))
            let z = data.scaled.doubleValues
            let windows = starts.flatMap { z[$0 ..< $0 + length] }
            let x = NDArray(windows, shape: [starts.count, length, 1], dtype: .float32)
            _ = noGrad { runWindow(x, through: model) }
            return model.rnn.h?.data ?? NDArray.zeros([0])
        }

        func close(_ a: NDArray, _ b: NDArray) -> Bool {
            a.shape == b.shape && zip(a.doubleValues, b.doubleValues).allSatisfy { abs($0 - $1) < 1e-5 }
        }

        /// Stateful (parallel streams): after two batches, sample j's state is that of reading its stream's
        /// 12 consecutive hours in one go, so batch 2 continued batch 1 exactly.
        @Test func parallelStreamsContinueAcrossBatches() throws {
            let data = try seattle(limit: 1_200)
            let iterator = ParallelSequentialIterator(data.scaled, batchSize: 6, timesteps: 6, everyOffset: true)
            let starts = (0..<6).map { iterator.windowStart(stream: $0, batch: 0) }
            #expect(starts == (0..<6).map { $0 * iterator.streamLength })
            #expect((0..<6).map { iterator.windowStart(stream: $0, batch: 1) } == starts.map { $0 + 6 })
            let carried = try stateAfterTwoBatches(data, .stateful)
            #expect(close(carried, stateAfterReading(data, starts: starts, length: 12)))
            #expect(!close(carried, stateAfterReading(data, starts: starts.map { $0 + 6 }, length: 6)))
        }

        /// The blog's layout: batch k is windows 6k…6k+5, so window 6 + j continues window j because the
        /// batch size equals the window length.
        @Test func kerasLayoutContinuesBecauseBatchEqualsTimesteps() throws {
            let data = try seattle(limit: 1_200)
            let carried = try stateAfterTwoBatches(data, .statefulKerasLayout)
            #expect(close(carried, stateAfterReading(data, starts: Array(0..<6), length: 12)))
        }

        /// Stateless: the second batch starts from zero, so the state is that of its 6 hours alone.
        @Test func statelessForgetsBetweenBatches() throws {
            let data = try seattle(limit: 1_200)
            let state = try stateAfterTwoBatches(data, .stateless)
            #expect(close(state, stateAfterReading(data, starts: Array(6..<12), length: 6)))
        }

        /// Both runs make the same number of updates per epoch (an epoch sees every window once).
        @Test func bothVariantsUpdateAsOftenPerEpoch() throws {
            let data = try seattle()
            let iterator = makeIterator(data, variant: .stateful, batchSize: 6)
            let stateful = try #require(iterator as? ParallelSequentialIterator)
            #expect(stateful.batchesPerEpoch == data.count / 6)
        }
    }

    @Suite("stateful-rnn: command line and a short run")
    struct ShortRun {
        @Test func badOptionsAreRejectedWithAMessage() {
            for (arguments, expected) in [(["--epochs", "0"], "--epochs must be at least 1"),
                                          (["--seed", "-3"], "--seed"), (["--out", ""], "--out must name a folder")] {
                do {
                    _ = try StatefulRNNCommand.parse(arguments)
                    Issue.record("accepted \(arguments)")
                } catch {
                    let message = StatefulRNNCommand.message(for: error)
                    #expect(message.contains(expected), "\(arguments): \(message)")
                }
            }
        }

        /// One epoch on 1,200 hours of each series: metrics.json has every key with finite numbers, and
        /// every figure is drawn.
        @Test func oneEpochWritesMetricsAndFigures() throws {
            let out = FileManager.default.temporaryDirectory.appending(path: "stateful-rnn-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: out) }
            var settings = Settings()
            settings.epochs = 1
            settings.seattleHours = 1_200
            settings.syntheticHours = 1_200
            settings.weekStart = 400
            _ = try runTutorial(settings, out: out, narrator: Narrator(quiet: true))

            let data = try Data(contentsOf: out.appending(path: "metrics.json"))
            let metrics = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(metrics["settings"] is [String: Any])
            for series in ["seattle", "synthetic"] {
                let entry = try #require(metrics[series] as? [String: Any])
                for variant in ["stateless", "stateful"] {
                    let run = try #require(entry[variant] as? [String: Any])
                    let loss = try #require(run["loss"] as? [Double])
                    let seconds = try #require(run["epoch_seconds"] as? [Double])
                    #expect(loss.count == 1 && loss.allSatisfy { $0.isFinite && $0 > 0 })
                    #expect(seconds.count == 1 && seconds.allSatisfy { $0.isFinite && $0 > 0 })
                }
            }
            for name in ["data", "loss", "epoch-time", "week", "year"] {
                #expect(FileManager.default.fileExists(atPath: out.appending(path: "\(name).png").path), "\(name).png")
            }
        }
    }
}
