/// One cell of a canvas.
public struct Cell: Sendable, Hashable {
    /// The grapheme cluster shown here; empty in a continuation cell.
    public var grapheme: String
    public var style: Style
    /// True when this cell is the right half of a wide glyph that starts in the cell to
    /// its left. Such a cell shows nothing of its own.
    public var isContinuation: Bool

    public init(_ grapheme: String = " ", style: Style = .text, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.isContinuation = isContinuation
    }

    /// A space in the given style.
    public static func blank(_ style: Style = .text) -> Cell { Cell(" ", style: style) }
}

/// A run of changed cells in one row, all in one style: what a terminal backend draws
/// with one cursor move and one write.
public struct CellChange: Sendable, Hashable {
    /// The first column of the run; never a continuation cell.
    public var x: Int
    public var y: Int
    /// The run's text; wide glyphs appear once.
    public var text: String
    /// Columns the run covers (wide glyphs count 2).
    public var width: Int
    public var style: Style
}

/// A grid of cells that widgets draw into; the pure stand-in for the screen.
///
/// Invariants kept by every mutation: a wide glyph occupies its cell and a continuation
/// cell to its right; no continuation cell is without its head; no control character is
/// ever stored (text goes through `TextWidth.sanitize`).
public struct Canvas: Sendable, Hashable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    public init(width: Int, height: Int, style: Style = .text) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(width: width, height: height) }

    /// The cell at a position inside the canvas.
    public subscript(x: Int, y: Int) -> Cell {
        precondition(bounds.contains(x: x, y: y), "(\(x), \(y)) is outside the canvas")
        return cells[y * width + x]
    }

    // MARK: Writing

    /// Draws `text` from column `x` of row `y`, after sanitizing it.
    ///
    /// - Parameters:
    ///   - maxWidth: columns available from `x` (the canvas edge also limits). A wide glyph
    ///     that would cross the limit is not split: a space in `style` is drawn instead,
    ///     and drawing stops.
    ///   - skip: display columns of the text to leave out at the start (for horizontal
    ///     scrolling). A wide glyph cut by this edge shows as a space.
    /// - Returns: the number of columns drawn from `x` (spaces standing in for wide glyphs
    ///   included).
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, style: Style = .text, maxWidth: Int? = nil, skip: Int = 0
    ) -> Int {
        guard (0..<height).contains(y) else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var column = x - max(0, skip)   // where the next grapheme starts
        for character in TextWidth.sanitize(text) {
            let w = TextWidth.width(of: character)
            if w == 0 { continue }
            defer { column += w }
            if column + w <= x || column + w <= 0 { continue }   // wholly before the start
            if column < x || column < 0 {
                // Cut by the left edge: show the visible half as a space.
                fillSpaces(from: max(x, 0), to: min(column + w, limit), y: y, style: style)
                continue
            }
            if column + w > limit {
                fillSpaces(from: column, to: limit, y: y, style: style)
                return max(0, limit - x)
            }
            setGlyph(String(character), width: w, x: column, y: y, style: style)
        }
        return max(0, min(column, limit) - x)
    }

    /// Fills a rectangle (clipped to the canvas) with a character of width 1, or spaces.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .text) {
        let glyph = TextWidth.width(of: character) == 1 ? String(character) : " "
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                setGlyph(glyph, width: 1, x: x, y: y, style: style)
            }
        }
    }

    /// Changes the style of every cell in a rectangle, keeping the text (for highlighting
    /// a row after drawing it).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                cells[y * width + x].style = style
            }
        }
    }

    /// Adds attributes to the style of every cell in a rectangle.
    public mutating func addAttributes(_ attributes: Attributes, in rect: Rect) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                cells[y * width + x].style.attributes.formUnion(attributes)
            }
        }
    }

    private mutating func fillSpaces(from start: Int, to end: Int, y: Int, style: Style) {
        guard start < end else { return }
        for x in start..<end { setGlyph(" ", width: 1, x: x, y: y, style: style) }
    }

    /// Stores one glyph of width 1 or 2 at a position known to be inside the canvas,
    /// clearing the other half of any wide glyph it overwrites.
    private mutating func setGlyph(_ glyph: String, width w: Int, x: Int, y: Int, style: Style) {
        for column in x..<(x + w) { vacate(x: column, y: y) }
        cells[y * width + x] = Cell(glyph, style: style)
        if w == 2 { cells[y * width + x + 1] = Cell("", style: style, isContinuation: true) }
    }

    /// Prepares a cell to be overwritten: if it is one half of a wide glyph, the other
    /// half becomes a space in the glyph's style.
    private mutating func vacate(x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
            cells[index] = .blank(cells[index].style)
        }
        if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
    }

    // MARK: Reading

    /// The canvas as plain text, one string per row; a wide glyph appears once (its
    /// continuation cell adds nothing), so each row has `width` columns of display width.
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !cells[y * width + x].isContinuation {
                line += cells[y * width + x].grapheme
            }
            return line
        }
    }

    /// The runs to draw to turn `previous` into this canvas: every changed cell, grouped
    /// into runs of one style along a row. A changed half of a wide glyph brings the whole
    /// glyph into the run. When the sizes differ, everything is returned.
    public func diff(from previous: Canvas) -> [CellChange] {
        let sameSize = previous.width == width && previous.height == height
        var changes: [CellChange] = []
        for y in 0..<height {
            var x = 0
            var run: CellChange?
            while x < width {
                let cell = self[x, y]
                // A glyph is the head cell plus its continuation, compared as one.
                let glyphWidth = (x + 1 < width && self[x + 1, y].isContinuation) ? 2 : 1
                let changed = !sameSize
                    || (x..<(x + glyphWidth)).contains { cells[y * width + $0] != previous.cells[y * width + $0] }
                if changed, !cell.isContinuation {
                    if var current = run, current.style == cell.style, current.x + current.width == x {
                        current.text += cell.grapheme
                        current.width += glyphWidth
                        run = current
                    } else {
                        if let finished = run { changes.append(finished) }
                        run = CellChange(x: x, y: y, text: cell.grapheme, width: glyphWidth, style: cell.style)
                    }
                } else if let finished = run {
                    changes.append(finished)
                    run = nil
                }
                x += glyphWidth
            }
            if let finished = run { changes.append(finished) }
        }
        return changes
    }
}
