import Foundation
import Testing
import Kusari
@testable import KusariTraining

extension Training {
    @Suite struct ProgressBarTests {
        typealias F = TrainingFixtures

        func run(_ bar: ProgressBar, stop: (Int, TriggerUnit)) throws {
            let out = try F.temporaryFolder()
            defer { F.removeFolder(out) }
            let model = F.Regressor(seed: 1)
            let iterator = SerialIterator(F.regressionData(), batchSize: 4, shuffle: false)
            let updater = StandardUpdater(iterator: iterator, optimizer: SGD().setup(model), lossFunction: F.mse(model))
            let trainer = Trainer(updater: updater, stopTrigger: stop, out: out)
            trainer.extend(bar)
            try trainer.run()
        }

        @Test func rendersTheBarPercentageAndPosition() {
            let bar = ProgressBar(trainingLength: (10, .iteration), updateInterval: 1, barWidth: 10, enabled: true) { _ in }
            let text = bar.render(iteration: 5, epochDetail: 1)
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix(" [#####.....]  50.00%  5 / 10 iterations"))
            #expect(lines[1].contains("iters/sec. ETA 0:00:"))
            #expect(!text.hasPrefix("\u{1B}[1A"))             // nothing drawn yet: no cursor-up
            let epochs = ProgressBar(trainingLength: (4, .epoch), updateInterval: 1, barWidth: 8, enabled: true) { _ in }
            #expect(epochs.render(iteration: 30, epochDetail: 3.5).hasPrefix(" [#######.]  87.50%  epoch 3 / 4"))
            #expect(epochs.render(iteration: 99, epochDetail: 9).hasPrefix(" [########] 100.00%"))
        }

        @Test func redrawsInPlaceDuringTraining() throws {
            var written: [String] = []
            let bar = ProgressBar(trainingLength: (3, .epoch), updateInterval: 5, barWidth: 6, enabled: true) {
                written.append($0)
            }
            try run(bar, stop: (3, .epoch))                   // 15 iterations: drawn at 5, 10, 15, then final
            #expect(written.count == 4)
            #expect(written[0].hasPrefix(" [##....]  33.33%  epoch 1 / 3"))
            #expect(written.dropFirst().allSatisfy { $0.hasPrefix("\u{1B}[1A\r") })
            #expect(written[3].contains("100.00%") && written[3].unicodeScalars.last == "\n")
        }

        @Test func quietWhenDisabledOrNotATerminal() throws {
            var written: [String] = []
            let bar = ProgressBar(trainingLength: (5, .iteration), updateInterval: 1, barWidth: 6, enabled: false) {
                written.append($0)
            }
            try run(bar, stop: (5, .iteration))
            #expect(written.isEmpty)
            #expect(ProgressBar(trainingLength: (5, .iteration)).enabled == (isatty(STDOUT_FILENO) == 1))
            #expect(ProgressBar(trainingLength: (5, .iteration), forceEnabled: true).enabled)
        }
    }
}
