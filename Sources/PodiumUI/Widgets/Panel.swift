/// A box-drawn border (─│┌┐└┘) with an optional title in the top edge:
/// `┌─ 决赛 Final ───┐`. Draw the content into `inner(of:)`.
public struct Panel: Widget {
    public var title: String
    public var borderStyle: Style
    public var titleStyle: Style
    /// When set, the inside is cleared with this style first (for panels drawn over
    /// something else, such as dialogs).
    public var fillStyle: Style?

    public init(title: String = "", borderStyle: Style = Style(.border),
                titleStyle: Style = Style(.headerText, .bold), fillStyle: Style? = nil) {
        self.title = title
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.fillStyle = fillStyle
    }

    /// The area inside the border.
    public func inner(of area: Rect) -> Rect { area.inset(by: 1) }

    public func render(in area: Rect, into canvas: inout Canvas) {
        guard area.width >= 2, area.height >= 2 else { return }
        if let fillStyle { canvas.fill(inner(of: area), style: fillStyle) }
        let horizontal = String(repeating: "─", count: area.width - 2)
        canvas.put("┌" + horizontal + "┐", x: area.x, y: area.y, style: borderStyle)
        canvas.put("└" + horizontal + "┘", x: area.x, y: area.maxY - 1, style: borderStyle)
        for y in (area.y + 1)..<(area.maxY - 1) {
            canvas.put("│", x: area.x, y: y, style: borderStyle)
            canvas.put("│", x: area.maxX - 1, y: y, style: borderStyle)
        }
        // " title " after "┌─", leaving at least "─┐" at the end.
        let room = area.width - 6
        if !title.isEmpty, room >= 1 {
            canvas.put(" " + TextWidth.truncate(title, to: room) + " ",
                       x: area.x + 2, y: area.y, style: titleStyle)
        }
    }
}
