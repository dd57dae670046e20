// Running one input through Kusari's reader for its format, and judging the result.
import Foundation
import Kusari
import ZIPFoundation

/// What happened to one input.
enum Outcome: Int, CaseIterable {
    /// Read without error.
    case accepted
    /// Refused with the reader's own descriptive error (``SerializationError``, ``DatasetError``).
    case rejected
    /// Refused with some other error type: a message the reader did not write itself.
    case unexpectedError
    /// Read, but with fewer members than the archive's end record lists.
    case droppedMembers
}

/// Reads `bytes` as `format` with the public loading API and classifies the result.
func readInput(_ bytes: [UInt8], as format: FuzzFormat, scratch: URL) -> Outcome {
    readInputExplained(bytes, as: format, scratch: scratch).outcome
}

/// ``readInput(_:as:scratch:)`` with the reader's message (or "read" when it was accepted).
func readInputExplained(_ bytes: [UInt8], as format: FuzzFormat, scratch: URL)
    -> (outcome: Outcome, message: String) {
    do {
        switch format {
        case .npy:
            _ = try decodeNPY(Data(bytes), name: "fuzz.npy")
        case .npz:
            let archive = try NPZArchive(data: Data(bytes), name: "fuzz.npz")
            if let listed = endRecordCount(bytes), archive.members.count < listed {
                return (.droppedMembers, "read \(archive.members.count) of \(listed) members")
            }
        case .csv:
            try Data(bytes).write(to: scratch)
            let header = String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
            let columns = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            _ = try loadCSVColumns(scratch, columns: Array(columns.prefix(3).filter { !$0.isEmpty }))
        case .snapshot:
            try resumeFromSnapshot(bytes, scratch: scratch)
        }
        return (.accepted, "read")
    } catch let error as SerializationError {
        return (.rejected, error.description)
    } catch let error as DatasetError {
        return (.rejected, error.description)
    } catch let error as TrainingError {
        return (.rejected, error.description)
    } catch let error as OptimizerError {
        return (.rejected, error.description)
    } catch let error as StateError {
        return (.rejected, error.description)
    } catch {
        return (.unexpectedError, "\(error)")
    }
}

/// The member count in the last end-of-central-directory record of `bytes` (its ZIP64 record when a
/// locator precedes it): an independent, naive reading used to detect silently dropped members.
func endRecordCount(_ bytes: [UInt8]) -> Int? {
    func u(_ offset: Int, _ width: Int) -> UInt64? {
        guard offset >= 0, offset + width <= bytes.count else { return nil }
        return (0..<width).reversed().reduce(0) { $0 << 8 | UInt64(bytes[offset + $1]) }
    }
    var position = bytes.count - 22
    while position >= 0 {
        if u(position, 4) == 0x0605_4B50 { break }
        position -= 1
    }
    guard position >= 0, let count = u(position + 10, 2) else { return nil }
    if u(position - 20, 4) == 0x0706_4B50, let record = u(position - 12, 8), record < UInt64(bytes.count),
       u(Int(record), 4) == 0x0606_4B50, let count64 = u(Int(record) + 32, 8) {
        return count64 > UInt64(Int.max) ? nil : Int(count64)
    }
    return Int(count)
}

/// Reads `.npz` bytes the way Kusari did before its own zip checks: ZIPFoundation's in-memory archive,
/// every entry extracted. Used only with `--zipfoundation-baseline`, to measure what the checks guard.
func readWithZIPFoundation(_ bytes: [UInt8]) -> Outcome {
    do {
        let archive = try Archive(data: Data(bytes), accessMode: .read, pathEncoding: nil)
        var read = 0
        for entry in archive where entry.type == .file {
            var data = Data()
            guard try archive.extract(entry, skipCRC32: false, consumer: { data.append($0) }) == entry.checksum else {
                return .rejected
            }
            _ = try decodeNPY(data, name: entry.path)
            read += 1
        }
        if let listed = endRecordCount(bytes), read < listed { return .droppedMembers }
        return .accepted
    } catch {
        return .rejected
    }
}
