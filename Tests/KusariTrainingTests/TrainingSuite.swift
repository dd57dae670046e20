import Foundation
import Kusari
import Testing

/// Groups the tests of `Sources/Kusari/Training` so `swift test --filter Training` selects them.
@Suite enum Training {}

/// Small models, data and helpers shared by the training suites (kept tiny so every test runs in
/// milliseconds).
enum TrainingFixtures {
    /// y = l2(tanh(l1(x))) for x of shape `(batch, 2)`: parameters `/l1/W`, `/l1/b`, `/l2/W`, `/l2/b`.
    final class Regressor: Chain, Layer {
        let l1: Linear
        let l2: Linear
        init(seed: UInt64) {
            let g = RandomGenerator(seed: seed)
            l1 = Linear(2, 4, generator: g)
            l2 = Linear(4, 1, generator: g)
            super.init()
        }
        func callAsFunction(_ x: Variable) -> Variable { l2(tanh(l1(x))) }
    }

    /// A one-layer "accumulator" RNN, h ← tanh(Wx·x + Wh·h), whose output is h (so its output can be fed
    /// back as its next input). It records what it sees: every input, the state it started each call
    /// from (and whether that state was detached), every output, and how often it was reset.
    final class Accumulator: Chain, Layer {
        let wx: Linear
        let wh: Linear
        private(set) var h: Variable?
        private(set) var inputs: [Variable] = []
        private(set) var outputs: [Variable] = []
        private(set) var incoming: [Variable?] = []
        private(set) var incomingDetached: [Bool] = []
        private(set) var resets = 0
        /// Index into `inputs` of the first call after each reset.
        private(set) var resetPositions: [Int] = []

        init(size: Int = 1, seed: UInt64) {
            let g = RandomGenerator(seed: seed)
            wx = Linear(size, size, generator: g)
            wh = Linear(size, size, noBias: true, generator: g)
            super.init()
        }

        func callAsFunction(_ x: Variable) -> Variable {
            inputs.append(x)
            incoming.append(h)
            incomingDetached.append(h?.creator == nil)
            let a = wx(x)
            let next = tanh(h.map { a + wh($0) } ?? a)
            h = next
            outputs.append(next)
            return next
        }

        override func resetState() {
            h = nil
            resets += 1
            resetPositions.append(inputs.count)
        }

        func forgetRecords() {
            inputs = []
            outputs = []
            incoming = []
            incomingDetached = []
            resetPositions = []
        }
    }

    /// Records the order in which extensions run, and what they saw.
    final class Recorder: Extension {
        let label: String
        let priority: Int
        var seen: (Trainer) -> Void
        init(_ label: String, priority: Int = ExtensionPriority.reader, seen: @escaping (Trainer) -> Void = { _ in }) {
            self.label = label
            self.priority = priority
            self.seen = seen
        }
        var defaultPriority: Int { priority }
        var defaultName: String { label }
        func callAsFunction(_ trainer: Trainer) throws { seen(trainer) }
    }

    /// `count` examples x in [-1, 1]², t = 2·x₀ − 3·x₁ + 0.5, float32.
    static func regressionData(count: Int = 20, seed: UInt64 = 7) -> TupleDataset {
        let x = NDArray.uniform([count, 2], low: -1, high: 1, generator: RandomGenerator(seed: seed))
        let v = x.doubleValues
        let t: [Double] = (0..<count).map { (i: Int) -> Double in 2 * v[2 * i] - 3 * v[2 * i + 1] + 0.5 }
        return TupleDataset(x, NDArray(t, shape: [count, 1], dtype: .float32))
    }

    /// A noisy sine, shape `(n, 1)`, float32.
    static func sineSeries(_ n: Int) -> NDArray {
        NDArray((0..<n).map { sin(Double($0) * 0.3) + 0.01 * Double($0 % 3) }, shape: [n, 1], dtype: .float32)
    }

    /// The mean squared error of `model` on a batch `[x, t]`.
    static func mse(_ model: Regressor) -> ([Variable]) -> Variable {
        { v in meanSquaredError(model(v[0]), v[1]) }
    }

    /// A fresh empty folder under the temporary directory; remove it with ``removeFolder(_:)``.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "kusari-training-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func removeFolder(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// The files in `folder`, hidden ones included, sorted.
    static func contents(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// Log entries without `elapsed_time`, which differs from run to run.
    static func timeless(_ log: [[String: Double]]) -> [[String: Double]] {
        log.map { $0.filter { $0.key != "elapsed_time" } }
    }
}

/// An updater whose counters tests set by hand, to drive triggers directly.
final class ScriptedUpdater: Updater {
    var iteration = 0
    var epoch = 0
    var epochDetail = 0.0
    var isNewEpoch = false
    var previousEpochDetail: Double?
    func update() throws {}
    func serialize(_ serializer: any StateSerializer) throws {}

    /// Moves to `iteration` and `epochDetail`, remembering the previous detail as an iterator would.
    func advance(to iteration: Int, epochDetail: Double, tracksPrevious: Bool = true) {
        let before = self.epochDetail
        self.iteration = iteration
        self.epochDetail = epochDetail
        epoch = Int(epochDetail.rounded(.down))
        isNewEpoch = epoch > Int(before.rounded(.down))
        previousEpochDetail = tracksPrevious ? before : nil
    }
}
