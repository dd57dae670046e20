import Foundation
import KusariCore

/// Turns user text and numbers into gnuplot source text that cannot break the script.
enum GnuplotText {
    /// `text` as a gnuplot double-quoted string literal.
    ///
    /// Inside double quotes gnuplot reads backslash escapes, and it substitutes `` `command` `` with the
    /// output of a shell command, even there. So `\` and `"` are escaped, a backquote is written as the
    /// octal escape `\140`, newlines and tabs become `\n` and `\t`, and other control characters are dropped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "`": result += "\\140"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `path` as a gnuplot single-quoted string literal, for file names.
    ///
    /// Single quotes protect backquotes and backslashes; a quote inside is doubled (`''`). Paths with quotes
    /// or control characters are rejected earlier (see ``FigureFiles``), so this doubling is only a safety net.
    static func fileName(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `text` on one line, for a `#` comment: control characters become spaces, backquotes quotes.
    static func comment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F ? " " : $0 == "`" ? "'" : $0
        }))
    }

    /// A number as gnuplot reads it back exactly (shortest round-trip form); `NaN` for non-finite values,
    /// which gnuplot skips, leaving a gap in a line.
    static func number(_ value: Double) -> String {
        value.isFinite ? value.description : "NaN"
    }
}
