/// One row of text scrolling right to left, looping, for announcements on the board.
///
/// The text is a list of segments, each in its own style (an urgent announcement in the danger
/// colour among ordinary ones), each followed by the separator in the ticker's style.
/// `tick` is how many columns the text has moved; the caller increments it on a timer.
/// A wide glyph cut by either edge shows as a space, never as half a glyph.
public struct Ticker: Widget {
    /// A piece of the ticker's text and its style.
    public struct Segment: Sendable, Hashable {
        public var text: String
        public var style: Style
        public init(_ text: String, style: Style) { self.text = text; self.style = style }
    }

    public var segments: [Segment]
    /// Drawn after each segment, in `style`.
    public var separator: String
    public var tick: Int
    /// The row's background and the separator's style.
    public var style: Style

    /// A ticker of one text in one style.
    public init(_ text: String, separator: String = "   ◆   ", tick: Int = 0,
                style: Style = Style(.tickerBg)) {
        self.init(segments: [Segment(text, style: style)], separator: separator, tick: tick, style: style)
    }

    /// A ticker of several messages in one style, each followed by the separator.
    public init(items: [String], separator: String = "   ◆   ", tick: Int = 0,
                style: Style = Style(.tickerBg)) {
        self.init(segments: items.map { Segment($0, style: style) }, separator: separator, tick: tick, style: style)
    }

    /// A ticker of messages each in its own style.
    public init(segments: [Segment], separator: String = "   ◆   ", tick: Int = 0,
                style: Style = Style(.tickerBg)) {
        self.segments = segments
        self.separator = separator
        self.tick = tick
        self.style = style
    }

    /// The segments and separators of one loop, sanitized, with their widths.
    private var loop: [(text: String, width: Int, style: Style)] {
        let separator = TextWidth.sanitize(self.separator)
        let separatorWidth = TextWidth.width(of: separator)
        return segments.flatMap { segment -> [(text: String, width: Int, style: Style)] in
            let text = TextWidth.sanitize(segment.text)
            return [(text, TextWidth.width(of: text), segment.style), (separator, separatorWidth, style)]
        }.filter { $0.width > 0 }
    }

    public func render(in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        canvas.fill(row, style: style)
        let pieces = loop
        let period = pieces.reduce(0) { $0 + $1.width }
        guard period > 0 else { return }
        var column = -(((tick % period) + period) % period)   // where the loop starts, from row.x
        while column < row.width {
            for piece in pieces {
                if column >= row.width { break }
                defer { column += piece.width }
                if column + piece.width <= 0 { continue }
                let x = max(0, column)
                canvas.put(piece.text, x: row.x + x, y: row.y, style: piece.style, maxWidth: row.width - x,
                           skip: max(0, -column))
            }
        }
    }

    /// Draws segments once, joined by `separator`, from column `x` of a row (no scrolling,
    /// no repetition): the ticker when everything fits.
    public static func draw(_ segments: [Segment], separator: String, separatorStyle: Style,
                            x: Int, in row: Rect, into canvas: inout Canvas) {
        var column = x
        for (i, segment) in segments.enumerated() {
            if i > 0 {
                column += canvas.put(separator, x: column, y: row.y, style: separatorStyle, maxWidth: row.maxX - column)
            }
            guard column < row.maxX else { return }
            column += canvas.put(segment.text, x: column, y: row.y, style: segment.style, maxWidth: row.maxX - column)
        }
    }
}
