// Loading long-format data, one row per (entity, time), into a grouped SequenceDataset.
import Foundation

/// Reads a long-format CSV (one row per entity and time, like a pandas frame indexed by
/// `(encounterID, time)`) into one ``EntitySequence`` per entity.
///
/// - Parameters:
///   - url: a UTF-8 CSV file with a header line.
///   - idColumn: the entity id (any text; rows of one entity must be contiguous).
///   - timeColumn: a number; strictly increasing within each entity.
///   - features: the time-varying numeric columns. Empty cells and `NA`-style markers
///     (``csvMissingValueMarkers``) load as NaN.
///   - staticColumns: numeric columns constant per entity (taken from its first row).
///   - delimiter: the field separator.
/// - Throws: ``DatasetError`` (missing file, malformed CSV, unknown column, a text cell where a number
///   belongs, naming file, line and column) or ``SequenceDataError`` (unsorted times, an entity split
///   across the file, an empty id or time, no rows), naming the file and line.
///
/// ```swift
/// let pbc = try loadLongFormatCSV(url, idColumn: "id", timeColumn: "day",
///                                 features: ["bili", "albumin"], staticColumns: ["age"])
/// pbc.entities[0].times     // visit days of patient 1
/// ```
public func loadLongFormatCSV(_ url: URL, idColumn: String, timeColumn: String, features: [String],
                              staticColumns: [String] = [], delimiter: Character = ",") throws -> SequenceDataset {
    let file = url.lastPathComponent
    let (header, records) = try readCSVRecords(url, delimiter: delimiter)
    func index(_ column: String) throws -> Int {
        guard let i = header.firstIndex(of: column) else {
            throw DatasetError.missingColumn(file: file, column: column, available: header)
        }
        return i
    }
    let idIndex = try index(idColumn), timeIndex = try index(timeColumn)
    let featureIndices = try features.map(index), staticIndices = try staticColumns.map(index)
    guard !records.isEmpty else { throw SequenceDataError.noRows(file: file) }

    func number(_ fields: [String], _ i: Int, line: Int, allowMissing: Bool) throws -> Double {
        let field = i < fields.count ? fields[i] : ""
        if csvMissingValueMarkers.contains(field) {
            if allowMissing { return .nan }
            throw SequenceDataError.missingKey(file: file, line: line, column: header[i])
        }
        guard let value = Double(field) else {
            throw DatasetError.notANumber(file: file, line: line, column: header[i], value: field)
        }
        return value
    }

    var entities: [EntitySequence] = []
    var seen: Set<String> = []
    var current: EntitySequence?
    for (fields, line) in records {
        let id = idIndex < fields.count ? fields[idIndex] : ""
        if id.isEmpty { throw SequenceDataError.missingKey(file: file, line: line, column: idColumn) }
        let time = try number(fields, timeIndex, line: line, allowMissing: false)
        let row = try featureIndices.map { try number(fields, $0, line: line, allowMissing: true) }
        if current?.id != id {
            if let finished = current { entities.append(finished) }
            guard seen.insert(id).inserted else { throw SequenceDataError.splitEntity(file: file, line: line, id: id) }
            let statics = try staticIndices.map { try number(fields, $0, line: line, allowMissing: true) }
            current = EntitySequence(id: id, times: [], values: [], featureCount: features.count, statics: statics)
        }
        if let previous = current?.times.last, time <= previous {
            throw SequenceDataError.unsortedTimes(file: file, line: line, id: id, time: time, previous: previous)
        }
        current?.times.append(time)
        current?.values += row
    }
    if let finished = current { entities.append(finished) }
    return SequenceDataset(featureNames: features, staticNames: staticColumns, entities: entities)
}
