import Foundation
import Kusari
import Testing

extension Training {
    /// What a snapshot holds and how it is read: every component goes through one serializer visitor,
    /// counters are int64 members, and snapshots written before that (counters as float64) still resume.
    @Suite struct SnapshotFormatTests {
        typealias F = TrainingFixtures

        /// A run with every kind of saved state: a shuffling iterator, Adam, a log (mid-interval summary
        /// included), a printed report, a learning-rate schedule, a best-value trigger on an extension and
        /// an early-stopping stop trigger.
        struct Run {
            let trainer: Trainer
            let model: F.Regressor
            let optimizer: Optimizer
            let log: LogReport
        }

        func fullRun(until iterations: Int, out: URL) -> Run {
            let model = F.Regressor(seed: 41)
            let optimizer = Adam(alpha: 0.02).setup(model)
            let iterator = SerialIterator(F.regressionData(count: 18), batchSize: 4, generator: RandomGenerator(seed: 42))
            let updater = StandardUpdater(iterator: iterator, optimizer: optimizer, lossFunction: F.mse(model))
            let stop = EarlyStoppingTrigger(monitor: "main/loss", patience: 100, checkTrigger: (2, .iteration),
                                            maxTrigger: (iterations, .iteration))
            let trainer = Trainer(updater: updater, stopTrigger: stop, out: out)
            let log = LogReport(trigger: (3, .iteration), fileName: nil)
            trainer.extend(log)
            trainer.extend(PrintReport(["iteration", "main/loss"], logReport: log, write: { _ in }))
            trainer.extend(ExponentialShift(rate: 0.8, optimizer: optimizer), trigger: (2, .iteration))
            trainer.extend(F.Recorder("best"), trigger: BestValueTrigger.min(key: "main/loss", trigger: (2, .iteration)))
            return Run(trainer: trainer, model: model, optimizer: optimizer, log: log)
        }

        /// The first run's snapshot after `n` iterations.
        func snapshot(n: Int, out: URL) throws -> URL {
            let first = fullRun(until: n, out: out)
            first.trainer.extend(Snapshot(), trigger: (n, .iteration))
            try first.trainer.run()
            return out.appending(path: "snapshot_iter_\(n).npz")
        }

        @Test("counters are int64 members of the .npz; numbers and arrays keep float64 / the parameter dtype")
        func countersAreIntegers() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let url = try snapshot(n: 5, out: out)
            let archive = try NPZArchive(contentsOf: url)
            for key in ["updater/iteration", "updater/optimizer/t", "updater/optimizer/l1/W/t",
                        "updater/iterator/iteration", "updater/iterator/epoch", "updater/iterator/seed_high",
                        "updater/iterator/is_new_epoch", "updater/iterator/batch_size",
                        "extensions/LogReport/count", "extensions/LogReport/summary/count/main/loss",
                        "extensions/PrintReport/printed", "extensions/ExponentialShift/shifts",
                        "triggers/best/summary/count/main/loss",
                        "trainer/stop_trigger/checks_without_improvement"] {
                #expect(archive[key]?.dtypeName == "int64", "\(key): \(String(describing: archive[key]))")
                #expect(archive[key]?.shape == [], "\(key)")
            }
            #expect(archive["updater/iteration"] == .integer(5))
            #expect(try archive.integer("updater/optimizer/t") == 5)
            for key in ["trainer/elapsed_time", "updater/optimizer/lr", "updater/iterator/previous_epoch_detail",
                        "extensions/ExponentialShift/initial", "triggers/best/best"] {
                #expect(archive[key]?.dtypeName == "float64", "\(key)")
            }
            #expect(archive["updater/model/l1/W"]?.dtypeName == "float32")
            // The bytes on disk: the member's .npy header says little-endian int64.
            let bytes = try Data(contentsOf: url)
            let member = try #require(bytes.range(of: Data("updater/iteration.npy".utf8)))
            let header = try #require(bytes[member.upperBound...].range(of: Data("'descr': '".utf8)))
            #expect(String(decoding: bytes[header.upperBound..<header.upperBound + 3], as: UTF8.self) == "<i8")
        }

        @Test("writing, reading into a fresh trainer and writing again gives the same entries, bit for bit")
        func everyComponentRoundTrips() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let run = fullRun(until: 7, out: out)
            try run.trainer.run()
            let saved = try run.trainer.state()
            let fresh = fullRun(until: 7, out: out)
            try fresh.trainer.restore(saved)
            #expect(try fresh.trainer.state() == saved)
            #expect(fresh.log.log == run.log.log)
            #expect(try fresh.optimizer.state() == run.optimizer.state())
            #expect(fresh.optimizer.lr == run.optimizer.lr)
        }

        @Test("a snapshot written before counters were integers (all float64) resumes bit for bit", arguments: [4, 5])
        func oldFloat64SnapshotResumes(n: Int) throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let straight = fullRun(until: 2 * n, out: out.appending(path: "straight"))
            try straight.trainer.run()
            let url = try snapshot(n: n, out: out.appending(path: "first"))

            // The previous version's layout: the same keys, every member float64.
            var old = try NPZArchive(contentsOf: url)
            for (key, value) in old.members where value.integerValues != nil {
                old[key] = .array(value.ndarray)
            }
            #expect(old.members.values.allSatisfy { $0.dtypeName != "int64" })
            let oldURL = out.appending(path: "old.npz")
            try old.write(to: oldURL)

            for file in [url, oldURL] {
                let resumed = fullRun(until: 2 * n, out: out.appending(path: "resumed-\(file.lastPathComponent)"))
                try resumed.trainer.resume(from: file)
                try resumed.trainer.run()
                #expect(resumed.model.parameterArrays() == straight.model.parameterArrays(), "\(file.lastPathComponent)")
                #expect(try resumed.optimizer.state() == straight.optimizer.state())
                #expect(F.timeless(resumed.log.log) == F.timeless(straight.log.log))
                #expect(resumed.optimizer.lr == straight.optimizer.lr)
            }
        }
    }
}
