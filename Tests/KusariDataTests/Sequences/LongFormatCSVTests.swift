import Foundation
import Testing
import Kusari

/// Writes `text` to a fresh temporary file named `name`.
func temporaryCSV(_ text: String, name: String = "visits.csv") throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "kusari-seq-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appending(path: name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
}

@Suite("Sequences: long-format CSV")
struct LongFormatCSVTests {
    let good = """
        id,day,age,bili,chol
        a,0,50.5,1.2,NA
        a,180,50.5,,300
        a,365,50.5,2.0,310
        b,0,40,0.8,200

        b,90,40,NA,NA
        """

    @Test func groupsRowsPerEntityInTimeOrder() throws {
        let data = try loadLongFormatCSV(try temporaryCSV(good), idColumn: "id", timeColumn: "day",
                                         features: ["bili", "chol"], staticColumns: ["age"])
        #expect(data.count == 2)
        #expect(data.entities.map(\.id) == ["a", "b"])
        #expect(data.entities[0].times == [0, 180, 365])
        #expect(data.entities[0].statics == [50.5])
        #expect(data.entities[0].value(row: 0, feature: 0) == 1.2)
        #expect(data.entities[0].value(row: 0, feature: 1).isNaN)
        #expect(data.entities[0].value(row: 1, feature: 0).isNaN)
        #expect(data.entities[1].length == 2)
    }

    @Test func badInputNamesFileLineAndColumn() throws {
        func message(_ text: String, features: [String] = ["bili"], id: String = "id") -> String {
            do {
                _ = try loadLongFormatCSV(try temporaryCSV(text), idColumn: id, timeColumn: "day", features: features)
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(message(good, id: "patient").contains("no column 'patient'"))
        #expect(message("id,day,bili\na,0,1\na,0,2\n") == "visits.csv line 3: time 0.0 of entity 'a' is not after the previous row's 0.0 (sort rows by id, then time)")
        #expect(message("id,day,bili\na,0,1\na,5,high\n") == "visits.csv line 3, column 'bili': 'high' is not a number")
        #expect(message("id,day,bili\na,0,1\nb,0,2\na,5,1\n").contains("line 4: entity 'a' appears again"))
        #expect(message("id,day,bili\na,,1\n").contains("line 2, column 'day'"))
        #expect(message("id,day,bili\n").contains("no data rows"))
    }

    @Test func windowThatLeavesNothingIsReported() throws {
        let data = try loadLongFormatCSV(try temporaryCSV(good), idColumn: "id", timeColumn: "day", features: ["bili"])
        let late = data.entities[1].rows { $0 > 100 }
        #expect(late.length == 0)
        #expect(throws: SequenceDataError.emptyEntity(id: "b", context: "ResampleToGrid")) {
            try ResampleToGrid(step: 1).apply(late)
        }
    }
}
