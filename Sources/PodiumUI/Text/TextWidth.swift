/// The one authority on how many terminal columns text takes, and on which characters may
/// reach the terminal at all.
///
/// Every widget measures, truncates, pads and wraps through this type, and `Canvas.put`
/// sanitizes through it, so a width computed while laying out is always the width drawn.
///
/// Rules (see docs/ui.md):
/// - A grapheme cluster (`Character`) takes the width of its first scalar (the base); the
///   marks, joiners and selectors that follow it add nothing.
/// - East Asian Wide and Fullwidth scalars (Unicode `EastAsianWidth.txt`, classes W and F)
///   take 2: CJK ideographs, Hangul, kana, CJK punctuation, full-width forms, emoji with
///   emoji presentation. East Asian Ambiguous scalars (box drawing, `…`, `█`) take 1, as in
///   the terminals' `wcwidth` outside CJK legacy locales.
/// - A cluster holding U+FE0F (emoji presentation selector) after an emoji base, or a
///   regional-indicator pair (a flag), takes 2.
/// - A cluster made only of a non-spacing or enclosing mark, or a format character
///   (zero-width joiner, zero-width space, variation selector...), takes 0; `Canvas.put`
///   skips it, since it has nothing to attach to.
/// - Control characters take 0; `sanitize(_:)` removes them before anything is drawn.
public enum TextWidth {

    // MARK: Width

    /// Columns taken by one grapheme cluster: 0, 1 or 2.
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return 0 }
        let baseWidth = width(of: base)
        if baseWidth == 0 { return 0 }
        if baseWidth == 1, scalars.count > 1 {
            if base.properties.isEmoji, scalars.contains(emojiPresentationSelector) { return 2 }
            if isRegionalIndicator(base) { return 2 }
        }
        return baseWidth
    }

    /// Columns taken by a string once sanitized (`sanitize(_:)`), that is, as `Canvas.put`
    /// draws it.
    public static func width(of text: String) -> Int {
        sanitize(text).reduce(0) { $0 + width(of: $1) }
    }

    /// Columns taken by one scalar standing alone (the base of a cluster).
    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return 0 }
        if value < 0x7F { return 1 }
        // The board's most common non-ASCII glyphs, answered without the general-category
        // lookup (about a tenth of a render): box drawing and block elements are symbols, one
        // column; CJK unified ideographs are letters, two.
        if (0x2500...0x259F).contains(value) { return 1 }
        if (0x4E00...0x9FFF).contains(value) { return 2 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        return isWide(value) ? 2 : 1
    }

    /// Whether a code point is East Asian Wide or Fullwidth.
    static func isWide(_ value: UInt32) -> Bool {
        // Binary search over sorted, non-overlapping ranges.
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    private static let emojiPresentationSelector: Unicode.Scalar = "\u{FE0F}"

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    /// East Asian Wide (W) and Fullwidth (F) code points, from Unicode `EastAsianWidth.txt`
    /// (16.0). Neighbouring ranges are merged across unassigned code points, which keeps the
    /// table short and gives characters assigned later in those blocks the usual width.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initial consonants
        0x231A...0x231B,    // ⌚⌛
        0x2329...0x232A,    // 〈〉
        0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE,
        0x2614...0x2615,
        0x2648...0x2653,    // zodiac
        0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB,
        0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4,
        0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA,
        0x26FD...0x26FD,
        0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728, 0x274C...0x274C,
        0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF,
        0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E,    // CJK radicals, Kangxi, ideographic description, CJK punctuation
        0x3041...0x3247,    // kana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed
        0x3250...0x4DFF,    // enclosed CJK, CJK compatibility, Ext A, Yijing hexagrams
        0x4E00...0xA4C6,    // CJK Unified Ideographs, Yi
        0xA960...0xA97C,    // Hangul Jamo Extended-A
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAD9,    // CJK Compatibility Ideographs
        0xFE10...0xFE19,    // vertical forms
        0xFE30...0xFE6B,    // CJK compatibility forms, small form variants
        0xFF01...0xFF60,    // full-width ASCII variants
        0xFFE0...0xFFE6,    // full-width signs
        0x16FE0...0x1B2FB,  // Tangut, Khitan, Nushu, kana supplement
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F320,  // enclosed ideographic supplement, weather
        0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
        0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E,
        0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
        0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4,
        0x1F5FB...0x1F64F,  // Fuji ... emoticons
        0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6DF,
        0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
        0x1F7E0...0x1F7F0,  // coloured circles and squares
        0x1F90C...0x1F93A, 0x1F93C...0x1F945,
        0x1F947...0x1F9FF,  // 🥇 medals ... supplemental symbols
        0x1FA70...0x1FAFF,  // symbols and pictographs extended-A
        0x20000...0x3FFFD,  // CJK Unified Ideographs Ext B and later, planes 2 and 3
    ]

    // MARK: Sanitizing

    /// Removes everything that could act on a terminal instead of being shown: C0 controls
    /// (ESC, BEL, ...), DEL, C1 controls (U+0080–U+009F) and the bidi controls (embeddings
    /// and overrides U+202A–U+202E, isolates U+2066–U+2069, marks U+200E, U+200F, U+061C).
    /// Tabs, line and paragraph breaks become one space each (CR LF counts as one break).
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsSanitizing) else { return text }
        var scalars = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if isBreak(scalar) {
                if scalar == "\n", previous == "\r" { continue }
                scalars.append(" ")
            } else if !isRemoved(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private static func needsSanitizing(_ scalar: Unicode.Scalar) -> Bool {
        isBreak(scalar) || isRemoved(scalar)
    }

    /// Tab, LF, VT, FF, CR, NEL and the Unicode line and paragraph separators.
    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true           // C0, DEL, C1
        case 0x202A...0x202E, 0x2066...0x2069: return true   // bidi embeddings, overrides, isolates
        case 0x200E, 0x200F, 0x061C: return true             // bidi marks
        default: return false
        }
    }

    // MARK: Fitting text into columns

    /// The longest prefix of `text` (sanitized) that fits in `width` columns, and its width.
    /// A wide character that would straddle the limit is left out.
    public static func prefix(_ text: String, width: Int) -> (text: String, width: Int) {
        var result = ""
        var used = 0
        for character in sanitize(text) {
            let w = Self.width(of: character)
            if used + w > width { break }
            result.append(character)
            used += w
        }
        return (result, used)
    }

    /// `text` (sanitized) cut to at most `width` columns, ending with `ellipsis` when
    /// something was cut. Never splits a wide character; the result may be one column
    /// narrower than `width` when a wide character did not fit.
    /// Items joined `separator` apart into lines no wider than `width` (an item wider than a
    /// line gets a line of its own, for the caller to truncate).
    public static func pack(_ items: [String], width: Int, separator: String = "   ") -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            let joined = line.isEmpty ? item : line + separator + item
            if Self.width(of: joined) <= width || line.isEmpty { line = joined } else {
                lines.append(line)
                line = item
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let clean = sanitize(text)
        if self.width(of: clean) <= width { return clean }
        let mark = prefix(ellipsis, width: width)
        return prefix(clean, width: width - mark.width).text + mark.text
    }

    /// `text` fitted to exactly `width` columns: truncated with an ellipsis when too wide,
    /// otherwise padded with spaces according to `alignment` (centring puts the odd space
    /// on the right).
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let fitted = truncate(text, to: width)
        let gap = width - self.width(of: fitted)
        switch alignment {
        case .left:
            return fitted + String(repeating: " ", count: gap)
        case .right:
            return String(repeating: " ", count: gap) + fitted
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + fitted
                + String(repeating: " ", count: gap - left)
        }
    }

    /// Splits `text` (sanitized) into lines of at most `width` columns. Lines break after
    /// a space, or before or after a wide (CJK) character, as Chinese text has no spaces;
    /// a word wider than a line breaks between characters. Spaces at a break are dropped.
    /// Never splits a wide character.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        // Where `line` may break (a UTF-8 offset): after its last space or wide character.
        var breakOffset: Int?

        for character in sanitize(text) {
            let w = Self.width(of: character)
            if w > width { continue }
            if lineWidth + w > width, character == " " {
                lines.append(line)
                (line, lineWidth, breakOffset) = ("", 0, nil)
                continue
            }
            if w == 2, !line.isEmpty { breakOffset = line.utf8.count }
            while lineWidth + w > width {
                if let offset = breakOffset {
                    let index = line.utf8.index(line.startIndex, offsetBy: offset)
                    let rest = String(line[index...])
                    lines.append(String(line[..<index]).trimmingTrailingSpaces())
                    (line, lineWidth) = (rest, self.width(of: rest))
                } else {
                    lines.append(line)
                    (line, lineWidth) = ("", 0)
                }
                breakOffset = nil
            }
            if character == " ", line.isEmpty, !lines.isEmpty { continue }
            line.append(character)
            lineWidth += w
            if character == " " || w == 2 { breakOffset = line.utf8.count }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line.trimmingTrailingSpaces()) }
        return lines
    }
}

/// Horizontal alignment of text inside a column or an area.
public enum Alignment: Sendable, Equatable {
    case left, center, right
}

extension String {
    /// The string without trailing spaces (U+0020 only).
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
