import Foundation

/// Creates the folder at `url` if needed and checks that files can be written in it, so that training
/// stops at once with a plain message instead of failing after hours when the first file is saved.
///
/// The check writes and removes a small hidden file (a permission check alone misses read-only file
/// systems and is always "yes" for root).
///
/// - Throws: ``SerializationError/io(path:operation:detail:)``, e.g.
///   "cannot write to the output folder /data/results: Read-only file system".
public func prepareOutputFolder(_ url: URL) throws {
    func failure(_ detail: String) -> SerializationError {
        .io(path: url.path, operation: "write to the output folder", detail: detail)
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else { throw failure("it is a file, not a folder") }
    } else {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw failure("it cannot be created (\(creationProblem(url)))")
        }
    }
    let probe = url.appendingPathComponent(".kusari-write-check-\(UUID().uuidString)")
    let fd = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
    close(fd)
    unlink(probe.path)
}

/// Why a folder cannot be created: the first ancestor that exists but is a file, or is not writable.
private func creationProblem(_ url: URL) -> String {
    var ancestor = url.deletingLastPathComponent()
    while ancestor.path != "/" && !FileManager.default.fileExists(atPath: ancestor.path) {
        ancestor = ancestor.deletingLastPathComponent()
    }
    var isDirectory: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory)
    if !isDirectory.boolValue { return "\(ancestor.path) is a file, not a folder" }
    let probe = ancestor.appendingPathComponent(".kusari-write-check-\(UUID().uuidString)")
    let fd = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return "\(ancestor.path): \(String(cString: strerror(errno)))" }
    close(fd)
    unlink(probe.path)
    return "unknown reason"
}
