import CNcursesw
import Foundation
import PodiumUI

/// Copies canvas runs into ncurses' `stdscr`: attributes, colour pairs created on first
/// use, and text through the wide-character API.
struct CursesPainter {
    /// The colour depth in use (after NO_COLOR and the terminal's colours).
    let depth: ColorDepth
    /// `use_default_colors()` worked, so -1 (the terminal's own colours) is allowed in pairs.
    let defaultColors: Bool
    private let pairLimit: Int
    private var pairs: [PairKey: Int] = [:]

    private struct PairKey: Hashable {
        var foreground: Int
        var background: Int
    }

    init(depth: ColorDepth, defaultColors: Bool, colorPairs: Int) {
        self.depth = depth
        self.defaultColors = defaultColors
        // Pair numbers are passed as a C short.
        pairLimit = min(colorPairs, Int(Int16.max))
    }

    /// Number of colour pairs created so far.
    var pairsInUse: Int { pairs.count }

    /// Draws one run. Runs outside the terminal (a canvas of the wrong size) are dropped.
    mutating func draw(_ change: CellChange, theme: Theme, rows: Int, columns: Int) {
        guard change.y >= 0, change.y < rows, change.x >= 0, change.x + change.width <= columns else { return }
        let (attributes, pair) = self.attributes(for: theme.resolve(change.style))
        var text: [wchar_t] = []
        text.reserveCapacity(change.text.utf8.count)
        for character in change.text {
            Self.append(character, into: &text)
        }
        _ = podium_wattr_set(podium_stdscr(), attributes, Int32(pair))
        text.withUnsafeBufferPointer { buffer in
            _ = podium_mvwaddnwstr(podium_stdscr(), Int32(change.y), Int32(change.x),
                                   buffer.baseAddress, Int32(buffer.count))
        }
    }

    /// ncurses attributes and the colour pair for a resolved style.
    mutating func attributes(for style: RoleStyle) -> (attr_t, Int) {
        var attributes = podium_a_normal()
        if style.attributes.contains(.bold) { attributes |= podium_a_bold() }
        if style.attributes.contains(.dim) { attributes |= podium_a_dim() }
        if style.attributes.contains(.reverse) { attributes |= podium_a_reverse() }
        if style.attributes.contains(.underline) { attributes |= podium_a_underline() }
        return (attributes, pair(foreground: style.foreground, background: style.background))
    }

    /// The pair for two colours of the adapted theme, created the first time it is needed.
    /// Pair 0 (the terminal's colours) when colour is off or the pairs run out.
    private mutating func pair(foreground: ThemeColor, background: ThemeColor) -> Int {
        guard depth != .none else { return 0 }
        var fg = foreground.paletteIndex ?? -1
        var bg = background.paletteIndex ?? -1
        if !defaultColors {
            // Without default-colour support, -1 is not a colour: use white on black.
            if fg < 0 { fg = 7 }
            if bg < 0 { bg = 0 }
        }
        if fg < 0, bg < 0 { return 0 }
        let key = PairKey(foreground: fg, background: bg)
        if let existing = pairs[key] { return existing }
        let number = pairs.count + 1
        guard number < pairLimit, init_pair(Int16(number), Int16(fg), Int16(bg)) == podium_ok() else {
            return 0
        }
        pairs[key] = number
        return number
    }

    /// Appends the wide characters for one glyph of the canvas.
    ///
    /// ncurses advances the cursor by `wcwidth`; the canvas by `TextWidth`. Where they
    /// disagree (`❤️` is 2 columns in the canvas but `wcwidth` says 1; a ZWJ family is 2 in
    /// the canvas and 6 to `wcwidth`) the rest of the row would shift, so such a glyph is
    /// written as its first scalar padded with spaces to the canvas width, or as `?` when
    /// even that does not fit.
    static func append(_ character: Character, into text: inout [wchar_t]) {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first, only.value >= 0x20, only.value < 0x7F {
            text.append(wchar_t(only.value))
            return
        }
        let width = TextWidth.width(of: character)
        guard width > 0 else { return }
        var cursesWidth = 0
        var agrees = true
        for (index, scalar) in scalars.enumerated() {
            let w = Int(wcwidth(wchar_t(bitPattern: scalar.value)))
            if w < 0 || (index == 0 && w == 0) {
                agrees = false
                break
            }
            cursesWidth += w
        }
        if agrees, cursesWidth == width {
            text.append(contentsOf: scalars.map { wchar_t(bitPattern: $0.value) })
            return
        }
        let base = scalars.first!
        let baseWidth = Int(wcwidth(wchar_t(bitPattern: base.value)))
        if baseWidth >= 1, baseWidth <= width {
            text.append(wchar_t(bitPattern: base.value))
            text.append(contentsOf: repeatElement(wchar_t(0x20), count: width - baseWidth))
        } else {
            text.append(wchar_t(0x3F))
            text.append(contentsOf: repeatElement(wchar_t(0x20), count: width - 1))
        }
    }

    /// A rough count of the bytes a run costs, for when exact counting is unavailable:
    /// its UTF-8 text, a cursor move and a style change.
    static func estimatedBytes(_ change: CellChange) -> Int {
        change.text.utf8.count + 16
    }
}

/// Counts the bytes this thread hands to write(2), from the kernel's per-thread I/O
/// accounting (`wchar` in /proc/thread-self/io). Read before and after `doupdate()`, the
/// difference is exactly what ncurses wrote to the terminal for the frame.
///
/// Why not `newterm()` on a `fopencookie` stream: ncurses 6 writes with write(2) on
/// `fileno()` of its output stream and sets terminal modes on the same descriptor, and a
/// cookie stream has no descriptor (fileno is -1): cbreak() fails and nothing is shown.
final class WriteCounter {
    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 512)

    /// Opens the counter for the calling thread; use it only from that thread.
    init() {
        descriptor = open("/proc/thread-self/io", O_RDONLY | O_CLOEXEC)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Bytes written by this thread so far, or nil when the kernel does not tell.
    func total() -> Int? {
        guard descriptor >= 0 else { return nil }
        let n = pread(descriptor, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        let key = Array("wchar:".utf8)
        let text = buffer[0..<n]
        guard let start = text.indices.first(where: { i in
            i + key.count <= n && Array(text[i..<(i + key.count)]) == key
                && (i == 0 || text[i - 1] == 0x0A)
        }) else { return nil }
        var value = 0
        var sawDigit = false
        for byte in text[(start + key.count)...] {
            if byte == 0x20 { if sawDigit { break } else { continue } }
            guard (0x30...0x39).contains(byte) else { break }
            value = value * 10 + Int(byte - 0x30)
            sawDigit = true
        }
        return sawDigit ? value : nil
    }
}
