import Foundation
import KusariCore

/// What went wrong reading data from outside the program: a missing or unreadable file, a malformed
/// CSV, a missing column, a value that is not a number, or an iterator state that does not fit.
///
/// Every case's ``description`` names the file (and, where there is one, the line and column), so a
/// student can open the file and fix it:
///
///     seattle.csv line 17, column 'temp': 'abc' is not a number
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// No file exists at `path`.
    case fileNotFound(path: String)
    /// The file exists but could not be read or is not UTF-8 text.
    case unreadableFile(path: String, reason: String)
    /// The CSV text cannot be parsed at `line` (1-based, counting the header as line 1).
    case malformedCSV(file: String, line: Int, reason: String)
    /// The header has no column called `column`; `available` lists the header's names.
    case missingColumn(file: String, column: String, available: [String])
    /// The field of `column` on `line` holds `value`, which is not a number.
    case notANumber(file: String, line: Int, column: String, value: String)
    /// A saved iterator state cannot be restored (a key is missing or the data does not match).
    case invalidIteratorState(String)

    /// A one-line message naming the file, line and column involved.
    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "\(URL(fileURLWithPath: path).lastPathComponent): no such file at \(path)"
        case let .unreadableFile(path, reason):
            return "\(URL(fileURLWithPath: path).lastPathComponent): cannot read \(path): \(reason)"
        case let .malformedCSV(file, line, reason):
            return "\(file) line \(line): \(reason)"
        case let .missingColumn(file, column, available):
            let names = available.map { "'\($0)'" }.joined(separator: ", ")
            return "\(file): no column '\(column)' (the header on line 1 has \(names))"
        case let .notANumber(file, line, column, value):
            return "\(file) line \(line), column '\(column)': '\(value)' is not a number"
        case let .invalidIteratorState(reason):
            return "cannot restore iterator state: \(reason)"
        }
    }

    /// The same as ``description``, so `error.localizedDescription` prints the message.
    public var errorDescription: String? { description }
}
