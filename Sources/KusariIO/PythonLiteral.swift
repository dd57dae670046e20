import KusariCore
import KusariNN

/// A Python literal, as found in an `.npy` header: NumPy writes the header as the `repr` of a dict and
/// reads it back with `ast.literal_eval`, so this small parser accepts the subset that can appear there.
indirect enum PythonLiteral: Equatable {
    case string(String)
    case bool(Bool)
    case none
    case int(Int)
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(key: PythonLiteral, value: PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.none, .none): return true
        case let (.int(a), .int(b)): return a == b
        case let (.tuple(a), .tuple(b)), let (.list(a), .list(b)): return a == b
        case let (.dict(a), .dict(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// Parses one literal filling all of `text` (surrounding whitespace allowed); the error's `reason` says
    /// what is wrong and where.
    static func parse(_ text: String) throws(PythonLiteralError) -> PythonLiteral {
        var parser = Parser(chars: Array(text.unicodeScalars))
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == parser.chars.count else {
            throw PythonLiteralError("unexpected text after the literal at offset \(parser.index)")
        }
        return value
    }
}

/// Why a Python literal could not be parsed.
struct PythonLiteralError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

private struct Parser {
    let chars: [Unicode.Scalar]
    var index = 0
    /// How many tuples, lists and dicts enclose the current position. An `.npy` header nests two deep
    /// (a dict holding a tuple), a structured dtype a few more; the limit keeps hostile input from
    /// overflowing the stack of this recursive parser.
    var depth = 0
    static let maximumDepth = 32

    mutating func skipWhitespace() {
        while index < chars.count, chars[index].properties.isWhitespace { index += 1 }
    }

    mutating func peek() -> Unicode.Scalar? {
        skipWhitespace()
        return index < chars.count ? chars[index] : nil
    }

    mutating func expect(_ c: Unicode.Scalar) throws(PythonLiteralError) {
        guard peek() == c else { throw PythonLiteralError("expected '\(c)' at offset \(index)") }
        index += 1
    }

    mutating func value() throws(PythonLiteralError) -> PythonLiteral {
        guard let c = peek() else { throw PythonLiteralError("unexpected end of text") }
        if "([{".unicodeScalars.contains(c) {
            guard depth < Self.maximumDepth else {
                throw PythonLiteralError("more than \(Self.maximumDepth) nested brackets at offset \(index)")
            }
            depth += 1
        }
        defer { if "([{".unicodeScalars.contains(c) { depth -= 1 } }
        switch c {
        case "'", "\"": return .string(try string(quote: c))
        case "(":
            let (items, trailingComma) = try sequence(open: "(", close: ")")
            // `(x)` is just a parenthesised value; `(x,)` is a one-element tuple.
            if items.count == 1 && !trailingComma { return items[0] }
            return .tuple(items)
        case "[": return .list(try sequence(open: "[", close: "]").items)
        case "{": return try dict()
        case "-", "+", "0"..."9": return .int(try integer())
        default:
            let word = identifier()
            switch word {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return .none
            case "": throw PythonLiteralError("unexpected character '\(c)' at offset \(index)")
            default: throw PythonLiteralError("unexpected name '\(word)' at offset \(index - word.count)")
            }
        }
    }

    mutating func identifier() -> String {
        var word = ""
        while index < chars.count, chars[index].properties.isAlphabetic || chars[index] == "_" {
            word.unicodeScalars.append(chars[index])
            index += 1
        }
        return word
    }

    mutating func integer() throws(PythonLiteralError) -> Int {
        let start = index
        var text = ""
        if chars[index] == "-" || chars[index] == "+" {
            text.unicodeScalars.append(chars[index])
            index += 1
        }
        while index < chars.count, ("0"..."9").contains(chars[index]) {
            text.unicodeScalars.append(chars[index])
            index += 1
        }
        // Python 2 wrote long integers with an `L` suffix: `(3L, 4L)`.
        if index < chars.count, chars[index] == "L" || chars[index] == "l" { index += 1 }
        guard let n = Int(text) else {
            throw PythonLiteralError("invalid integer '\(text)' at offset \(start)")
        }
        return n
    }

    mutating func string(quote: Unicode.Scalar) throws(PythonLiteralError) -> String {
        let start = index
        index += 1
        var result = ""
        while index < chars.count {
            let c = chars[index]
            index += 1
            if c == quote { return result }
            if c == "\\" {
                guard index < chars.count else { break }
                result.unicodeScalars.append(chars[index])
                index += 1
            } else {
                result.unicodeScalars.append(c)
            }
        }
        throw PythonLiteralError("unterminated string starting at offset \(start)")
    }

    mutating func sequence(open: Unicode.Scalar, close: Unicode.Scalar)
        throws(PythonLiteralError) -> (items: [PythonLiteral], trailingComma: Bool) {
        try expect(open)
        var items: [PythonLiteral] = []
        var trailingComma = false
        while peek() != close {
            items.append(try value())
            trailingComma = false
            if peek() == "," {
                index += 1
                trailingComma = true
            } else if peek() != close {
                throw PythonLiteralError("expected ',' or '\(close)' at offset \(index)")
            }
        }
        index += 1
        return (items, trailingComma)
    }

    mutating func dict() throws(PythonLiteralError) -> PythonLiteral {
        try expect("{")
        var entries: [(key: PythonLiteral, value: PythonLiteral)] = []
        while peek() != "}" {
            let key = try value()
            try expect(":")
            entries.append((key, try value()))
            if peek() == "," {
                index += 1
            } else if peek() != "}" {
                throw PythonLiteralError("expected ',' or '}' at offset \(index)")
            }
        }
        index += 1
        return .dict(entries)
    }
}
