/// Rows of text in aligned columns, with a header row and an optional highlighted row.
///
/// Column widths are display widths, so Chinese names line up with Latin ones. Cells
/// that do not fit are truncated with `…`; numbers go in `.right` aligned columns.
/// When there are more rows than fit, the view scrolls to keep the highlighted row in
/// sight (starting from `scrollOffset`).
public struct Table: Widget {
    public struct Column: Sendable, Hashable {
        /// How a column's width is chosen (see `Table.columnWidths(for:)`).
        public enum Width: Sendable, Hashable {
            /// As wide as its widest cell or title.
            case auto
            /// Exactly this many columns (shrunk only when nothing else can be).
            case fixed(Int)
            /// Like `auto`, and also takes a share of any space left over.
            case fill
        }

        public var title: String
        public var width: Width
        public var alignment: Alignment

        public init(_ title: String, width: Width = .auto, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    /// A cell: text, with a style that overrides the row's (for example a medal colour).
    public typealias Cell = StyledText

    public struct Row: Sendable, Hashable, ExpressibleByArrayLiteral {
        public var cells: [Cell]
        public var style: Style?

        public init(_ cells: [Cell], style: Style? = nil) {
            self.cells = cells
            self.style = style
        }

        public init(arrayLiteral cells: Cell...) { self.init(cells) }
    }

    public var columns: [Column]
    public var rows: [Row]
    /// The index of the highlighted row, if any.
    public var highlighted: Int?
    /// The first row to show, when there are more rows than fit.
    public var scrollOffset: Int
    public var showHeader: Bool
    /// Blank columns between neighbouring columns.
    public var columnSpacing: Int
    public var headerStyle: Style
    public var rowStyle: Style
    public var highlightStyle: Style

    public init(columns: [Column], rows: [Row], highlighted: Int? = nil, scrollOffset: Int = 0,
                showHeader: Bool = true, columnSpacing: Int = 1,
                headerStyle: Style = Style(.headerText, .bold), rowStyle: Style = .text,
                highlightStyle: Style = Style(.highlight)) {
        self.columns = columns
        self.rows = rows
        self.highlighted = highlighted
        self.scrollOffset = scrollOffset
        self.showHeader = showHeader
        self.columnSpacing = columnSpacing
        self.headerStyle = headerStyle
        self.rowStyle = rowStyle
        self.highlightStyle = highlightStyle
    }

    /// The width the table takes with every column at its natural width (`fixed`, or the
    /// widest of title and cells) and the spacing between them: narrower, something is cut.
    public var naturalWidth: Int {
        naturalWidths.reduce(columnSpacing * max(0, columns.count - 1), +)
    }

    /// Each column's natural width: `fixed`, or the widest of title and cells.
    public var naturalWidths: [Int] {
        columns.indices.map { i -> Int in
            if case .fixed(let n) = columns[i].width { return max(0, n) }
            return rows.reduce(TextWidth.width(of: columns[i].title)) { widest, row in
                i < row.cells.count ? max(widest, TextWidth.width(of: row.cells[i].text)) : widest
            }
        }
    }

    /// The display width of each column in `width` available columns.
    ///
    /// Each column starts at its natural width (`fixed`, or the widest of title and cells).
    /// While the total is too wide, the widest non-fixed column loses a column (the
    /// leftmost among equals), down to 1; then fixed columns shrink the same way. Space
    /// left over goes to `fill` columns equally, odd columns to the first.
    public func columnWidths(for width: Int) -> [Int] {
        guard !columns.isEmpty else { return [] }
        let available = max(0, width - columnSpacing * (columns.count - 1))
        var widths = naturalWidths
        var excess = widths.reduce(0, +) - available
        for shrinkFixed in [false, true] where excess > 0 {
            let candidates = columns.indices.filter { i in
                if case .fixed = columns[i].width { return shrinkFixed }
                return !shrinkFixed
            }
            while excess > 0, let widest = candidates.max(by: { widths[$0] < widths[$1] || (widths[$0] == widths[$1] && $0 > $1) }),
                  widths[widest] > 1 {
                widths[widest] -= 1
                excess -= 1
            }
        }
        let fills = columns.indices.filter { columns[$0].width == .fill }
        if excess < 0, !fills.isEmpty {
            let spare = -excess
            for (n, i) in fills.enumerated() {
                widths[i] += spare / fills.count + (n < spare % fills.count ? 1 : 0)
            }
        }
        return widths
    }

    public func render(in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let widths = columnWidths(for: area.width)
        var body = area
        if showHeader {
            let header = area.splitTop(1)
            drawRow(columns.map { Cell($0.title) }, widths: widths, y: header.top.y, area: area, style: headerStyle,
                    overridesCellStyles: true, into: &canvas)
            body = header.rest
        }
        let first = ScrollWindow.offset(selection: highlighted, current: scrollOffset,
                                        count: rows.count, viewport: body.height)
        for (line, index) in (first..<min(rows.count, first + body.height)).enumerated() {
            let isHighlighted = index == highlighted
            drawRow(rows[index].cells, widths: widths, y: body.y + line, area: area,
                    style: isHighlighted ? highlightStyle : rows[index].style ?? rowStyle,
                    overridesCellStyles: isHighlighted, into: &canvas)
        }
    }

    private func drawRow(_ cells: [Cell], widths: [Int], y: Int, area: Rect, style: Style,
                         overridesCellStyles: Bool, into canvas: inout Canvas) {
        canvas.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
        var x = area.x
        for (i, column) in columns.enumerated() {
            let cell = i < cells.count ? cells[i] : Cell("")
            let text = TextWidth.pad(cell.text, to: widths[i], alignment: column.alignment)
            canvas.put(text, x: x, y: y, style: overridesCellStyles ? style : cell.style ?? style,
                       maxWidth: area.maxX - x)
            x += widths[i] + columnSpacing
        }
    }
}
