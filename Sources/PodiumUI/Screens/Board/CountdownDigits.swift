/// The countdown in block digits: the days, a gap, then `HH:MM:SS`, drawn at the largest
/// size that fits the area (blocks up to `maxScale`, then half blocks, then plain text).
struct CountdownDigits: Widget {
    var parts: CountdownParts
    var style: Style
    var maxScale: Int
    /// Shown when not even half blocks fit.
    var plain: String

    /// Blank pixel columns between the days and the clock.
    static let gap = 4

    var bitmap: [[Bool]] {
        let clock = BigText.bitmap(parts.clock) ?? []
        guard parts.days > 0, let days = BigText.bitmap(String(parts.days)) else { return clock }
        return (0..<BigText.glyphHeight).map { days[$0] + Array(repeating: false, count: Self.gap) + clock[$0] }
    }

    /// Rows the digits take in an area (1 for plain text).
    func lines(in area: Rect) -> [String] {
        let map = bitmap
        let pixels = map.first?.count ?? 0
        if let scale = stride(from: maxScale, through: 1, by: -1).first(where: {
            pixels * 2 * $0 <= area.width && BigText.glyphHeight * $0 <= area.height
        }) {
            return BigText.blockLines(map, scale: scale)
        }
        if pixels <= area.width, (BigText.glyphHeight + 1) / 2 <= area.height { return BigText.halfBlockLines(map) }
        return [TextWidth.truncate(plain, to: area.width)]
    }

    func render(in area: Rect, into canvas: inout Canvas) {
        guard !area.isEmpty else { return }
        let rows = lines(in: area)
        let top = area.y + (area.height - rows.count) / 2
        for (i, line) in rows.enumerated() {
            canvas.put(TextWidth.pad(line, to: area.width, alignment: .center), x: area.x, y: top + i,
                       style: style, maxWidth: area.width)
        }
    }
}
