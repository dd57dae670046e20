import Foundation
import KusariCore

/// The three files a figure is saved as, derived from the PNG's URL, with the checks that keep the names
/// safe inside gnuplot's quotes.
struct FigureFiles {
    /// `folder/name.png`.
    let image: URL
    /// `folder/name.dat`.
    let data: URL
    /// `folder/name.gp`.
    let script: URL

    /// The folder holding the three files.
    var folder: URL { image.deletingLastPathComponent() }

    /// Derives the three file URLs from `url` (`folder/name.png`, or `folder/name` to which `.png` is added).
    /// - Throws: ``PlotError/invalidPath(_:reason:)`` when `url` is not a file URL, has another extension,
    ///   or holds a character that would break gnuplot's quoted file names.
    init(_ url: URL) throws {
        guard url.isFileURL else {
            throw PlotError.invalidPath(url.absoluteString, reason: "not a file URL; use URL(fileURLWithPath:)")
        }
        var image = url.standardizedFileURL
        let path = image.path
        let fail = { (reason: String) in PlotError.invalidPath(path, reason: reason) }
        if image.pathExtension.isEmpty {
            image.appendPathExtension("png")
        } else if image.pathExtension.lowercased() != "png" {
            throw fail("the file must end in .png (the .dat and .gp files are written beside it)")
        }
        let name = image.deletingPathExtension().lastPathComponent
        guard !name.isEmpty, name != ".", name != "..", name != "/" else {
            throw fail("the file needs a name, as in folder/name.png")
        }
        if path.contains("'") {
            throw fail("it contains a single quote ('), which would break gnuplot's quoted file names; rename it")
        }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw fail("it contains a control character such as a newline; rename it")
        }
        if let first = name.first, first == "<" || first == "|" {
            throw fail("the name starts with \(first), which gnuplot reads as a shell pipe; rename it")
        }
        self.image = image
        data = image.deletingPathExtension().appendingPathExtension("dat")
        script = image.deletingPathExtension().appendingPathExtension("gp")
    }

    /// Creates the folder (and its parents) when missing.
    /// - Throws: ``PlotError/invalidPath(_:reason:)`` when it cannot be created or the PNG path is a folder.
    func createFolder() throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            let reason = "its folder cannot be created (\(error.localizedDescription))"
            throw PlotError.invalidPath(image.path, reason: reason)
        }
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: image.path, isDirectory: &isFolder), isFolder.boolValue {
            throw PlotError.invalidPath(image.path, reason: "it is a folder")
        }
    }

    /// Writes `text` as UTF-8 to `url`, replacing any previous file.
    func write(_ text: String, to url: URL) throws {
        do {
            try text.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw PlotError.cannotWrite(url.path, reason: error.localizedDescription)
        }
    }

    /// Deletes a PNG left by an earlier save, so that a PNG found after running gnuplot is a fresh one.
    func removeStaleImage() throws {
        guard FileManager.default.fileExists(atPath: image.path) else { return }
        do {
            try FileManager.default.removeItem(at: image)
        } catch {
            let reason = "the old PNG cannot be replaced (\(error.localizedDescription))"
            throw PlotError.cannotWrite(image.path, reason: reason)
        }
    }

    /// Whether a non-empty PNG file is at ``image``.
    var imageExists: Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: image.path)
        return ((attributes?[.size] as? NSNumber)?.intValue ?? 0) > 0
    }
}
