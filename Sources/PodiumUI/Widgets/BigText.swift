/// Large block lettering for clocks, countdowns and ranks on big screens.
///
/// One 5-pixel-high bitmap font is drawn at the largest size that fits the area:
/// - `.block(scale: n)`: a pixel is `2n` columns × `n` rows of `█` (5n rows high);
/// - `.halfBlock`: two pixel rows per text row with `▀ ▄ █` (3 rows high);
/// - `.plain`: the text itself on one row (also used when a character has no glyph,
///   for example Chinese text).
///
/// The font has the digits, `:`, `.`, `-`, space and the letters A–Z (lower case is
/// drawn as upper case).
public struct BigText: Widget {
    public enum Size: Sendable, Hashable {
        case block(scale: Int)
        case halfBlock
        case plain
    }

    public var text: String
    public var style: Style
    public var alignment: Alignment
    /// The largest block scale to use.
    public var maxScale: Int

    public init(_ text: String, style: Style = Style(.text, .bold), alignment: Alignment = .center,
                maxScale: Int = 3) {
        self.text = text
        self.style = style
        self.alignment = alignment
        self.maxScale = maxScale
    }

    /// The size `render(in:into:)` uses in an area.
    public func size(for area: Rect) -> Size {
        Self.size(for: Self.bitmap(text), in: area, maxScale: maxScale)
    }

    public func render(in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let bitmap = Self.bitmap(text)
        let lines: [String]
        switch Self.size(for: bitmap, in: area, maxScale: maxScale) {
        case .plain:
            lines = [TextWidth.truncate(text, to: area.width)]
        case .block(let scale):
            lines = Self.blockLines(bitmap ?? [], scale: scale)
        case .halfBlock:
            lines = Self.halfBlockLines(bitmap ?? [])
        }
        let top = area.y + (area.height - lines.count) / 2
        for (i, line) in lines.enumerated() {
            canvas.put(TextWidth.pad(line, to: area.width, alignment: alignment),
                       x: area.x, y: top + i, style: style, maxWidth: area.width)
        }
    }

    /// The largest size at which a bitmap (`nil`: no glyphs) fits an area.
    private static func size(for bitmap: [[Bool]]?, in area: Rect, maxScale: Int) -> Size {
        guard let bitmap else { return .plain }
        let pixels = bitmap.first?.count ?? 0
        for scale in stride(from: maxScale, through: 1, by: -1)
        where pixels * 2 * scale <= area.width && glyphHeight * scale <= area.height {
            return .block(scale: scale)
        }
        if pixels <= area.width, (glyphHeight + 1) / 2 <= area.height { return .halfBlock }
        return .plain
    }

    // MARK: Drawing the bitmap

    static func blockLines(_ bitmap: [[Bool]], scale: Int) -> [String] {
        bitmap.flatMap { row in
            let line = row.map { String(repeating: $0 ? "█" : " ", count: 2 * scale) }.joined()
            return Array(repeating: line, count: scale)
        }
    }

    static func halfBlockLines(_ bitmap: [[Bool]]) -> [String] {
        stride(from: 0, to: bitmap.count, by: 2).map { top in
            let upper = bitmap[top]
            let lower = top + 1 < bitmap.count ? bitmap[top + 1] : upper.map { _ in false }
            return String(zip(upper, lower).map { pair -> Character in
                switch pair {
                case (true, true): "█"
                case (true, false): "▀"
                case (false, true): "▄"
                case (false, false): " "
                }
            })
        }
    }

    /// The text as pixel rows, glyphs separated by a blank pixel column; `nil` when a
    /// character has no glyph.
    static func bitmap(_ text: String) -> [[Bool]]? {
        let characters = Array(TextWidth.sanitize(text).uppercased())
        guard !characters.isEmpty else { return nil }
        var rows = Array(repeating: [Bool](), count: glyphHeight)
        for (i, character) in characters.enumerated() {
            guard let glyph = font[character] else { return nil }
            for r in 0..<glyphHeight {
                if i > 0 { rows[r].append(false) }
                rows[r] += glyph[r].map { $0 == "#" }
            }
        }
        return rows
    }

    static let glyphHeight = 5

    /// Glyphs, 5 rows each; `#` is a set pixel.
    static let font: [Character: [String]] = [
        "0": ["###", "#.#", "#.#", "#.#", "###"],
        "1": [".#.", "##.", ".#.", ".#.", "###"],
        "2": ["###", "..#", "###", "#..", "###"],
        "3": ["###", "..#", "###", "..#", "###"],
        "4": ["#.#", "#.#", "###", "..#", "..#"],
        "5": ["###", "#..", "###", "..#", "###"],
        "6": ["###", "#..", "###", "#.#", "###"],
        "7": ["###", "..#", "..#", "..#", "..#"],
        "8": ["###", "#.#", "###", "#.#", "###"],
        "9": ["###", "#.#", "###", "..#", "###"],
        ":": [".", "#", ".", "#", "."],
        ".": [".", ".", ".", ".", "#"],
        "-": ["...", "...", "###", "...", "..."],
        " ": ["..", "..", "..", "..", ".."],
        "A": [".#.", "#.#", "###", "#.#", "#.#"],
        "B": ["##.", "#.#", "##.", "#.#", "##."],
        "C": [".##", "#..", "#..", "#..", ".##"],
        "D": ["##.", "#.#", "#.#", "#.#", "##."],
        "E": ["###", "#..", "##.", "#..", "###"],
        "F": ["###", "#..", "##.", "#..", "#.."],
        "G": [".##", "#..", "#.#", "#.#", ".##"],
        "H": ["#.#", "#.#", "###", "#.#", "#.#"],
        "I": ["###", ".#.", ".#.", ".#.", "###"],
        "J": ["..#", "..#", "..#", "#.#", ".#."],
        "K": ["#.#", "#.#", "##.", "#.#", "#.#"],
        "L": ["#..", "#..", "#..", "#..", "###"],
        "M": ["#...#", "##.##", "#.#.#", "#...#", "#...#"],
        "N": ["#..#", "##.#", "#.##", "#..#", "#..#"],
        "O": [".#.", "#.#", "#.#", "#.#", ".#."],
        "P": ["##.", "#.#", "##.", "#..", "#.."],
        "Q": [".#.", "#.#", "#.#", "##.", ".##"],
        "R": ["##.", "#.#", "##.", "#.#", "#.#"],
        "S": [".##", "#..", ".#.", "..#", "##."],
        "T": ["###", ".#.", ".#.", ".#.", ".#."],
        "U": ["#.#", "#.#", "#.#", "#.#", "###"],
        "V": ["#.#", "#.#", "#.#", "#.#", ".#."],
        "W": ["#...#", "#...#", "#.#.#", "##.##", "#...#"],
        "X": ["#.#", "#.#", ".#.", "#.#", "#.#"],
        "Y": ["#.#", "#.#", ".#.", ".#.", ".#."],
        "Z": ["###", "..#", ".#.", "#..", "###"],
    ]
}
