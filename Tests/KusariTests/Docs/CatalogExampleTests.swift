import Foundation
import Testing
import Kusari
import KusariTesting

// The example of each module's DocC overview (Sources/<Module>/<Module>.docc/<Module>.md), as printed
// there, with the few variables the page leaves to the reader (`x`, `t`, `train`, …) made up here. If one
// of these stops compiling or passing, fix the page too.

/// A fresh folder under the temporary directory, removed by the caller.
private func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("kusari-catalog-\(name)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("DocC catalog examples")
struct CatalogExampleTests {
    @Test func kusariCoreOverview() throws {
        let x = Variable([1.0, 2.0, 3.0])            // float64, shape [3]
        let y = x * x + 2 * x                        // y = x² + 2x, recorded as it runs
        y.backward()                                 // fills x.grad with dy/dx = 2x + 2
        let grad = try #require(x.grad)
        #expect(grad.data.description == "NDArray([4., 6., 8.], shape: [3], dtype: float64)")
    }

    @Test func kusariNNOverview() throws {
        final class Model: Chain {
            let lstm = LSTM(1, 20)          // (batch, 1) → (batch, 20), state kept between calls
            let out = Linear(20, 1)         // y = h·Wᵀ + b
            func callAsFunction(_ x: Variable) -> Variable { out(lstm(x)) }
        }
        let generator = RandomGenerator(seed: 0)
        let x = Variable(NDArray.uniform([4, 1], generator: generator))
        let t = Variable(NDArray.uniform([4, 1], generator: generator))
        let model = Model()
        let optimizer = Adam().setup(model)
        let loss = meanSquaredError(model(x), t)
        model.clearGrads()
        loss.backward()
        try optimizer.update()
        #expect(model.out.W.grad != nil)
        #expect(loss.data.isFinite)
    }

    @Test func kusariDataOverview() {
        let series = NDArray.linspace(0, 20, count: 1000).sin().reshaped([1000, 1])
        let (x, t) = windows(series, length: 25)                  // x: (975, 25, 1), t: (975, 1)
        #expect(x.shape == [975, 25, 1] && t.shape == [975, 1])
        let (train, test) = splitDataset(TupleDataset(x, t), trainFraction: 0.8)
        #expect(train.count + test.count == 975)
        let iterator = SerialIterator(train, batchSize: 32, generator: RandomGenerator(seed: 0))
        var batches = 0
        while let batch = iterator.next(), iterator.epoch < 10 {
            // batch[0]: (32, 25, 1), batch[1]: (32, 1)
            #expect(batch[0].shape == [32, 25, 1] && batch[1].shape == [32, 1])
            batches += 1
        }
        #expect(batches > 0)
    }

    @Test func kusariIOOverview() throws {
        let folder = try temporaryFolder("io")
        defer { try? FileManager.default.removeItem(at: folder) }
        let x = NDArray([1, 2, 3, 4] as [Float], shape: [2, 2])
        let model = Linear(2, 3, generator: RandomGenerator(seed: 1))
        let optimizer = Adam().setup(model)

        try saveNPY(x, to: folder.appendingPathComponent("x.npy"))           // numpy.load("x.npy")
        let y = try loadNPY(from: folder.appendingPathComponent("x.npy"))
        #expect(y == x)

        try model.save(npz: folder.appendingPathComponent("model.npz"))      // members such as W.npy, b.npy
        try model.load(npz: folder.appendingPathComponent("model.npz"))
        try optimizer.save(npz: folder.appendingPathComponent("optimizer.npz"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("optimizer.npz").path))
    }

    @Test func kusariPlotOverview() throws {
        let folder = try temporaryFolder("plot")
        defer { try? FileManager.default.removeItem(at: folder) }
        let epochs: [Double] = [1, 2, 3], trainLoss = [0.5, 0.2, 0.1], validationLoss = [0.6, 0.3, 0.2]

        var panel = Panel(title: "Loss", xLabel: "epoch", yLabel: "MSE", yLogScale: true)
        panel.line(x: epochs, y: trainLoss, label: "train")
        panel.line(x: epochs, y: validationLoss, label: "validation")
        let saved = try Figure(panel).save(to: folder.appendingPathComponent("loss.png"))
        #expect(FileManager.default.fileExists(atPath: saved.data.path))
        #expect(FileManager.default.fileExists(atPath: saved.script.path))
    }

    @Test func kusariTrainingOverview() throws {
        let folder = try temporaryFolder("training")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generator = RandomGenerator(seed: 0)
        let x = NDArray.uniform([64, 1], generator: generator)
        let train = TupleDataset(x, 2 * x + 1)
        let model = Linear(1, 1, generator: generator)

        let optimizer = Adam().setup(model)
        let iterator = SerialIterator(train, batchSize: 32, generator: RandomGenerator(seed: 0))
        let updater = StandardUpdater(iterator: iterator, optimizer: optimizer) { v in
            meanSquaredError(model(v[0]), v[1])
        }
        let trainer = Trainer(updater: updater, stopTrigger: (3, .epoch), out: folder)
        let log = LogReport()
        trainer.extend(log)
        trainer.extend(PrintReport(["epoch", "main/loss", "elapsed_time"], logReport: log, write: { _ in }))
        trainer.extend(PlotReport(["main/loss"], logReport: log, fileName: "loss.png"))
        trainer.extend(Snapshot(keepLast: 1), trigger: (10, .epoch))
        try trainer.run()
        #expect(log.log.count == 3)
    }

    @Test func kusariUmbrellaOverview() throws {
        let generator = RandomGenerator(seed: 0)
        let x = Variable(NDArray.uniform([100, 1], generator: generator))
        let t = Variable(5 + 2 * x.data + NDArray.uniform([100, 1], generator: generator))  // y ≈ 2x + 5
        let model = Linear(1, 1, generator: generator)
        let optimizer = SGD(lr: 0.1).setup(model)
        for _ in 0..<1000 {
            let loss = meanSquaredError(model(x), t)     // the graph is recorded as this line runs
            model.clearGrads()
            loss.backward()                              // fills W.grad and b.grad
            try optimizer.update()
        }
        #expect(abs(model.W.data.scalar - 2) < 0.1)
        #expect(abs((model.b?.data.scalar ?? 0) - 5.5) < 0.1)
    }

    @Test func kusariTestingOverview() throws {
        let x = NDArray.normal([3, 4], dtype: .float64, generator: RandomGenerator(seed: 0))
        try checkBackward("square", function: { $0[0] * $0[0] }, inputs: [x])
    }
}
