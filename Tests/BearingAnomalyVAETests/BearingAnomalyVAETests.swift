import Foundation
import Kusari
import Testing

@testable import BearingAnomalyVAE

/// The `bearing-anomaly-vae` tutorial on a miniature of its data (a second in all): the windowing and
/// scaling, and that every AUC of the metrics recomputes from `scores.csv`.
@Suite("bearing-anomaly-vae")
struct BearingAnomalyVAETests {
    /// The experiment shrunk to a few dozen windows and one epoch.
    static var tiny: Settings { Settings.quick }

    @Test func windowsScalingAndAmplitude() throws {
        let run = NDArray((0..<30).map(Double.init), shape: [10, 3])
        let w = windows(of: run, length: 4, stride: 3)                // starts 0, 3, 6
        #expect(w.shape == [3, 4, 3])
        let lastStart: [Double] = [18, 19, 20]
        #expect(Array(w.doubleValues[24..<27]) == lastStart)
        let scaled = minMaxScaled(w).doubleValues
        let third = 1.0 / 3, twoThirds = 2.0 / 3
        let expected: [Double] = [0, 0, 0, third, third, third, twoThirds, twoThirds, twoThirds, 1, 1, 1]
        #expect(Array(scaled[0..<12]) == expected)
        // One window: values 0…11, standard deviation √((12² − 1)/12).
        let amplitude = amplitudeScores(windows(of: NDArray((0..<12).map(Double.init), shape: [4, 3]), length: 4, stride: 4))
        let std = (143.0 / 12).squareRoot()
        #expect(abs(amplitude[0] - std) < 1e-12)
    }

    @Test func scoresCSVReproducesEveryAUC() throws {
        let s = Self.tiny
        let part1 = try runPart1(s)
        #expect(part1.healthyScores.count == 10 && part1.brokenScores.count == 10)
        let data = makeBearingData(s)
        #expect(data.train.shape == [20, 100, 3] && data.validation.shape == [10, 100, 3])
        let part2 = try runPart2(data, s)
        let table = evaluate(part2, data: data, settings: s)
        let folder = FileManager.default.temporaryDirectory.appending(path: "bearing-anomaly-vae-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeScores(part2, data: data, to: folder)
        let lines = try String(contentsOf: folder.appending(path: "scores.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        for fault in Settings.faults.map(\.name) {
            for model in modelNames {
                let healthy = lines.filter { $0[2] == "healthy" && $0[3] == model }.compactMap { Double($0[4]) }
                let faulty = lines.filter { $0[2] == fault && $0[3] == model }.compactMap { Double($0[4]) }
                #expect(healthy.count == 10 && faulty.count == 10)
                let auc = binaryROCAUC(scores: healthy + faulty,
                                       labels: healthy.map { _ in false } + faulty.map { _ in true })
                #expect(auc == table[fault]?[model]?.auc, "\(fault) \(model)")
            }
        }
    }
}
