/// Turns raw terminal input bytes into keys.
///
/// It understands UTF-8 text and the escape sequences terminals commonly send:
///
/// | bytes | key |
/// |---|---|
/// | `ESC [ A` `B` `C` `D` (also `ESC O A`…, and with modifiers `ESC [ 1 ; 5 A`) | up, down, right, left |
/// | `ESC [ H`, `ESC [ F`, `ESC O H`, `ESC O F`, `ESC [ 1 ~`, `7 ~` / `4 ~`, `8 ~` | home / end |
/// | `ESC [ 3 ~` | delete |
/// | `ESC [ 5 ~`, `ESC [ 6 ~` | pageUp, pageDown |
/// | `ESC [ Z` | backTab |
/// | `ESC O P` `Q` `R` `S`, `ESC [ 11 ~`…`14 ~`, `ESC [ [ A`…`E` | F1–F4 (F5) |
/// | `ESC [ 15 ~`, `17 ~`…`21 ~`, `23 ~`, `24 ~` | F5–F12 |
/// | CR, LF, CR LF | enter |
/// | TAB | tab |
/// | DEL (0x7F), BS (0x08) | backspace |
/// | 0x01–0x1A (others) | `.ctrl("a")`…`.ctrl("z")` |
///
/// An incomplete tail (a partial UTF-8 character or escape sequence) is kept for the next
/// `feed`. A lone ESC cannot be told from the start of a sequence until time passes: the
/// caller waits briefly and then calls `flush()`, which turns it into `.escape`.
///
/// Garbage never traps: invalid UTF-8 bytes and C1 controls are skipped, unknown or
/// malformed sequences produce nothing, and ESC followed by something that starts no
/// sequence is `.escape` followed by whatever comes next (so Alt-x is `.escape, "x"`).
/// The kept tail is never longer than `maxSequenceLength` bytes.
///
/// Consecutive text scalars within one `feed` are grouped into grapheme clusters, so a
/// letter with a combining mark or an emoji sequence pasted at once is one `.char`.
public struct KeyDecoder: Sendable {
    /// The longest escape sequence waited for; a longer unfinished one is dropped.
    public static let maxSequenceLength = 32

    /// Bytes of an incomplete sequence or character, kept for the next call.
    private var pending: [UInt8] = []
    /// The last byte decoded was CR, so an LF right after it belongs to the same Enter.
    private var afterCR = false

    public init() {}

    /// True while bytes of an incomplete sequence are kept: the caller should call
    /// `flush()` if no more input comes soon (a lone ESC).
    public var hasPending: Bool { !pending.isEmpty }

    /// How many bytes are kept (for tests: never more than `maxSequenceLength`).
    var pendingByteCount: Int { pending.count }

    /// Decodes `bytes` after whatever was kept from earlier calls.
    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        pending += bytes
        var keys: [Key] = []
        let consumed = decode(into: &keys, final: false)
        pending.removeFirst(consumed)
        return keys
    }

    /// Decodes what was kept as if no more bytes will come: a lone ESC becomes `.escape`,
    /// an unfinished sequence becomes `.escape` followed by its bytes as keys, a partial
    /// UTF-8 character is dropped. Call it after a short pause with no input.
    public mutating func flush() -> [Key] {
        var keys: [Key] = []
        _ = decode(into: &keys, final: true)
        pending.removeAll()
        return keys
    }

    // MARK: Decoding

    /// What an escape sequence at some offset turned out to be.
    private enum Escape {
        /// More bytes are needed.
        case incomplete
        /// `length` bytes were read; they mean `key`, or nothing.
        case complete(Key?, length: Int)
        /// ESC starts no sequence here: it is `.escape` and the next byte is decoded anew.
        case lone
    }

    private static let esc: UInt8 = 0x1B

    /// Decodes `pending` from the start, appending keys. Returns how many bytes were used;
    /// when `final` is false, the rest is an incomplete tail to keep.
    private mutating func decode(into keys: inout [Key], final: Bool) -> Int {
        let bytes = pending
        let n = bytes.count
        var text = ""   // printable scalars not yet emitted, grouped into clusters
        func emit(_ key: Key?) {
            if !text.isEmpty {
                keys.append(contentsOf: text.map(Key.char))
                text = ""
            }
            if let key { keys.append(key) }
        }
        defer { emit(nil) }

        var i = 0
        while i < n {
            let b = bytes[i]
            let wasCR = afterCR
            afterCR = false
            switch b {
            case Self.esc:
                switch Self.escape(bytes, at: i) {
                case .incomplete:
                    if !final {
                        afterCR = wasCR
                        return i
                    }
                    emit(.escape)
                    i += 1
                case .lone:
                    emit(.escape)
                    i += 1
                case .complete(let key, let length):
                    emit(key)
                    i += length
                }
            case 0x0D:
                emit(.enter)
                afterCR = true
                i += 1
            case 0x0A:
                if !wasCR { emit(.enter) }
                i += 1
            case 0x09:
                emit(.tab)
                i += 1
            case 0x08, 0x7F:
                emit(.backspace)
                i += 1
            case 0x00:
                emit(.ctrl("@"))
                i += 1
            case 0x01...0x1A:
                emit(.ctrl(Character(Unicode.Scalar(b + 0x60))))
                i += 1
            case 0x1C...0x1F:
                emit(.ctrl(Character(Unicode.Scalar(b + 0x40))))
                i += 1
            case 0x20...0x7E:
                text.unicodeScalars.append(Unicode.Scalar(b))
                i += 1
            default:
                switch Self.utf8(bytes, at: i) {
                case .incomplete:
                    if !final {
                        afterCR = wasCR
                        return i
                    }
                    i += 1   // a partial character at the very end: dropped
                case .invalid:
                    i += 1   // skip the bad lead byte; what follows is decoded anew
                case .scalar(let scalar, let length):
                    // C1 controls (U+0080–U+009F) are not text.
                    if scalar.value >= 0xA0 { text.unicodeScalars.append(scalar) }
                    i += length
                }
            }
        }
        return n
    }

    // MARK: Escape sequences

    private static func escape(_ bytes: [UInt8], at i: Int) -> Escape {
        let n = bytes.count
        guard i + 1 < n else { return .incomplete }
        switch bytes[i + 1] {
        case UInt8(ascii: "["):
            return csi(bytes, at: i)
        case UInt8(ascii: "O"):
            guard i + 2 < n else { return .incomplete }
            let final = bytes[i + 2]
            guard (0x40...0x7E).contains(final) else { return .lone }
            return .complete(ss3Key(final), length: 3)
        default:
            return .lone
        }
    }

    /// `ESC O x`: application-mode cursor keys, Home/End, F1–F4 and keypad Enter.
    private static func ss3Key(_ final: UInt8) -> Key? {
        final == UInt8(ascii: "M") ? .enter : cursorOrFunctionKey(final)
    }

    /// The final bytes that mean the same key after `ESC O` and `ESC [`: the cursor keys,
    /// Home, End and F1–F4.
    private static func cursorOrFunctionKey(_ final: UInt8) -> Key? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "P")...UInt8(ascii: "S"): return .function(Int(final) - 0x50 + 1)
        default: return nil
        }
    }

    /// `ESC [` parameters (0x30–0x3F), intermediates (0x20–0x2F), then a final byte
    /// (0x40–0x7E). Anything else inside ends the sequence as malformed: it is dropped and
    /// the offending byte is decoded anew.
    private static func csi(_ bytes: [UInt8], at i: Int) -> Escape {
        let n = bytes.count
        var j = i + 2
        // The Linux console's F1–F5: ESC [ [ A … E.
        if j < n, bytes[j] == UInt8(ascii: "[") {
            guard j + 1 < n else { return .incomplete }
            let final = bytes[j + 1]
            if (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(final) {
                return .complete(.function(Int(final) - 0x41 + 1), length: 4)
            }
            return (0x40...0x7E).contains(final) ? .complete(nil, length: 4) : .complete(nil, length: 3)
        }
        let parametersStart = j
        while j < n, (0x30...0x3F).contains(bytes[j]) { j += 1 }
        let parametersEnd = j
        while j < n, (0x20...0x2F).contains(bytes[j]) { j += 1 }
        let hasIntermediates = j > parametersEnd
        guard j < n else {
            // Unfinished: wait for the rest, unless it is already too long to be real.
            return n - i > maxSequenceLength ? .complete(nil, length: n - i) : .incomplete
        }
        let final = bytes[j]
        guard (0x40...0x7E).contains(final) else { return .complete(nil, length: j - i) }
        let length = j + 1 - i
        if hasIntermediates { return .complete(nil, length: length) }
        let parameters = bytes[parametersStart..<parametersEnd]
        return .complete(csiKey(final: final, parameters: parameters), length: length)
    }

    private static func csiKey(final: UInt8, parameters: ArraySlice<UInt8>) -> Key? {
        // Private parameters (`<`, `=`, `>`, `?` first) are replies and mouse reports.
        if let first = parameters.first, first >= 0x3C { return nil }
        switch final {
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "~"):
            switch firstParameter(parameters) {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case let p? where (11...15).contains(p): return .function(p - 10)
            case let p? where (17...21).contains(p): return .function(p - 11)
            case let p? where (23...24).contains(p): return .function(p - 12)
            default: return nil
            }
        default:
            return cursorOrFunctionKey(final)
        }
    }

    /// The number before the first `;`, if it is one (bounded, so huge numbers are fine).
    private static func firstParameter(_ parameters: ArraySlice<UInt8>) -> Int? {
        var value = 0
        var digits = 0
        for byte in parameters {
            guard (0x30...0x39).contains(byte) else { break }
            if value < 100_000 { value = value * 10 + Int(byte - 0x30) }
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    // MARK: UTF-8

    private enum UTF8Result {
        case incomplete
        case invalid
        case scalar(Unicode.Scalar, length: Int)
    }

    /// One UTF-8 character starting with a byte ≥ 0x80, checked strictly (no overlong
    /// forms, no surrogates, nothing above U+10FFFF).
    private static func utf8(_ bytes: [UInt8], at i: Int) -> UTF8Result {
        let lead = bytes[i]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        default: return .invalid
        }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length {
            guard i + k < bytes.count else { return .incomplete }
            let byte = bytes[i + k]
            guard (k == 1 ? secondRange : 0x80...0xBF).contains(byte) else { return .invalid }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return .invalid }
        return .scalar(scalar, length: length)
    }
}
