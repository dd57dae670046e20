import Foundation
import Kusari
import Testing

extension Training {
    /// Resuming from a snapshot continues training bit for bit: the same parameters, optimizer state and
    /// log as a run that was never interrupted.
    @Suite struct SnapshotResumeTests {
        typealias F = TrainingFixtures

        /// Everything one run builds, from fixed seeds.
        struct Run {
            let trainer: Trainer
            let model: Link
            let optimizer: Optimizer
            let log: LogReport
        }

        /// StandardUpdater + a shuffling SerialIterator (18 examples, batch 4: epochs end inside batches)
        /// + Adam, logging every epoch and every 3 iterations.
        func regressionRun(until iterations: Int, out: URL) -> Run {
            let model = F.Regressor(seed: 11)
            let optimizer = Adam(alpha: 0.02).setup(model)
            let iterator = SerialIterator(F.regressionData(count: 18), batchSize: 4, generator: RandomGenerator(seed: 12))
            let updater = StandardUpdater(iterator: iterator, optimizer: optimizer, lossFunction: F.mse(model))
            let trainer = Trainer(updater: updater, stopTrigger: (iterations, .iteration), out: out)
            let log = LogReport()
            trainer.extend(log)
            trainer.extend(LogReport(trigger: (3, .iteration), fileName: "log3"))
            return Run(trainer: trainer, model: model, optimizer: optimizer, log: log)
        }

        /// TeacherForcingUpdater + SequenceIterator (random offsets) + the stateful accumulator + Adam.
        func sequenceRun(until iterations: Int, out: URL) -> Run {
            let model = F.Accumulator(seed: 21)
            let optimizer = Adam(alpha: 0.01).setup(model)
            let iterator = SequenceIterator(F.sineSeries(30), batchSize: 3, sequenceLength: 5, supportLength: 2,
                                            generator: RandomGenerator(seed: 22))
            let updater = TeacherForcingUpdater(iterator: iterator, optimizer: optimizer, predictor: model)
            let trainer = Trainer(updater: updater, stopTrigger: (iterations, .iteration), out: out)
            let log = LogReport()
            trainer.extend(log)
            return Run(trainer: trainer, model: model, optimizer: optimizer, log: log)
        }

        /// WindowUpdater carrying the state across batches (3 per epoch) of a ParallelSequentialIterator.
        func statefulRun(until iterations: Int, out: URL) -> Run {
            let model = F.Accumulator(seed: 23)
            let optimizer = Adam(alpha: 0.01).setup(model)
            let iterator = ParallelSequentialIterator(F.sineSeries(40).reshaped([40]), batchSize: 3, timesteps: 4)
            let updater = WindowUpdater(iterator: iterator, optimizer: optimizer, predictor: model, carryState: true)
            let trainer = Trainer(updater: updater, stopTrigger: (iterations, .iteration), out: out)
            let log = LogReport()
            trainer.extend(log)
            return Run(trainer: trainer, model: model, optimizer: optimizer, log: log)
        }

        /// Trains 2n iterations straight, and n + n with a snapshot and a fresh set-up in between.
        func checkResume(n: Int, _ make: (Int, URL) -> Run) throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let straight = make(2 * n, out.appending(path: "straight"))
            try straight.trainer.run()

            let first = make(n, out.appending(path: "first"))
            first.trainer.extend(Snapshot(), trigger: (n, .iteration))
            try first.trainer.run()
            let snapshot = out.appending(path: "first/snapshot_iter_\(n).npz")

            let resumed = make(2 * n, out.appending(path: "resumed"))
            try resumed.trainer.resume(from: snapshot)
            #expect(resumed.model.parameterArrays() == first.model.parameterArrays())
            let savedTime = try #require(NPZArchive(contentsOf: snapshot).arrays["trainer/elapsed_time"]).scalar
            #expect(resumed.trainer.elapsedTime == savedTime)     // the clock continues from the snapshot
            try resumed.trainer.run()
            #expect(resumed.trainer.elapsedTime > savedTime)

            #expect(resumed.trainer.updater.iteration == 2 * n)
            #expect(resumed.model.parameterArrays() == straight.model.parameterArrays())
            #expect(try resumed.optimizer.state() == straight.optimizer.state())
            #expect(resumed.model.parameterArrays() != first.model.parameterArrays())   // it did train on
            #expect(!straight.log.log.isEmpty)
            #expect(F.timeless(resumed.log.log) == F.timeless(straight.log.log))
        }

        @Test func standardUpdaterWithShufflingAndAdamResumesBitForBit() throws {
            try checkResume(n: 7) { regressionRun(until: $0, out: $1) }   // 7: inside epoch 2 and a 3-interval
        }

        @Test func teacherForcingWithAStatefulModelResumesBitForBit() throws {
            try checkResume(n: 5) { sequenceRun(until: $0, out: $1) }
        }

        @Test func statefulWindowsResumeBitForBitFromAnEpochEnd() throws {
            try checkResume(n: 6) { statefulRun(until: $0, out: $1) }   // the state is reset at epoch starts
        }

        @Test func extensionsRegisteredAfterResumeGetTheirState() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let first = regressionRun(until: 6, out: out)
            try first.trainer.run()
            let model = F.Regressor(seed: 11)
            let iterator = SerialIterator(F.regressionData(count: 18), batchSize: 4, generator: RandomGenerator(seed: 12))
            let updater = StandardUpdater(iterator: iterator, optimizer: Adam(alpha: 0.02).setup(model),
                                          lossFunction: F.mse(model))
            let late = Trainer(updater: updater, stopTrigger: (9, .iteration), out: out)
            try late.restore(first.trainer.state())
            let log = LogReport()
            late.extend(log)                                    // after the restore
            try late.run()
            #expect(log.log.map { $0["iteration"] } == [5, 9])  // epoch 1 restored, epoch 2 new
        }

        @Test func snapshotNamesAndKeepLast() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let run = regressionRun(until: 10, out: out)
            let snapshot = Snapshot(fileName: "snap_e{epoch}_i{iteration}.npz", keepLast: 2)
            run.trainer.extend(snapshot, trigger: (2, .iteration))
            try run.trainer.run()
            #expect(snapshot.written.map(\.lastPathComponent) == ["snap_e1_i8.npz", "snap_e2_i10.npz"])
            #expect(try F.contents(of: out).filter { $0.hasPrefix("snap") } == ["snap_e1_i8.npz", "snap_e2_i10.npz"])
            let arrays = try NPZArchive(contentsOf: out.appending(path: "snap_e2_i10.npz")).arrays
            #expect(arrays["updater/iteration"]?.scalar == 10)
            #expect(arrays["updater/model/l1/W"] == run.model.parameterArrays()["l1/W"])
            #expect(arrays["extensions/LogReport/count"]?.scalar == 2)
        }
    }
}
