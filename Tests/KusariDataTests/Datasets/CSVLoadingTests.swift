import Foundation
import Testing
import Kusari
@testable import KusariData

extension Datasets {
    @Suite struct CSVLoadingTests {
        /// Writes `text` to a fresh temporary file called `name` and returns its URL.
        func temporaryFile(_ name: String, _ text: String) throws -> URL {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("kusari-csv-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let url = directory.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url
        }

        func loadError(_ url: URL, _ columns: [String]) -> DatasetError? {
            do {
                _ = try loadCSVColumns(url, columns: columns)
                return nil
            } catch {
                return error as? DatasetError
            }
        }

        @Test func readsNumericColumnsAndMissingValues() throws {
            let url = try temporaryFile("good.csv", """
                date,temp, rain
                2010/01/01 00:00,39.4,0
                "2010/01/01, 01:00",39.2,
                2010/01/01 02:00,,1.5

                2010/01/01 03:00, 38.9 ,NA
                2010/01/01 04:00,-1e1
                """)
            let table = try loadCSVColumns(url, columns: ["temp", "rain"], allowShortRows: true)
            #expect(table["temp"]?.count == 5)
            let temp = try #require(table["temp"])
            #expect(temp[0] == 39.4 && temp[1] == 39.2 && temp[2].isNaN && temp[3] == 38.9 && temp[4] == -10)
            let rain = try #require(table["rain"])
            #expect(rain[0] == 0 && rain[1].isNaN && rain[2] == 1.5 && rain[3].isNaN && rain[4].isNaN)
        }

        @Test func notANumberNamesFileLineAndColumn() throws {
            // A quoted date holding a line break: line numbers still count physical lines.
            let url = try temporaryFile("seattle.csv", "date,temp\n\"2010/01/01\n00:00\",39.4\n2010/01/01 01:00,abc\n")
            let error = loadError(url, ["temp"])
            #expect(error == .notANumber(file: "seattle.csv", line: 4, column: "temp", value: "abc"))
            #expect(error?.description == "seattle.csv line 4, column 'temp': 'abc' is not a number")
        }

        @Test func strayQuoteIsReportedOnItsLine() throws {
            let url = try temporaryFile("bad.csv", "a,b\n1,2\n3,4\n5,\"6\"x\n7,8\n")
            let error = loadError(url, ["a"])
            guard case let .malformedCSV(file, line, _)? = error else {
                Issue.record("expected malformedCSV, got \(String(describing: error))")
                return
            }
            #expect(file == "bad.csv" && line == 4)
            #expect(error?.description.hasPrefix("bad.csv line 4: ") == true)
        }

        @Test func unclosedQuoteIsReportedWhereItOpens() throws {
            let url = try temporaryFile("open.csv", "a,b\n1,2\n3,\"4\n5,6\n")
            guard case let .malformedCSV(_, line, reason)? = loadError(url, ["a"]) else {
                Issue.record("expected malformedCSV")
                return
            }
            #expect(line == 3)
            #expect(reason.contains("never closed"))
        }

        @Test func tooManyFieldsIsMalformed() throws {
            let url = try temporaryFile("wide.csv", "a,b\n1,2\n3,4,5\n")
            #expect(loadError(url, ["b"]) == .malformedCSV(file: "wide.csv", line: 3,
                                                          reason: "3 fields, but the header has 2"))
        }

        @Test func missingColumnListsTheHeader() throws {
            let url = try temporaryFile("seattle.csv", "date,temp\n2010/01/01 00:00,39.4\n")
            let error = loadError(url, ["tmp"])
            #expect(error == .missingColumn(file: "seattle.csv", column: "tmp", available: ["date", "temp"]))
            #expect(error?.description == "seattle.csv: no column 'tmp' (the header on line 1 has 'date', 'temp')")
        }

        @Test func missingFileNamesThePath() {
            let url = URL(fileURLWithPath: "/nonexistent/kusari/seattle.csv")
            let error = loadError(url, ["temp"])
            #expect(error == .fileNotFound(path: "/nonexistent/kusari/seattle.csv"))
            #expect(error?.description == "seattle.csv: no such file at /nonexistent/kusari/seattle.csv")
        }

        @Test func windowsLineEndingsAndByteOrderMark() throws {
            let url = try temporaryFile("crlf.csv", "\u{FEFF}x,y\r\n1,2\r\n3,oops\r\n")
            #expect(loadError(url, ["y"]) == .notANumber(file: "crlf.csv", line: 3, column: "y", value: "oops"))
            let x = try loadCSVColumns(url, columns: ["x"])["x"]
            #expect(x == [1, 3])
        }
    }
}
