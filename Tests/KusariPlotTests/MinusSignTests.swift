import Foundation
import Testing

import Kusari

/// Tic labels of negative numbers use the typographic minus sign (U+2212), not a hyphen.
@Test func scriptAsksForARealMinusSign() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kusari-minus-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    var panel = Panel(title: "sin", xLabel: "t")
    panel.line(x: [-3, 0, 3], y: [-0.14, 0, 0.14])
    let saved = try Figure(panel).save(to: folder.appendingPathComponent("minus.png"))
    let script = try String(contentsOf: saved.script, encoding: .utf8)
    #expect(script.contains("set encoding utf8\nset minussign"), "\(script)")
}
