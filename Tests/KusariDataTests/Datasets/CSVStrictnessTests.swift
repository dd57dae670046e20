import Foundation
import Testing
import Kusari
@testable import KusariData

extension Datasets {
    /// A CSV cell is a number only when written as a decimal number; every refusal names line and column.
    @Suite struct CSVStrictnessTests {
        func file(_ name: String, _ text: String) throws -> URL {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("kusari-csv-strict-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url
        }

        func message(_ url: URL, _ columns: [String] = ["b"], delimiter: Character = ",") -> String {
            do {
                _ = try loadCSVColumns(url, columns: columns, delimiter: delimiter)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }

        @Test("cells Double(String) would take are not numbers", arguments: [
            ("12\u{0}abc", "'12\\0abc' is not a number"),
            ("0x10", "'0x10' is not a number"),
            ("snan", "'snan' is not a number"),
            ("nan(123)", "'nan(123)' is not a number"),
            ("1_000", "'1_000' is not a number"),
            ("１２", "'１２' is not a number"),
            ("1e", "'1e' is not a number"),
            (".", "'.' is not a number"),
        ])
        func notNumbers(cell: String, expected: String) throws {
            let url = try file("t.csv", "a,b\n1,2\n3,\(cell)\n")
            #expect(message(url) == "t.csv line 3, column 'b': \(expected)")
        }

        @Test("decimal numbers in every usual spelling load", arguments: [
            ("-1.5", -1.5), (".5", 0.5), ("3.", 3.0), ("6e-3", 0.006), ("+2E10", 2e10), (" 7 ", 7.0),
        ])
        func numbers(cell: String, expected: Double) throws {
            let url = try file("t.csv", "a,b\n1,\(cell)\n")
            #expect(try loadCSVColumns(url, columns: ["b"])["b"] == [expected])
        }

        @Test("infinities only when allowed")
        func infinities() throws {
            let url = try file("t.csv", "a,b\n1,inf\n2,1e400\n3,-Infinity\n")
            #expect(message(url) == "t.csv line 2: column 'b': 'inf' is infinite as a float64 "
                + "(pass allowInfinity: true to accept infinities)")
            let values = try loadCSVColumns(url, columns: ["b"], allowInfinity: true)["b"]
            #expect(values == [.infinity, .infinity, -.infinity])
        }

        @Test("a vertical tab or form feed in a field does not shift the line numbers")
        func lineNumbersAfterControlCharacters() throws {
            let url = try file("t.csv", "a,b\n\"x\u{0B}y\",1\n\"p\u{0C}q\",2\n3,oops\n")
            #expect(message(url) == "t.csv line 4, column 'b': 'oops' is not a number")
        }

        @Test("a short row is an error unless allowed")
        func shortRows() throws {
            let url = try file("t.csv", "a,b,c\n1,2,3\n4,5\n")
            #expect(message(url, ["a"]) == "t.csv line 3: 2 fields, but the header has 3 "
                + "(pass allowShortRows: true to read missing fields as missing values)")
            let table = try loadCSVColumns(url, columns: ["c"], allowShortRows: true)
            #expect(table["c"]?.first == 3 && table["c"]?.last?.isNaN == true)
        }

        @Test("a trailing comma on the last row is refused whether or not a newline follows")
        func trailingComma() throws {
            for text in ["a,b\n1,2\n3,4,\n", "a,b\n1,2\n3,4,"] {
                let url = try file("t.csv", text)
                #expect(message(url) == "t.csv line 3: 3 fields, but the header has 2", "\(text.debugDescription)")
            }
        }

        @Test("a column with no numbers at all is an error, not a silent NaN column")
        func allMissing() throws {
            let url = try file("t.csv", "a,b\n1,\n2,NA\n3,\n")
            #expect(message(url) == "t.csv line 2: column 'b' has no numbers: all 3 values are missing, "
                + "so there is nothing to interpolate from")
        }

        @Test("a likely delimiter is suggested")
        func delimiterHint() throws {
            let url = try file("t.csv", "a;b\n1;2\n")
            #expect(message(url) == "t.csv line 1: no column 'b' in the header 'a;b', which has no ',' but does "
                + "have ';': is the delimiter ';'? (pass delimiter: \";\")")
            #expect(try loadCSVColumns(url, columns: ["b"], delimiter: ";")["b"] == [2])
        }
    }
}
