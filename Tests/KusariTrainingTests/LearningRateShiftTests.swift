import Foundation
import Kusari
import Testing

extension Training {
    @Suite struct LearningRateShiftTests {
        typealias F = TrainingFixtures

        /// Trains the regression (5 iterations per epoch) with `shift`, recording the learning rate after
        /// each iteration's extensions (the rate the next update uses). Optionally snapshots at `snapshotAt`.
        func lrTrace(_ shift: (Optimizer) -> Extension, shiftTrigger: (Int, TriggerUnit)?, until: Int,
                     initialLR: Double = 0.1, resumeFrom: URL? = nil, snapshotAt: Int? = nil, out: URL)
            throws -> [Double] {
            let model = F.Regressor(seed: 61)
            let optimizer = SGD(lr: initialLR).setup(model)
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, generator: RandomGenerator(seed: 62))
            let updater = StandardUpdater(iterator: iterator, optimizer: optimizer, lossFunction: F.mse(model))
            let trainer = Trainer(updater: updater, stopTrigger: (until, .iteration), out: out)
            trainer.extend(shift(optimizer), name: "shift", trigger: shiftTrigger)
            var trace: [Double] = []
            trainer.extend(F.Recorder("trace") { _ in trace.append(optimizer.lr) })
            if let snapshotAt { trainer.extend(Snapshot(fileName: "snapshot.npz"), trigger: (snapshotAt, .iteration)) }
            if let resumeFrom { try trainer.resume(from: resumeFrom) }
            try trainer.run()
            return trace
        }

        @Test func exponentialShiftMultipliesEachEpochDownToTheTarget() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let trace = try lrTrace({ ExponentialShift(rate: 0.5, optimizer: $0, target: 0.02) },
                                    shiftTrigger: nil, until: 20, out: out)
            let expected = [Double](repeating: 0.1, count: 4) + [Double](repeating: 0.05, count: 5)
                + [Double](repeating: 0.025, count: 5) + [Double](repeating: 0.02, count: 6)
            #expect(trace == expected)
        }

        @Test func exponentialShiftWithAnInitialValueAndAnIterationTrigger() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let trace = try lrTrace({ ExponentialShift(rate: 2, optimizer: $0, initial: 0.25, target: 1.5) },
                                    shiftTrigger: (2, .iteration), until: 6, out: out)
            #expect(trace == [0.25, 0.5, 0.5, 1, 1, 1.5])
        }

        @Test func linearShiftMovesBetweenTheIterations() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let trace = try lrTrace({ LinearShift(from: 0.1, to: 0.02, iterations: 2...6, optimizer: $0) },
                                    shiftTrigger: nil, until: 8, out: out)
            let expected = [0.1, 0.1, 0.08, 0.06, 0.04, 0.02, 0.02, 0.02]
            #expect(zip(trace, expected).allSatisfy { abs($0 - $1) < 1e-15 } && trace.count == 8)
        }

        @Test(arguments: ["exponential", "linear"])
        func shiftsSurviveSnapshotAndResume(kind: String) throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let make: (Optimizer) -> Extension = { optimizer in
                kind == "exponential" ? ExponentialShift(rate: 0.5, optimizer: optimizer)
                                      : LinearShift(from: 0.1, to: 0.01, iterations: 3...12, optimizer: optimizer)
            }
            let trigger: (Int, TriggerUnit)? = kind == "exponential" ? (3, .iteration) : nil
            let straight = try lrTrace(make, shiftTrigger: trigger, until: 14, out: out.appending(path: "a"))
            let first = try lrTrace(make, shiftTrigger: trigger, until: 7, snapshotAt: 7, out: out.appending(path: "b"))
            // The fresh run even starts from another rate: the snapshot decides.
            let rest = try lrTrace(make, shiftTrigger: trigger, until: 14, initialLR: 0.7,
                                   resumeFrom: out.appending(path: "b/snapshot.npz"), out: out.appending(path: "c"))
            #expect(first + rest == straight)
            #expect(Set(straight).count > 3)
        }
    }
}
