/// A progress bar with a label, e.g. `█████████▌░░░░░░░░░ 47%`.
///
/// The bar is drawn in eighths of a cell (`▏▎▍▌▋▊▉█`); the default label is the whole
/// percentage rounded down, so 100% shows only when complete.
public struct Gauge: Widget {
    /// Progress from 0 to 1 (clamped; NaN counts as 0).
    public var ratio: Double
    /// Shown right of the bar; `nil` for the percentage.
    public var label: String?
    public var filledStyle: Style
    public var emptyStyle: Style
    public var labelStyle: Style

    public init(ratio: Double, label: String? = nil, filledStyle: Style = Style(.accent),
                emptyStyle: Style = Style(.muted), labelStyle: Style = .text) {
        self.ratio = ratio
        self.label = label
        self.filledStyle = filledStyle
        self.emptyStyle = emptyStyle
        self.labelStyle = labelStyle
    }

    var clampedRatio: Double { ratio.isNaN ? 0 : min(max(ratio, 0), 1) }

    public var labelText: String { label ?? "\(Int((clampedRatio * 100).rounded(.down)))%" }

    public func render(in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let text = TextWidth.sanitize(labelText)
        let labelWidth = TextWidth.width(of: text)
        // The label needs one blank column and at least a one-column bar beside it.
        let (barArea, labelArea) = labelWidth + 2 <= area.width
            ? (area.splitLeft(area.width - labelWidth - 1).left, area.splitRight(labelWidth).right)
            : (area, Rect.zero)
        let y = area.y
        let eighths = Int((clampedRatio * Double(barArea.width * 8)).rounded(.down))
        let full = eighths / 8
        let partial = eighths % 8
        canvas.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: labelStyle)
        canvas.put(String(repeating: "█", count: full), x: barArea.x, y: y, style: filledStyle)
        if partial > 0 {
            canvas.put(String(Self.eighthBlocks[partial - 1]), x: barArea.x + full, y: y, style: filledStyle)
        }
        let rest = barArea.width - full - (partial > 0 ? 1 : 0)
        canvas.put(String(repeating: "░", count: rest), x: barArea.maxX - rest, y: y, style: emptyStyle)
        if !labelArea.isEmpty {
            canvas.put(text, x: labelArea.x, y: y, style: labelStyle, maxWidth: labelArea.width)
        }
    }

    /// Left-aligned blocks of 1/8 to 7/8 of a cell.
    static let eighthBlocks: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
}
