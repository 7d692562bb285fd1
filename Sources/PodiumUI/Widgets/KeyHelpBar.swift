/// A row of key hints: `q 退出  ? 帮助  ↑↓ 选择`. Hints that do not fit whole are left
/// out (from the end), never cut in the middle.
public struct KeyHelpBar: Widget {
    public struct Item: Sendable, Hashable {
        public var key: String
        public var label: String

        public init(_ key: String, _ label: String) {
            self.key = key
            self.label = label
        }
    }

    public var items: [Item]
    public var keyStyle: Style
    public var labelStyle: Style
    public var separator: String

    public init(_ items: [Item], keyStyle: Style = Style(.accent, .bold),
                labelStyle: Style = Style(.muted), separator: String = "  ") {
        self.items = items
        self.keyStyle = keyStyle
        self.labelStyle = labelStyle
        self.separator = separator
    }

    public func render(in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        canvas.fill(row, style: labelStyle)
        var x = row.x
        for (i, item) in items.enumerated() {
            let lead = i == 0 ? "" : separator
            let width = TextWidth.width(of: lead + item.key + " " + item.label)
            guard x + width <= row.maxX else { break }
            x += canvas.put(lead, x: x, y: row.y, style: labelStyle)
            x += canvas.put(item.key, x: x, y: row.y, style: keyStyle)
            x += canvas.put(" " + item.label, x: x, y: row.y, style: labelStyle)
        }
    }
}
