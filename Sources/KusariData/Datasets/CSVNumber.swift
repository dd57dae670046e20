// What counts as a number in a CSV cell. Swift's `Double(String)` is far more lenient than a data file
// should be: it reads "0x10" as 16, "12\0abc" as 12 (it stops at a NUL byte), and accepts "snan",
// "nan(123)" and "inf". A cell is a number here only when it is written the way pandas, NumPy and
// spreadsheets write decimal numbers.

/// Why a CSV cell is not accepted as a number (nil from ``parseCSVNumber(_:allowInfinity:)`` means it is).
enum CSVNumberProblem: Error, Equatable {
    /// Not a decimal number at all ("abc", "0x10", "12\0abc", "snan").
    case notANumber
    /// An infinity ("inf", "-Infinity", or "1e400", which overflows float64) while infinities are refused.
    case infinite
}

/// Parses a trimmed CSV cell as a decimal number: an optional sign, digits with an optional decimal
/// point, and an optional exponent (`-1.5`, `.5`, `3.`, `6e-3`, `+2E10`). Infinities (`inf`, `infinity`,
/// any case, signed, or a value that overflows) are accepted only when `allowInfinity` is true.
func parseCSVNumber(_ text: String, allowInfinity: Bool) -> Result<Double, CSVNumberProblem> {
    let lowered = text.lowercased()
    if ["inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"].contains(lowered) {
        guard allowInfinity else { return .failure(.infinite) }
        return .success(lowered.hasPrefix("-") ? -.infinity : .infinity)
    }
    guard isDecimalLiteral(text.utf8), let value = Double(text) else { return .failure(.notANumber) }
    if value.isInfinite && !allowInfinity { return .failure(.infinite) }
    return .success(value)
}

/// Whether `bytes` is exactly `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` in ASCII.
private func isDecimalLiteral(_ bytes: String.UTF8View) -> Bool {
    var i = bytes.startIndex
    func digits() -> Int {
        var count = 0
        while i < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
            count += 1
            i = bytes.index(after: i)
        }
        return count
    }
    func skip(_ allowed: String) -> Bool {
        guard i < bytes.endIndex, allowed.utf8.contains(bytes[i]) else { return false }
        i = bytes.index(after: i)
        return true
    }
    _ = skip("+-")
    var mantissa = digits()
    if skip(".") { mantissa += digits() }
    guard mantissa > 0 else { return false }
    if skip("eE") {
        _ = skip("+-")
        guard digits() > 0 else { return false }
    }
    return i == bytes.endIndex
}

/// `text` with control characters made visible (`\0`, `\t`, `\u{0B}`), for error messages.
func visibleCSVText(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\0": result += "\\0"
        case "\t": result += "\\t"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// A delimiter that the header line seems to use instead of `delimiter`, if any (for hints).
func likelyDelimiter(header: String, insteadOf delimiter: Character) -> Character? {
    guard !header.contains(delimiter) else { return nil }
    return [";", "\t", "|", ","].first { $0 != delimiter && header.contains($0) }
}
