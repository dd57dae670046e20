import Foundation
import Kusari
import Testing

extension Training {
    /// Snapshots hold all the state (the recurrent h and c included), are read as untrusted input, and
    /// manage their folder across restarts.
    @Suite struct SnapshotRobustnessTests {
        typealias F = TrainingFixtures

        /// LSTM(1→4) then Linear(4→1).
        final class StatefulPredictor: Chain, Layer {
            let lstm: LSTM
            let out: Linear
            init(seed: UInt64) {
                let g = RandomGenerator(seed: seed)
                lstm = LSTM(1, 4, generator: g)
                out = Linear(4, 1, generator: g)
                super.init()
            }
            func callAsFunction(_ x: Variable) -> Variable { out(lstm(x)) }
        }

        struct Run {
            let trainer: Trainer
            let model: StatefulPredictor
            let optimizer: Optimizer
        }

        /// A carried-state window run: 40 points, batch 3, 4 steps per window (3 iterations per epoch).
        func statefulRun(until iterations: Int, out: URL) -> Run {
            let model = StatefulPredictor(seed: 31)
            let optimizer = Adam(alpha: 0.01).setup(model)
            let iterator = ParallelSequentialIterator(F.sineSeries(40).reshaped([40]), batchSize: 3, timesteps: 4)
            let updater = WindowUpdater(iterator: iterator, optimizer: optimizer, predictor: model, carryState: true)
            let trainer = Trainer(updater: updater, stopTrigger: (iterations, .iteration), out: out)
            trainer.extend(LogReport())
            return Run(trainer: trainer, model: model, optimizer: optimizer)
        }

        @Test("a stateful run interrupted in the middle of an epoch resumes bit for bit (h and c included)")
        func midEpochStatefulResume() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let straight = statefulRun(until: 8, out: out.appending(path: "straight"))
            try straight.trainer.run()

            let first = statefulRun(until: 4, out: out.appending(path: "first"))   // epoch 2, 1st of 3 batches
            first.trainer.extend(Snapshot(), trigger: (4, .iteration))
            try first.trainer.run()
            let snapshot = out.appending(path: "first/snapshot_iter_4.npz")
            let saved = try NPZArchive(contentsOf: snapshot)
            #expect(saved.members["updater/recurrent_state/lstm/h"]?.shape == [3, 4])
            #expect(saved.members["updater/recurrent_state/lstm/c"]?.shape == [3, 4])

            let resumed = statefulRun(until: 8, out: out.appending(path: "resumed"))
            try resumed.trainer.resume(from: snapshot)
            #expect(resumed.model.lstm.h?.data == first.model.lstm.h?.data)
            try resumed.trainer.run()
            #expect(resumed.model.parameterArrays() == straight.model.parameterArrays())
            #expect(try resumed.optimizer.state() == straight.optimizer.state())
            #expect(resumed.model.lstm.c?.data == straight.model.lstm.c?.data)
        }

        /// A finished regression run's snapshot state, and a function making fresh trainers to restore it.
        func savedRegression(out: URL) throws -> (state: [String: SavedValue], fresh: () -> Trainer) {
            func make() -> Trainer {
                let model = F.Regressor(seed: 11)
                let iterator = SerialIterator(F.regressionData(count: 18), batchSize: 4,
                                              generator: RandomGenerator(seed: 12))
                let updater = StandardUpdater(iterator: iterator, optimizer: Adam(alpha: 0.02).setup(model),
                                              lossFunction: F.mse(model))
                let trainer = Trainer(updater: updater, stopTrigger: (12, .iteration), out: out)
                trainer.extend(LogReport())
                return trainer
            }
            let trainer = make()
            trainer.extend(Snapshot(), trigger: (6, .iteration))
            try trainer.run()
            return (try NPZArchive(contentsOf: out.appending(path: "snapshot_iter_6.npz")).savedState, make)
        }

        @Test("tampered values are refused with a message naming the member, never a trap", arguments: [
            ("updater/iteration", .number(.nan), "'updater/iteration' = nan is not a finite number"),
            ("updater/iteration", .number(1e300), "'updater/iteration' = 1e+300 is out of range (beyond ±2^53)"),
            ("updater/iteration", .number(-1), "'updater/iteration' = -1 is out of range (0...9007199254740992)"),
            ("updater/iteration", .integer(-1), "'updater/iteration' = -1 is out of range (0...9007199254740992)"),
            ("updater/iteration", .number(2.5), "'updater/iteration' = 2.5 is not a whole number"),
            ("updater/iteration", .array(NDArray.zeros([2, 2])), "'updater/iteration' should be one number, but has shape [2, 2]"),
            ("updater/iteration", .integer(.max), "'updater/iteration' = 9223372036854775807 is out of range (0...9007199254740992)"),
            ("updater/iterator/epoch", nil, "the saved state has no 'updater/iterator/epoch'"),
            ("updater/optimizer/t", .number(.nan), "'updater/optimizer/t' = nan is not a finite number"),
            ("updater/optimizer/t", .integers([1, 2], shape: [2]), "'updater/optimizer/t' should be one integer, but has shape [2]"),
            ("updater/optimizer/t", nil, "the saved state has no 'updater/optimizer/t'"),
            ("updater/optimizer/l1/W/t", .number(1e300), "'updater/optimizer/l1/W/t' = 1e+300 is out of range (beyond ±2^53)"),
            ("updater/optimizer/l1/W/t", .number(0.5), "'updater/optimizer/l1/W/t' = 0.5 is not a whole number"),
            ("updater/model/l1/W", .array(NDArray.zeros([3, 3])), "'updater/model/l1/W' has shape [3, 3], but the model's parameter /l1/W has shape"),
            ("updater/model/l2/b", nil, "the saved state has no 'updater/model/l2/b' for the model's parameter /l2/b"),
            ("extensions/LogReport/count", .number(1e10),
             "LogReport: column 'extensions/LogReport/log/elapsed_time' has 1 entries, 'extensions/LogReport/count' says 10000000000"),
            ("extensions/LogReport/count", .integer(-5), "'extensions/LogReport/count' = -5 is out of range"),
            ("updater/iterator/epoch", .number(-3), "'updater/iterator/epoch' = -3 is out of range"),
            ("updater/iterator/is_new_epoch", .integer(2), "'updater/iterator/is_new_epoch' = 2 is out of range (0...1)"),
            ("updater/iterator/batch_size", .integer(5), "SerialIterator: saved with updater/iterator/batch_size = 5, but this iterator has 4"),
            ("trainer/elapsed_time", .number(.infinity), "'trainer/elapsed_time' = inf is not a finite number"),
            ("trainer/elapsed_time", .number(-1), "'trainer/elapsed_time' = -1.0 is negative"),
        ] as [(String, SavedValue?, String)])
        func tamperedValues(key: String, value: SavedValue?, message: String) throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            var (state, fresh) = try savedRegression(out: out)
            #expect(state[key] != nil, "the snapshot has no \(key)")
            state[key] = value
            let file = out.appending(path: "tampered.npz")
            try NPZArchive(state: state).write(to: file)
            let error = try #require(throws: TrainingError.self) { try fresh().resume(from: file) }
            #expect(error.description.hasPrefix("cannot restore training state: tampered.npz: "), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }

        @Test("an optimizer refuses another kind's state: MomentumSGD's v is not Adam's v")
        func optimizerKind() throws {
            let model = F.Regressor(seed: 3)
            let adam = Adam().setup(model)
            let state = try adam.state()
            let error = try #require(throws: OptimizerError.self) { try MomentumSGD().setup(model).restore(state: state) }
            #expect(error.description == "MomentumSGD.restore: this state was saved by Adam, not by MomentumSGD; "
                + "restore it into the same kind of optimizer")
            try Adam().setup(model).restore(state: state)
        }

        @Test("a folder, a model file, an optimizer file: the message says what it is and what was expected")
        func wrongKindsOfFile() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let (_, fresh) = try savedRegression(out: out)
            let folderError = try #require(throws: TrainingError.self) { try fresh().resume(from: out) }
            #expect(folderError.description == "cannot restore training state: \(out.path) is a folder; "
                + "pass a snapshot file inside it such as \(out.appending(path: "snapshot_iter_12.npz").path)")

            let model = F.Regressor(seed: 1)
            let modelFile = out.appending(path: "model.npz")
            try model.save(npz: modelFile)
            let modelError = try #require(throws: TrainingError.self) { try fresh().resume(from: modelFile) }
            #expect(modelError.description.hasPrefix("cannot restore training state: model.npz is a model file "
                + "(parameters 'l1/W', 'l1/b', 'l2/W'…; written by Link.save(npz:) — load it with model.load(npz:)), "
                + "not a Trainer snapshot"))

            let optimizerFile = out.appending(path: "adam.npz")
            try Adam().setup(model).save(npz: optimizerFile)
            let optimizerError = try #require(throws: TrainingError.self) { try fresh().resume(from: optimizerFile) }
            #expect(optimizerError.description.contains("adam.npz is an optimizer state file"))
        }

        @Test("a restarted run removes interrupted temporary files and counts old snapshots in keepLast")
        func restartHousekeeping() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            func run(until iterations: Int) throws -> Snapshot {
                let model = F.Regressor(seed: 11)
                let iterator = SerialIterator(F.regressionData(count: 18), batchSize: 4,
                                              generator: RandomGenerator(seed: 12))
                let updater = StandardUpdater(iterator: iterator, optimizer: Adam(alpha: 0.02).setup(model),
                                              lossFunction: F.mse(model))
                let trainer = Trainer(updater: updater, stopTrigger: (iterations, .iteration), out: out)
                let snapshot = Snapshot(keepLast: 3)
                trainer.extend(snapshot, trigger: (1, .iteration))
                if iterations > 4 { try trainer.resume(from: out.appending(path: "snapshot_iter_4.npz")) }
                try trainer.run()
                return snapshot
            }
            _ = try run(until: 4)
            // What a `kill -9` in the middle of a write leaves behind, and an unrelated hidden file.
            let leftover = out.appending(path: ".snapshot_iter_5.npz.tmp-0F8C4A9E-5B0D-4F4B-9C59-1D2E3F405162")
            try Data(repeating: 7, count: 100).write(to: leftover)
            try Data().write(to: out.appending(path: ".keep"))
            let second = try run(until: 7)
            #expect(try F.contents(of: out) == [".keep", "snapshot_iter_5.npz", "snapshot_iter_6.npz",
                                                "snapshot_iter_7.npz"])
            #expect(second.written.map(\.lastPathComponent)
                    == ["snapshot_iter_5.npz", "snapshot_iter_6.npz", "snapshot_iter_7.npz"])
        }
    }
}

extension Training.SnapshotRobustnessTests {
    @Test("an output folder that cannot be written stops the trainer before the first iteration")
    func unwritableOutputFolder() throws {
        let root = try F.temporaryFolder()
        defer { F.removeFolder(root) }
        let file = root.appending(path: "taken")
        try Data("x".utf8).write(to: file)
        let run = statefulRun(until: 3, out: file.appending(path: "result"))
        let error = try #require(throws: SerializationError.self) { try run.trainer.run() }
        #expect(error.description == "cannot write to the output folder \(file.path)/result: it cannot be "
            + "created (\(file.path) is a file, not a folder)")
        #expect(run.trainer.updater.iteration == 0)
    }
}
