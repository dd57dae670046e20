// Fuzzing `Trainer.resume(from:)`: a real snapshot of a small stateful run (LSTM, carried state, Adam,
// a log, a learning-rate schedule, early stopping) with its values tampered with — NaN, infinities,
// negative, fractional and huge counters (as float64, the layout of older snapshots, and as int64), wrong
// shapes, missing and stray keys — then resumed and trained on. Every outcome must be a descriptive error
// or a run that finishes.
import Foundation
import Kusari

/// The training set-up whose snapshots are fuzzed; `out` is where it writes.
private func makeTrainer(out: URL) -> Trainer {
    let g = RandomGenerator(seed: 5)
    let model = Sequential(LSTM(1, 3, generator: g), Linear(3, 1, generator: g))
    let optimizer = Adam(alpha: 0.01).setup(model)
    let series = NDArray((0..<24).map { sin(Double($0) * 0.4) }, shape: [24], dtype: .float32)
    let iterator = ParallelSequentialIterator(series, batchSize: 2, timesteps: 3)
    let updater = WindowUpdater(iterator: iterator, optimizer: optimizer, predictor: model, carryState: true)
    let trainer = Trainer(updater: updater, stopTrigger: EarlyStoppingTrigger(monitor: "main/loss", patience: 50,
                                                                              maxTrigger: (10, .iteration)),
                          out: out)
    trainer.extend(LogReport(trigger: (1, .iteration), fileName: nil))
    trainer.extend(ExponentialShift(rate: 0.9, optimizer: optimizer), trigger: (2, .iteration))
    return trainer
}

/// The `.npz` bytes of the set-up's snapshot at iteration 5 (the seed of the `snapshot` format).
func snapshotSeed() -> [UInt8] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kusari-fuzz-seed-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let trainer = makeTrainer(out: folder)
    trainer.extend(Snapshot(fileName: "seed.npz"), trigger: (5, .iteration))
    guard (try? trainer.run()) != nil,
          let bytes = try? Data(contentsOf: folder.appendingPathComponent("seed.npz")) else { return [] }
    return [UInt8](bytes)
}

/// A snapshot with one to three of its values tampered with.
func tamperedSnapshot(_ seed: [UInt8], random: RandomGenerator) -> [UInt8] {
    guard var archive = try? NPZArchive(data: Data(seed)) else { return seed }
    let keys = archive.keys
    let extremes: [Double] = [.nan, .infinity, -.infinity, -1, 2.5, 1e300, 1e10, 0, 0x1p53, -0.0, 1e-300]
    let integers: [Int] = [.min, .max, -1, 0, 2, 1 << 53, (1 << 53) + 1, 1 << 62]
    for _ in 0...random.nextInt(below: 3) {
        let key = keys[random.nextInt(below: keys.count)]
        switch random.nextInt(below: 7) {
        case 0, 1:
            let value = extremes[random.nextInt(below: extremes.count)]
            archive[key] = .array(NDArray(scalar: value, dtype: .float64))
        case 2:
            archive[key] = .integer(integers[random.nextInt(below: integers.count)])
        case 3:
            let shapes: [[Int]] = [[0], [2, 2], [1, 3], [3, 1], [7]]
            archive[key] = .array(NDArray.zeros(shapes[random.nextInt(below: shapes.count)]))
        case 4:
            archive[key] = nil
        case 5:
            archive[key] = archive[key].map { .array($0.ndarray) }   // an older snapshot's float64 counter
        default:
            archive[key + "_stray"] = .integer(random.nextInt(below: 1000) - 500)
        }
    }
    return (try? [UInt8](archive.encoded())) ?? seed
}

/// Resumes the set-up from the snapshot `bytes` (written to `scratch`) and trains to the end.
func resumeFromSnapshot(_ bytes: [UInt8], scratch: URL) throws {
    try Data(bytes).write(to: scratch)
    let folder = scratch.deletingLastPathComponent().appendingPathComponent("kusari-fuzz-run-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let trainer = makeTrainer(out: folder)
    try trainer.resume(from: scratch)
    try trainer.run()
}
