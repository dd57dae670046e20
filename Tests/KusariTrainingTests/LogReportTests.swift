import Foundation
import Kusari
import Testing

extension Training {
    @Suite struct LogReportTests {
        typealias F = TrainingFixtures

        /// The per-iteration losses of the same training done by hand: same model, optimizer and batches.
        func handRunLosses(iterations: Int, examples: Int) throws -> [Double] {
            let model = F.Regressor(seed: 1)
            let optimizer = Adam(alpha: 0.01).setup(model)
            let iterator = SerialIterator(F.regressionData(count: examples), batchSize: 4,
                                          generator: RandomGenerator(seed: 2))
            var losses: [Double] = []
            for _ in 0..<iterations {
                let batch = try #require(iterator.next()).map { Variable($0, requiresGrad: false) }
                let loss = meanSquaredError(model(batch[0]), batch[1])
                losses.append(loss.data.scalar)
                model.clearGrads()
                loss.backward()
                loss.unchainBackward()
                try optimizer.update()
            }
            return losses
        }

        func train(iterations: Int, examples: Int, log: LogReport, out: URL) throws {
            let model = F.Regressor(seed: 1)
            let iterator = SerialIterator(F.regressionData(count: examples), batchSize: 4,
                                          generator: RandomGenerator(seed: 2))
            let updater = StandardUpdater(iterator: iterator, optimizer: Adam(alpha: 0.01).setup(model),
                                          lossFunction: F.mse(model))
            let trainer = Trainer(updater: updater, stopTrigger: (iterations, .iteration), out: out)
            trainer.extend(log)
            try trainer.run()
        }

        /// The JSON objects of the lines of `url`.
        /// The log's lines as JSON objects (`null` read as NaN). JSONDecoder, not JSONSerialization: on Linux
        /// the latter reads some 17-digit numbers one bit off.
        func readLines(_ url: URL) throws -> [[String: Double]] {
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.hasSuffix("\n"))
            return try text.split(separator: "\n").map {
                try JSONDecoder().decode([String: Double?].self, from: Data($0.utf8)).mapValues { $0 ?? .nan }
            }
        }

        @Test func logsEpochMeansAsJSONLines() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let log = LogReport()
            try train(iterations: 14, examples: 18, log: log, out: out)   // epochs end at 5, 9 and 14
            let losses = try handRunLosses(iterations: 14, examples: 18)
            func mean(_ r: Range<Int>) -> Double { losses[r].reduce(0, +) / Double(r.count) }
            #expect(F.timeless(log.log) == [
                ["epoch": 1, "iteration": 5, "main/loss": mean(0..<5)],
                ["epoch": 2, "iteration": 9, "main/loss": mean(5..<9)],
                ["epoch": 3, "iteration": 14, "main/loss": mean(9..<14)],
            ])
            let lines = try readLines(out.appending(path: "log"))
            #expect(lines.count == 3)
            for (line, entry) in zip(lines, log.log) {
                #expect(Set(line.keys) == ["epoch", "iteration", "elapsed_time", "main/loss"])
                #expect(line["main/loss"] == entry["main/loss"])
                #expect(line["iteration"] == entry["iteration"])
                let elapsed = try #require(line["elapsed_time"])
                #expect(elapsed >= 0 && elapsed < 60)
            }
            let times = log.log.compactMap { $0["elapsed_time"] }
            #expect(times == times.sorted())
        }

        @Test func logsByIterationWithKeysAndFileName() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let log = LogReport(keys: ["main/loss"], trigger: (3, .iteration), fileName: "train.jsonl")
            try train(iterations: 7, examples: 20, log: log, out: out)
            let losses = try handRunLosses(iterations: 7, examples: 20)
            #expect(log.log.map { $0["iteration"] } == [3, 6])
            #expect(log.log.map { $0["epoch"] } == [0, 1])
            #expect(log.log.map { $0["main/loss"] } == [losses[0..<3].reduce(0, +) / 3, losses[3..<6].reduce(0, +) / 3])
            #expect(try readLines(out.appending(path: "train.jsonl")).count == 2)
            #expect(!FileManager.default.fileExists(atPath: out.appending(path: "log").path))
            #expect(log.series("main/loss", x: "iteration").x == [3, 6])
        }

        @Test func nonFiniteValuesAreWrittenAsNull() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let model = F.Regressor(seed: 1)
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, shuffle: false)
            let updater = StandardUpdater(iterator: iterator, optimizer: SGD().setup(model), lossFunction: F.mse(model))
            let trainer = Trainer(updater: updater, stopTrigger: (2, .iteration), out: out)
            trainer.extend(F.Recorder("diverging", priority: ExtensionPriority.writer) { _ in
                report(["validation/main/loss": .infinity])
            })
            let log = LogReport(trigger: (1, .iteration))
            trainer.extend(log)
            try trainer.run()   // JSONSerialization rejects ±Inf: this used to stop training
            let lines = try readLines(out.appending(path: "log"))
            #expect(lines.count == 2 && lines.allSatisfy { $0["validation/main/loss"]?.isNaN == true })
            #expect(log.log[0]["validation/main/loss"] == .infinity)
        }
    }
}
