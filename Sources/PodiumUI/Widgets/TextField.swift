/// A one-line text input with a cursor, for judges' score and name entry.
///
/// The cursor is an index between grapheme clusters; its screen column is the display
/// width of the text before it, so Chinese input moves it two columns per character.
/// Inserted text is sanitized (no control characters get in). When the text is wider
/// than the field, the view scrolls to keep the cursor visible; a wide glyph cut by the
/// left edge shows as a space.
public struct TextField: Widget {
    public private(set) var text: String
    /// The cursor, as a number of characters from the start (0...text.count).
    public private(set) var cursor: Int
    public var placeholder: String
    /// Shows `•` for each character (PINs).
    public var isSecure: Bool
    /// The most characters the field accepts, if limited.
    public var maxLength: Int?
    public var style: Style
    public var placeholderStyle: Style
    /// Attributes added to the cell under the cursor.
    public var cursorAttributes: Attributes

    public init(text: String = "", placeholder: String = "", isSecure: Bool = false, maxLength: Int? = nil,
                style: Style = .text, placeholderStyle: Style = Style(.muted),
                cursorAttributes: Attributes = .reverse) {
        self.text = ""
        self.cursor = 0
        self.placeholder = placeholder
        self.isSecure = isSecure
        self.maxLength = maxLength
        self.style = style
        self.placeholderStyle = placeholderStyle
        self.cursorAttributes = cursorAttributes
        insert(text)
    }

    // MARK: Editing

    /// Inserts text at the cursor (sanitized; zero-width clusters that cannot stand alone
    /// join the character before them) and moves the cursor after it.
    public mutating func insert(_ newText: String) {
        var clean = TextWidth.sanitize(newText)
        if let maxLength {
            clean = String(clean.prefix(max(0, maxLength - text.count)))
        }
        guard !clean.isEmpty else { return }
        let split = text.index(text.startIndex, offsetBy: cursor)
        let before = String(text[..<split]) + clean
        text = before + String(text[split...])
        // Joining can merge clusters at the seams; count what now precedes the cursor.
        cursor = min(before.count, text.count)
    }

    /// Deletes the character before the cursor.
    public mutating func backspace() {
        guard cursor > 0 else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
        cursor -= 1
    }

    /// Deletes the character under the cursor.
    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = text.count }

    /// Empties the field.
    public mutating func clear() {
        text = ""
        cursor = 0
    }

    // MARK: Display

    /// The text as shown (masked when secure).
    private var shown: String {
        isSecure ? String(repeating: "•", count: text.count) : text
    }

    /// The display column of the cursor from the start of the text.
    public var cursorColumn: Int {
        TextWidth.width(of: String(shown.prefix(cursor)))
    }

    /// Columns scrolled off the left in a field `width` columns wide: just enough for the
    /// character under the cursor (or the cursor at the end) to be fully visible.
    func scroll(width: Int) -> Int {
        let under = shown.dropFirst(cursor).first.map(TextWidth.width(of:)) ?? 1
        return max(0, cursorColumn + max(1, under) - width)
    }

    /// Where the terminal cursor belongs when the field is drawn in `area`.
    public func cursorPosition(in area: Rect) -> (x: Int, y: Int) {
        (area.x + cursorColumn - scroll(width: area.width), area.y)
    }

    public func render(in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        canvas.fill(row, style: style)
        if text.isEmpty {
            canvas.put(placeholder, x: row.x, y: row.y, style: placeholderStyle, maxWidth: row.width)
        } else {
            canvas.put(shown, x: row.x, y: row.y, style: style, maxWidth: row.width, skip: scroll(width: row.width))
        }
        let position = cursorPosition(in: row)
        let under = shown.dropFirst(cursor).first.map(TextWidth.width(of:)) ?? 1
        canvas.addAttributes(cursorAttributes,
                             in: Rect(x: position.x, y: position.y, width: max(1, under), height: 1).intersection(row))
    }
}
