import Foundation
import KusariCore
import KusariNN

/// Writes `data` to `url` atomically: readers (and a crash at any moment) see either the previous file
/// or the complete new one, never a half-written file.
///
/// The bytes go to a hidden temporary file in the same directory (`.name.tmp-UUID`), are flushed to disk
/// (`fsync`), and the temporary file is then renamed over `url` (`rename(2)`, atomic within a file system).
/// On failure the temporary file is removed and `url` is left as it was.
///
/// - Throws: ``SerializationError/io(path:operation:detail:)`` when the directory is not writable, the
///   disk is full, etc.
public func writeAtomically(_ data: Data, to url: URL) throws {
    try atomicallyWriting(to: url) { temporaryURL in
        try writeFile(data, to: temporaryURL, reportingAs: url)
    }
}

/// Runs `write` to produce a file at a temporary URL, then atomically moves it to `url`; the general form
/// of ``writeAtomically(_:to:)`` for writers that want a path rather than `Data` (a zip library, say).
///
/// `write` receives a URL in the same directory as `url` where no file exists yet, and must create the
/// complete file there. When it returns, the file is flushed to disk and renamed over `url`. When it
/// throws (or the rename fails), the temporary file is removed, `url` is untouched, and the error is
/// rethrown unchanged.
///
/// ```swift
/// try atomicallyWriting(to: logURL) { temporaryURL in
///     try report.write(to: temporaryURL, atomically: false, encoding: .utf8)
/// }
/// ```
///
/// If the process is killed mid-write, `url` is intact but the hidden temporary file may remain.
@discardableResult
public func atomicallyWriting<Result>(to url: URL, _ write: (URL) throws -> Result) throws -> Result {
    let directory = url.deletingLastPathComponent()
    let temporaryURL = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
    let result: Result
    do {
        result = try write(temporaryURL)
        try synchronize(temporaryURL, operation: "flush")
        guard rename(temporaryURL.path, url.path) == 0 else {
            throw SerializationError.io(path: url.path, operation: "replace", detail: errnoDescription())
        }
    } catch {
        try? FileManager.default.removeItem(at: temporaryURL)
        throw error
    }
    // Make the rename itself durable. Best effort: some file systems cannot fsync a directory.
    try? synchronize(directory, operation: "flush")
    return result
}

/// Creates a new file at `url` (which must not exist) holding `data`; errors name `reportedURL`.
func writeFile(_ data: Data, to url: URL, reportingAs reportedURL: URL) throws {
    let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
        throw SerializationError.io(path: reportedURL.path, operation: "write", detail: errnoDescription())
    }
    defer { close(fd) }
    try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
        var offset = 0
        while offset < bytes.count {
            guard let base = bytes.baseAddress else { break }
            let written = write(fd, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw SerializationError.io(path: reportedURL.path, operation: "write", detail: errnoDescription())
            }
            offset += written
        }
    }
}

/// Reads the whole file at `url`.
func readFile(at url: URL) throws -> Data {
    func failure() -> SerializationError {
        .io(path: url.path, operation: "read", detail: errnoDescription())
    }
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the regular-file check below rejects it.
    let fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { throw failure() }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0 else { throw failure() }
    guard status.st_mode & S_IFMT == S_IFREG else {
        let kind = status.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"
        throw SerializationError.io(path: url.path, operation: "read", detail: "it is \(kind), not a data file")
    }
    var data = Data()
    data.reserveCapacity(Int(status.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count == 0 { return data }
        if count < 0 {
            if errno == EINTR { continue }
            throw failure()
        }
        data.append(contentsOf: chunk[..<count])
    }
}

/// `fsync`s the file or directory at `url`.
private func synchronize(_ url: URL, operation: String) throws {
    let fd = open(url.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
        throw SerializationError.io(path: url.path, operation: operation, detail: errnoDescription())
    }
    defer { close(fd) }
    guard fsync(fd) == 0 else {
        throw SerializationError.io(path: url.path, operation: operation, detail: errnoDescription())
    }
}

/// The message for the current `errno`, e.g. "Permission denied".
private func errnoDescription() -> String {
    String(cString: strerror(errno))
}
