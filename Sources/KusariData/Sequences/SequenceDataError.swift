import Foundation

/// What is wrong with long-format sequence data (one row per entity and time): each message names the
/// file, line and entity so the row can be found and fixed.
public enum SequenceDataError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// Within entity `id`, the time on `line` is earlier than (or equal to) the row before it.
    case unsortedTimes(file: String, line: Int, id: String, time: Double, previous: Double)
    /// The rows of entity `id` are not contiguous: it reappears on `line` after other entities.
    case splitEntity(file: String, line: Int, id: String)
    /// The id or time field on `line` is missing.
    case missingKey(file: String, line: Int, column: String)
    /// Entity `id` has no rows (e.g. a label given for an id the data does not have, or a time window
    /// that leaves nothing); `context` says where.
    case emptyEntity(id: String, context: String)
    /// The data has no rows at all.
    case noRows(file: String)

    /// A one-line message naming the file, line and entity.
    public var description: String {
        switch self {
        case let .unsortedTimes(file, line, id, time, previous):
            return "\(file) line \(line): time \(time) of entity '\(id)' is not after the previous row's \(previous) (sort rows by id, then time)"
        case let .splitEntity(file, line, id):
            return "\(file) line \(line): entity '\(id)' appears again after other entities (keep each entity's rows together)"
        case let .missingKey(file, line, column):
            return "\(file) line \(line), column '\(column)': the key field is empty"
        case let .emptyEntity(id, context):
            return "\(context): entity '\(id)' has no rows"
        case let .noRows(file):
            return "\(file): no data rows below the header"
        }
    }

    /// The same as ``description``.
    public var errorDescription: String? { description }
}
