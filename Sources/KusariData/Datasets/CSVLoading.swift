import Foundation
import SwiftCSV
import KusariCore

/// Fields that mean "missing" and load as NaN: the empty field and pandas' usual markers.
public let csvMissingValueMarkers: Set<String> = ["", "NA", "N/A", "n/a", "NaN", "nan", "-nan", "NULL", "null",
                                                  "None", "#N/A", "<NA>"]

/// Reads the named numeric columns of a CSV file with a header line (parsed by SwiftCSV).
///
/// - Parameters:
///   - url: a local file. Text must be UTF-8; a byte-order mark is skipped.
///   - columns: header names to read (surrounding spaces in the header are ignored). Other columns,
///     such as dates, are never parsed, so they may hold anything.
///   - delimiter: the field separator.
/// - Returns: each requested column's values in file order, one per data line.
/// - Throws: ``DatasetError`` with a message naming the file, line (1-based, the header is line 1) and
///   column: ``DatasetError/fileNotFound(path:)``, ``DatasetError/unreadableFile(path:reason:)``,
///   ``DatasetError/malformedCSV(file:line:reason:)`` (a stray or unclosed quote, or more fields than the
///   header), ``DatasetError/missingColumn(file:column:available:)``, or
///   ``DatasetError/notANumber(file:line:column:value:)``.
///
/// Missing values: an empty field, or one of ``csvMissingValueMarkers`` (`NA`, `NaN`, `null`, …), becomes
/// `Double.nan`, as in pandas; fill the gaps with ``interpolateMissing(_:)-([Double])``. A line with fewer
/// fields than the header is padded with missing values; blank lines are skipped. Spaces around a value
/// are ignored. Quoted fields may hold delimiters and line breaks (line numbers count physical lines).
///
/// ```swift
/// let table = try loadCSVColumns(URL(fileURLWithPath: "data/seattle-temps.csv"), columns: ["temp"])
/// let temps = interpolateMissing(table["temp"] ?? [])     // 8,759 hourly values
/// ```
public func loadCSVColumns(_ url: URL, columns: [String], delimiter: Character = ",") throws -> [String: [Double]] {
    let file = url.lastPathComponent
    let text = try readCSVText(url)
    let separator = CSVDelimiter.character(delimiter)
    var header: [String] = []
    var records: [[String]] = []
    do {
        // rowLimit 0: parse the header only; then collect the raw data records, unpadded.
        let csv = try EnumeratedCSV(string: text, delimiter: separator, loadColumns: false, rowLimit: 0)
        header = csv.header
        try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { records.append($0) }
    } catch let error as CSVParseError {
        let line = firstFailingLine(text, delimiter: separator)
        throw DatasetError.malformedCSV(file: file, line: line,
                                        reason: "a quote in the wrong place (SwiftCSV: \(parseMessage(error)))")
    }
    // Line on which each record starts: a record spans 1 + (line breaks inside its quoted fields) lines.
    var lines: [Int] = []
    var nextLine = 1 + physicalLineCount(header)
    for record in records {
        lines.append(nextLine)
        nextLine += physicalLineCount(record)
    }
    if text.utf8.reduce(0, { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }) % 2 == 1 {
        throw DatasetError.malformedCSV(file: file, line: lines.last ?? 1,
                                        reason: "a quoted field starts here and is never closed")
    }
    let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
    var result: [String: [Double]] = [:]
    for column in columns {
        guard let index = names.firstIndex(of: column) else {
            throw DatasetError.missingColumn(file: file, column: column, available: names)
        }
        var values: [Double] = []
        values.reserveCapacity(records.count)
        for (record, line) in zip(records, lines) where record != [""] {
            if record.count > header.count {
                throw DatasetError.malformedCSV(
                    file: file, line: line,
                    reason: "\(record.count) fields, but the header has \(header.count)")
            }
            let field = index < record.count ? record[index].trimmingCharacters(in: .whitespaces) : ""
            if csvMissingValueMarkers.contains(field) {
                values.append(.nan)
            } else if let value = Double(field) {
                values.append(value)
            } else {
                throw DatasetError.notANumber(file: file, line: line, column: column, value: field)
            }
        }
        result[column] = values
    }
    return result
}

/// The file's text, or a ``DatasetError`` saying why there is none.
func readCSVText(_ url: URL) throws -> String {
    let path = url.path
    guard FileManager.default.fileExists(atPath: path) else { throw DatasetError.fileNotFound(path: path) }
    let data: Data
    do {
        data = try Data(contentsOf: url)
    } catch {
        throw DatasetError.unreadableFile(path: path, reason: error.localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw DatasetError.unreadableFile(path: path, reason: "not UTF-8 text")
    }
    return text
}

/// How many physical lines a record occupies: one, plus the line breaks inside its fields.
func physicalLineCount(_ fields: [String]) -> Int {
    1 + fields.reduce(0) { $0 + $1.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } }
}

/// The 1-based line on which SwiftCSV's parser first fails. SwiftCSV reports no position, so this parses
/// ever longer prefixes ending at line breaks (a binary search): the first failing prefix ends the bad line.
func firstFailingLine(_ text: String, delimiter: CSVDelimiter) -> Int {
    var ends: [String.Index] = []   // ends[k] = end of line k + 1 (after its line break)
    var i = text.startIndex
    while i < text.endIndex {
        let next = text.index(after: i)
        if text[i].isNewline { ends.append(next) }
        i = next
    }
    if ends.last != text.endIndex { ends.append(text.endIndex) }
    func fails(_ k: Int) -> Bool {
        (try? EnumeratedCSV(string: String(text[..<ends[k]]), delimiter: delimiter, loadColumns: false)) == nil
    }
    var low = 0, high = ends.count - 1   // the whole text fails, so the answer is in low...high
    while low < high {
        let mid = (low + high) / 2
        if fails(mid) { high = mid } else { low = mid + 1 }
    }
    return low + 1
}

func parseMessage(_ error: CSVParseError) -> String {
    switch error {
    case let .generic(message), let .quotation(message): return message
    }
}
