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
///   - allowInfinity: accept `inf`, `-inf` and overflowing numbers as ±infinity instead of throwing.
///   - allowShortRows: accept lines with fewer fields than the header (the missing fields load as NaN).
/// - Returns: each requested column's values in file order, one per data line.
/// - Throws: ``DatasetError`` with a message naming the file, line (1-based, the header is line 1) and
///   column: ``DatasetError/fileNotFound(path:)``, ``DatasetError/unreadableFile(path:reason:)``,
///   ``DatasetError/malformedCSV(file:line:reason:)`` (a stray or unclosed quote, or more fields than the
///   header), ``DatasetError/missingColumn(file:column:available:)``, or
///   ``DatasetError/notANumber(file:line:column:value:)``.
///
/// Missing values: an empty field, or one of ``csvMissingValueMarkers`` (`NA`, `NaN`, `null`, …), becomes
/// `Double.nan`, as in pandas; fill the gaps with ``interpolateMissing(_:)-([Double])``. A column whose
/// every value is missing is an error (interpolation would leave it NaN). Blank lines are skipped; a line
/// with fewer fields than the header is an error unless `allowShortRows` is true (then the missing
/// fields are missing values). Spaces around a value are ignored. Quoted fields may hold delimiters and
/// line breaks (line numbers count physical lines).
///
/// Numbers are decimal (`-1.5`, `.5`, `6e-3`): hexadecimal, `snan`, `nan(…)` and text after a NUL byte
/// are errors, as are infinities (`inf`, or `1e400`, which overflows) unless `allowInfinity` is true.
///
/// ```swift
/// let table = try loadCSVColumns(URL(fileURLWithPath: "data/seattle-temps.csv"), columns: ["temp"])
/// let temps = interpolateMissing(table["temp"] ?? [])     // 8,759 hourly values
/// ```
public func loadCSVColumns(_ url: URL, columns: [String], delimiter: Character = ",",
                           allowInfinity: Bool = false, allowShortRows: Bool = false) throws -> [String: [Double]] {
    let file = url.lastPathComponent
    var text = try readCSVText(url)
    // End the last line like the others: SwiftCSV drops an empty last field ("3,4,") only at end of text.
    if let last = text.last, !endsLine(last) { text.append("\n") }
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
            let headerLine = String(text.prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" })
            if let suggestion = likelyDelimiter(header: headerLine, insteadOf: delimiter) {
                throw DatasetError.malformedCSV(
                    file: file, line: 1,
                    reason: "no column '\(column)' in the header '\(visibleCSVText(headerLine))', which has no "
                        + "'\(visibleCSVText(String(delimiter)))' but does have '\(visibleCSVText(String(suggestion)))': "
                        + "is the delimiter '\(visibleCSVText(String(suggestion)))'? "
                        + "(pass delimiter: \"\(visibleCSVText(String(suggestion)))\")")
            }
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
            if record.count < header.count && !allowShortRows {
                throw DatasetError.malformedCSV(
                    file: file, line: line,
                    reason: "\(record.count) fields, but the header has \(header.count) "
                        + "(pass allowShortRows: true to read missing fields as missing values)")
            }
            let field = index < record.count ? record[index].trimmingCharacters(in: .whitespaces) : ""
            if csvMissingValueMarkers.contains(field) {
                values.append(.nan)
                continue
            }
            switch parseCSVNumber(field, allowInfinity: allowInfinity) {
            case let .success(value):
                values.append(value)
            case .failure(.infinite):
                throw DatasetError.malformedCSV(
                    file: file, line: line,
                    reason: "column '\(column)': '\(visibleCSVText(field))' is infinite as a float64 "
                        + "(pass allowInfinity: true to accept infinities)")
            case .failure(.notANumber):
                throw DatasetError.notANumber(file: file, line: line, column: column, value: visibleCSVText(field))
            }
        }
        if !values.isEmpty && values.allSatisfy(\.isNaN) {
            throw DatasetError.malformedCSV(
                file: file, line: lines.first ?? 2,
                reason: "column '\(column)' has no numbers: all \(values.count) values are missing, "
                    + "so there is nothing to interpolate from")
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
    1 + fields.reduce(0) { $0 + $1.reduce(0) { $0 + (endsLine($1) ? 1 : 0) } }
}

/// Whether `c` ends a line in a CSV file: "\n", "\r" or "\r\n" (a vertical tab or form feed is
/// `isNewline` in Swift, but no CSV reader breaks lines there).
private func endsLine(_ c: Character) -> Bool {
    c == "\n" || c == "\r\n" || c == "\r"
}

/// The 1-based line on which SwiftCSV's parser first fails. SwiftCSV reports no position, so this parses
/// ever longer prefixes ending at line breaks (a binary search): the first failing prefix ends the bad line.
func firstFailingLine(_ text: String, delimiter: CSVDelimiter) -> Int {
    var ends: [String.Index] = []   // ends[k] = end of line k + 1 (after its line break)
    var i = text.startIndex
    while i < text.endIndex {
        let next = text.index(after: i)
        if endsLine(text[i]) { ends.append(next) }
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
