// Seeded, bounded mutations of valid files: the same (seed, index) always gives the same bytes, so any
// failure can be regenerated and saved as a regression input.
import Kusari

/// Makes mutated inputs from a format's seeds.
struct Mutator {
    let format: FuzzFormat
    let seeds: [[UInt8]]
    let seed: UInt64

    init(format: FuzzFormat, seed: UInt64) {
        self.format = format
        self.seeds = format.seeds
        self.seed = seed
    }

    /// Input number `index`: a seed file with one to four mutations applied.
    func input(_ index: Int) -> [UInt8] {
        let random = RandomGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        var bytes = seeds[random.nextInt(below: seeds.count)]
        if format == .snapshot { return tamperedSnapshot(bytes, random: random) }
        for _ in 0...random.nextInt(below: 4) { mutate(&bytes, random) }
        return bytes
    }

    private func mutate(_ bytes: inout [UInt8], _ random: RandomGenerator) {
        let count = bytes.count
        func position() -> Int { count == 0 ? 0 : random.nextInt(below: count) }
        switch random.nextInt(below: 10) {
        case 0:  // flip one bit
            guard count > 0 else { return }
            bytes[position()] ^= UInt8(1 << random.nextInt(below: 8))
        case 1:  // set a byte to a boundary value
            guard count > 0 else { return }
            bytes[position()] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0A, 0x2C, 0x22][random.nextInt(below: 8)]
        case 2:  // overwrite 2, 4 or 8 bytes with an extreme little-endian integer (sizes, offsets, counts)
            let width = [2, 4, 8][random.nextInt(below: 3)]
            let values: [UInt64] = [0, 1, 0xFFFF, 0xFFFF_FFFF, 1 << 40, 1 << 62, 1 << 63, .max, UInt64(count),
                                    UInt64(count) + 1, UInt64(max(count - 1, 0))]
            let value = values[random.nextInt(below: values.count)]
            let start = position()
            for k in 0..<width where start + k < count { bytes[start + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
        case 3:  // truncate
            bytes.removeLast(count == 0 ? 0 : random.nextInt(below: count))
        case 4:  // delete a run
            guard count > 0 else { return }
            let start = position()
            bytes.removeSubrange(start..<min(count, start + 1 + random.nextInt(below: 16)))
        case 5:  // duplicate a run
            guard count > 0 else { return }
            let start = position()
            let run = bytes[start..<min(count, start + 1 + random.nextInt(below: 64))]
            bytes.insert(contentsOf: run, at: position())
        case 6:  // insert format-specific tokens
            let tokens = format.tokens
            bytes.insert(contentsOf: tokens[random.nextInt(below: tokens.count)], at: position())
        case 7:  // replace a byte with a random one
            guard count > 0 else { return }
            bytes[position()] = UInt8(truncatingIfNeeded: random.next())
        case 8:  // swap two bytes
            guard count > 1 else { return }
            bytes.swapAt(position(), position())
        default:  // deep nesting (parsers) or a long run of one byte
            let open = format == .csv ? UInt8(ascii: "\"") : UInt8(ascii: "(")
            let depth = [10, 100, 5_000][random.nextInt(below: 3)]
            bytes.insert(contentsOf: [UInt8](repeating: open, count: depth), at: position())
        }
    }
}

extension FuzzFormat {
    /// Byte strings that are meaningful to this format's parser.
    var tokens: [[UInt8]] {
        let text: [String]
        switch self {
        case .npy:
            text = ["'descr': '>f8', ", "'<c16'", "'|O'", "True", "(99999999999, 99999999999)", "(-1,)",
                    "'shape': (), ", "{", "}", "[", "]", "'", "\\", "(((", "18446744073709551616", "'<f2'"]
        case .npz:
            text = ["PK\u{01}\u{02}", "PK\u{03}\u{04}", "PK\u{05}\u{06}", "PK\u{06}\u{06}", "PK\u{06}\u{07}",
                    "\u{01}\u{00}\u{10}\u{00}", "\u{93}NUMPY", "dir/", ".npy"]
        case .snapshot:
            text = []
        case .csv:
            text = ["\u{00}", "0x10", "snan", "nan(123)", "inf", "-Infinity", "1e400", "\u{0B}", "\u{0C}", "\"",
                    ",", ";", "\t", "\r\n", "\n", "NA", "１２", "1_000", " ", "\u{FEFF}"]
        }
        return text.map { Array($0.utf8) }
    }
}
