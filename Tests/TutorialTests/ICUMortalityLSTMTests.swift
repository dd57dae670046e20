import Foundation
import Kusari
import Testing
import TutorialSupport
@testable import ICUMortalityLSTM

/// Tests of the `icu-mortality-lstm` tutorial (experiment 4): the PBC task definition, the Mayo score,
/// and a short end-to-end run whose prediction files reproduce metrics.json's AUCs.
@Suite("icu-mortality-lstm")
struct ICUMortalityLSTMTests {
    @Test func pbcTaskHas290PatientsAnd88Deaths() throws {
        let all = try loadLongFormatCSV(try pbcURL(), idColumn: "id", timeColumn: "day", features: pbcFeatures,
                                        staticColumns: ["age", "futime", "status"])
        #expect(all.count == 312)
        #expect(all.entities.map(\.length).reduce(0, +) == 1945)
        let kept = all.entities.filter { $0.statics[1] > 5 * 365.25 || $0.statics[2] == 2 }
        #expect(kept.count == 290)
        #expect(kept.filter { $0.statics[1] <= 5 * 365.25 }.count == 88)
    }

    @Test func shortRunWritesFilesThatReproduceTheAUCs() throws {
        var settings = Settings()
        (settings.trainStays, settings.validationStays, settings.units) = (120, 80, 8)
        (settings.syntheticEpochs, settings.pbcEpochs, settings.bootstrapReplicates) = (1, 3, 20)
        let out = FileManager.default.temporaryDirectory.appending(path: "kusari-icu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let results = try runTutorial(settings, out: out, narrator: Narrator(quiet: true))
        for name in ["trajectories.png", "loss.png", "roc.png", "risk-along-stay.png", "metrics.json",
                     "predictions-synthetic.csv", "predictions-pbc.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appending(path: name).path), "\(name)")
        }
        // Mayo's AUC on the 290 patients does not depend on training: ICU.md's 0.928.
        #expect(abs(rocAUC(scores: results.pbc.mayo, labels: results.pbc.labels) - 0.928) < 0.0015)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appending(path: "metrics.json"))) as? [String: Any]
        let pbc = json?["pbc"] as? [String: Any], synthetic = json?["synthetic"] as? [String: Any]
        // JSON keeps about 15 significant digits, so compare to 1e-12.
        func same(_ a: Double, _ b: Any?) -> Bool { abs(a - ((b as? Double) ?? .nan)) < 1e-12 }
        func column(_ file: String, _ k: Int) throws -> [Double] {
            try String(contentsOf: out.appending(path: file), encoding: .utf8).split(separator: "\n").dropFirst()
                .map { Double($0.split(separator: ",")[k]) ?? .nan }
        }
        let pbcLabels = try column("predictions-pbc.csv", 1).map { Int($0) }
        #expect(same(rocAUC(scores: try column("predictions-pbc.csv", 2), labels: pbcLabels), pbc?["lstm_auc"]))
        #expect(same(rocAUC(scores: try column("predictions-pbc.csv", 3), labels: pbcLabels), pbc?["mayo_auc"]))
        let labels = try column("predictions-synthetic.csv", 1).map { Int($0) }
        #expect(same(rocAUC(scores: try column("predictions-synthetic.csv", 2), labels: labels), synthetic?["lstm_auc"]))
        #expect(same(rocAUC(scores: try column("predictions-synthetic.csv", 4), labels: labels), synthetic?["oracle_auc"]))
    }
}
