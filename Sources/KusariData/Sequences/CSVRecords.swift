// The raw records of a CSV file with the line each starts on, for loaders that need text fields (ids)
// as well as numbers and must name the line of a bad value.
import Foundation
import SwiftCSV

/// The header names (trimmed) and every non-blank record with its 1-based starting line (the header is
/// line 1). Throws ``DatasetError`` for a missing, unreadable or malformed file, or a record with more
/// fields than the header.
func readCSVRecords(_ url: URL, delimiter: Character = ",") throws -> (header: [String], records: [(fields: [String], line: Int)]) {
    let file = url.lastPathComponent
    let text = try readCSVText(url)
    let separator = CSVDelimiter.character(delimiter)
    var header: [String] = []
    var raw: [[String]] = []
    do {
        let csv = try EnumeratedCSV(string: text, delimiter: separator, loadColumns: false, rowLimit: 0)
        header = csv.header
        try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { raw.append($0) }
    } catch let error as CSVParseError {
        throw DatasetError.malformedCSV(file: file, line: firstFailingLine(text, delimiter: separator),
                                        reason: "a quote in the wrong place (SwiftCSV: \(parseMessage(error)))")
    }
    var records: [(fields: [String], line: Int)] = []
    var nextLine = 1 + physicalLineCount(header)
    for fields in raw {
        let line = nextLine
        nextLine += physicalLineCount(fields)
        if fields == [""] { continue }
        if fields.count > header.count {
            throw DatasetError.malformedCSV(file: file, line: line,
                                            reason: "\(fields.count) fields, but the header has \(header.count)")
        }
        records.append((fields.map { $0.trimmingCharacters(in: .whitespaces) }, line))
    }
    return (header.map { $0.trimmingCharacters(in: .whitespaces) }, records)
}
