/// A vertical list with a selection that always stays in view.
///
/// The list is a value the screen keeps between frames: `move(_:viewport:)` changes the
/// selection and scrolls just enough to keep it visible; `render` draws from the stored
/// offset (corrected the same way, so a stale offset never hides the selection). `▲`/`▼`
/// in the last column show that there is more above or below.
public struct ScrollList: Widget {
    /// One line of the list: text with an optional style of its own.
    public typealias Item = StyledText

    public enum Movement: Sendable, Hashable {
        case up, down, pageUp, pageDown, first, last
    }

    /// The items; replacing them keeps the selection within the new list.
    public var items: [Item] {
        didSet {
            selection = items.isEmpty ? nil : min(selection ?? 0, items.count - 1)
        }
    }
    /// The selected index; `nil` only when the list is empty.
    public private(set) var selection: Int?
    /// The first visible index.
    public private(set) var offset: Int
    /// Drawn before the selected item; other items are indented by its width.
    public var marker: String
    public var style: Style
    public var highlightStyle: Style
    public var indicatorStyle: Style

    public init(items: [Item], selection: Int? = 0, marker: String = "▶ ", style: Style = .text,
                highlightStyle: Style = Style(.highlight), indicatorStyle: Style = Style(.muted)) {
        self.items = items
        self.selection = items.isEmpty ? nil : min(max(0, selection ?? 0), items.count - 1)
        self.offset = 0
        self.marker = marker
        self.style = style
        self.highlightStyle = highlightStyle
        self.indicatorStyle = indicatorStyle
    }

    /// Moves the selection, then scrolls so it is visible in `viewport` rows.
    public mutating func move(_ movement: Movement, viewport: Int) {
        guard let current = selection else { return }
        let page = max(1, viewport - 1)
        let target = switch movement {
        case .up: current - 1
        case .down: current + 1
        case .pageUp: current - page
        case .pageDown: current + page
        case .first: 0
        case .last: items.count - 1
        }
        select(target, viewport: viewport)
    }

    /// Selects an index (clamped to the list), then scrolls so it is visible.
    public mutating func select(_ index: Int, viewport: Int) {
        guard !items.isEmpty else { return }
        selection = min(max(0, index), items.count - 1)
        offset = visibleOffset(viewport: viewport)
    }

    /// The first index shown in `viewport` rows.
    public func visibleOffset(viewport: Int) -> Int {
        ScrollWindow.offset(selection: selection, current: offset, count: items.count, viewport: viewport)
    }

    public func render(in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let first = visibleOffset(viewport: area.height)
        let overflows = items.count > area.height
        let textWidth = area.width - (overflows ? 1 : 0)
        let indent = String(repeating: " ", count: TextWidth.width(of: marker))
        for (line, index) in (first..<min(items.count, first + area.height)).enumerated() {
            let y = area.y + line
            let isSelected = index == selection
            let rowStyle = isSelected ? highlightStyle : items[index].style ?? style
            let text = (isSelected ? marker : indent) + items[index].text
            canvas.put(TextWidth.pad(text, to: textWidth), x: area.x, y: y, style: rowStyle, maxWidth: textWidth)
        }
        guard overflows, area.width > 1 else { return }
        if first > 0 {
            canvas.put("▲", x: area.maxX - 1, y: area.y, style: indicatorStyle)
        }
        if first + area.height < items.count {
            canvas.put("▼", x: area.maxX - 1, y: area.maxY - 1, style: indicatorStyle)
        }
    }
}
