import Foundation
import Kusari
import Testing

extension Training {
    @Suite struct PlotReportTests {
        typealias F = TrainingFixtures

        @Test func drawsTheLossCurveOfTheLog() throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let model = F.Regressor(seed: 71)
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, generator: RandomGenerator(seed: 72))
            let updater = StandardUpdater(iterator: iterator, optimizer: Adam(alpha: 0.05).setup(model),
                                          lossFunction: F.mse(model))
            let trainer = Trainer(updater: updater, stopTrigger: (4, .epoch), out: out)
            let log = LogReport()
            trainer.extend(log)
            let plot = PlotReport(["main/loss"], logReport: log, fileName: "loss.png", yLogScale: true,
                                  trigger: (2, .epoch))
            trainer.extend(plot)
            try trainer.run()

            // The data file holds the logged curve: x = epoch, y = mean loss, one row per epoch.
            let data = try String(contentsOf: out.appending(path: "loss.dat"), encoding: .utf8)
            let rows = data.split(separator: "\n").filter { !$0.hasPrefix("#") }
                .map { $0.split(separator: " ").compactMap { Double($0) } }
            #expect(rows == log.log.map { [$0["epoch"]!, $0["main/loss"]!] })
            #expect(rows.count == 4)
            #expect(try String(contentsOf: out.appending(path: "loss.gp"), encoding: .utf8).contains("logscale y"))
            #expect(plot.figure().panels.first?.series.count == 1)
            #expect(plot.figure().panels.first?.title == nil && plot.figure().panels.first?.yLabel == "main/loss")

            // A figure for readers: title, axis label, legend names and a fixed range.
            let named = PlotReport(["main/loss"], logReport: log, yLogScale: true, title: "Training loss",
                                   yLabel: "mean squared error", labels: ["main/loss": "train"], yRange: 1e-5...1)
            let panel = try #require(named.figure().panels.first)
            #expect(panel.title == "Training loss" && panel.yLabel == "mean squared error" && panel.yRange == 1e-5...1)
            #expect(panel.series.map(\.label) == ["train"])

            if Plotting.isGnuplotAvailable {
                let png = try Data(contentsOf: out.appending(path: "loss.png"))
                #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
                #expect(png.count > 1000)
            }
        }
    }
}
