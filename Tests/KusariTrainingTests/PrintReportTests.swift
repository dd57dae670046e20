import Foundation
import Kusari
import Testing

extension Training {
    @Suite struct PrintReportTests {
        typealias F = TrainingFixtures

        /// Where each column starts in `line`: the positions of characters that follow a space (or start it).
        func columnStarts(_ line: String) -> [Int] {
            let chars = Array(line)
            return chars.indices.filter { chars[$0] != " " && ($0 == 0 || chars[$0 - 1] == " ") }
        }

        @Test func printsAnAlignedTableOneRowPerLogEntry() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let model = F.Regressor(seed: 1)
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, generator: RandomGenerator(seed: 2))
            let updater = StandardUpdater(iterator: iterator, optimizer: Adam().setup(model), lossFunction: F.mse(model))
            let trainer = Trainer(updater: updater, stopTrigger: (3, .epoch), out: out)
            // Values of every width %.6g produces, up to the longest ("-1.23457e-100"), one per epoch.
            trainer.extend(F.Recorder("extremes", priority: ExtensionPriority.writer) { trainer in
                let epoch = (trainer.updater.iteration - 1) / 5
                report(["tiny": [-1.2345678e-100, -1.2345678e-5, 5][epoch], "big": [1.5e300, 123456789012, 1][epoch]])
            })
            let log = LogReport()
            trainer.extend(log)
            var lines: [String] = []
            let columns = ["epoch", "iteration", "main/loss", "tiny", "big", "elapsed_time", "missing"]
            trainer.extend(PrintReport(columns, logReport: log) { lines.append($0) })
            try trainer.run()

            #expect(lines.count == 4)   // header + one row per epoch
            let header = lines[0]
            #expect(header.split(separator: " ").map(String.init) == columns)
            let starts = columnStarts(header)
            for (row, entry) in zip(lines.dropFirst(), log.log) {
                let present = columns.filter { entry[$0] != nil }
                #expect(columnStarts(row) == Array(starts.prefix(present.count)), "misaligned: \(row)")
                let cells = row.split(separator: " ").map(String.init)
                #expect(cells[0] == String(Int(entry["epoch"]!)) && cells[1] == String(Int(entry["iteration"]!)))
                #expect(abs(Double(cells[2])! - entry["main/loss"]!) <= 1e-5 * entry["main/loss"]!)
            }
        }

        @Test func printsOnlyNewEntries() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let model = F.Regressor(seed: 1)
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, shuffle: false)
            let updater = StandardUpdater(iterator: iterator, optimizer: SGD().setup(model), lossFunction: F.mse(model))
            let trainer = Trainer(updater: updater, stopTrigger: (6, .iteration), out: out)
            let log = LogReport(trigger: (2, .iteration))
            trainer.extend(log)
            var lines: [String] = []
            trainer.extend(PrintReport(["iteration"], logReport: log) { lines.append($0) })
            try trainer.run()
            #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) } == ["iteration", "2", "4", "6"])
        }

        /// After `resume`, the restored rows are not printed again: a header, then only the new rows.
        @Test func resumedRunPrintsOnlyItsOwnRows() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            func run(until iterations: Int, _ lines: @escaping (String) -> Void) -> Trainer {
                let model = F.Regressor(seed: 1)
                let iterator = SerialIterator(F.regressionData(), batchSize: 4, shuffle: false)
                let updater = StandardUpdater(iterator: iterator, optimizer: SGD().setup(model), lossFunction: F.mse(model))
                let trainer = Trainer(updater: updater, stopTrigger: (iterations, .iteration), out: out)
                let log = LogReport(trigger: (2, .iteration))
                trainer.extend(log)
                trainer.extend(PrintReport(["iteration"], logReport: log, write: lines))
                return trainer
            }
            var first: [String] = [], second: [String] = []
            let before = run(until: 4) { first.append($0) }
            before.extend(Snapshot(), trigger: (4, .iteration))
            try before.run()
            let after = run(until: 8) { second.append($0) }
            try after.resume(from: out.appending(path: "snapshot_iter_4.npz"))
            try after.run()
            #expect(first.map { $0.trimmingCharacters(in: .whitespaces) } == ["iteration", "2", "4"])
            #expect(second.map { $0.trimmingCharacters(in: .whitespaces) } == ["iteration", "6", "8"])
        }
    }
}
