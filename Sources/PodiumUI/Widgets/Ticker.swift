/// One row of text scrolling right to left, looping, for announcements on the board.
///
/// `tick` is how many columns the text has moved; the caller increments it on a timer.
/// A wide glyph cut by either edge shows as a space, never as half a glyph.
public struct Ticker: Widget {
    public var text: String
    /// Drawn between the end of the text and its next repetition.
    public var separator: String
    public var tick: Int
    public var style: Style

    public init(_ text: String, separator: String = "   ◆   ", tick: Int = 0,
                style: Style = Style(.tickerBg)) {
        self.text = text
        self.separator = separator
        self.tick = tick
        self.style = style
    }

    /// A ticker of several messages, each followed by the separator.
    public init(items: [String], separator: String = "   ◆   ", tick: Int = 0,
                style: Style = Style(.tickerBg)) {
        self.init(items.joined(separator: separator), separator: separator, tick: tick, style: style)
    }

    public func render(in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        canvas.fill(row, style: style)
        let loop = TextWidth.sanitize(text) + TextWidth.sanitize(separator)
        let period = TextWidth.width(of: loop)
        guard period > 0 else { return }
        let start = ((tick % period) + period) % period
        // Enough repetitions to cover the row from `start`.
        let repeated = String(repeating: loop, count: (start + row.width) / period + 1)
        canvas.put(repeated, x: row.x, y: row.y, style: style, maxWidth: row.width, skip: start)
    }
}
