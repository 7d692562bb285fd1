import PodiumUI

/// The frame-statistics box the stats key shows in the top-right corner, drawn over the
/// screen's frame before it is compared with the previous one (so it costs a few changed
/// cells per frame while shown). It shows the previous frame's figures: a frame cannot
/// measure itself before it is written.
enum StatsOverlay {
    static let width = 30
    static let height = 8

    static func draw(into canvas: inout Canvas, last: FrameStats, total: FrameStats,
                     exactBytes: Bool, depth: ColorDepth, statsKey: Character) {
        let boxWidth = min(width, canvas.width)
        let boxHeight = min(height, canvas.height)
        guard boxWidth >= 12, boxHeight >= 3 else { return }
        let area = Rect(x: canvas.width - boxWidth, y: 0, width: boxWidth, height: boxHeight)
        let panel = Panel(title: "帧统计 stats", fillStyle: Style(.text))
        canvas.render(panel, in: area)
        let inner = panel.inner(of: area)
        let bytes = (exactBytes ? "" : "~") + String(last.bytesWritten)
        let depthName: String
        switch depth {
        case .none: depthName = "none"
        case .eight: depthName = "8"
        case .c256: depthName = "256"
        }
        let rows: [(String, String)] = [
            ("帧时 ms", format(last.frameMillis)),
            ("平均 mean", format(total.meanFrameMillis)),
            ("单元 cells", String(last.cellsChanged)),
            ("字节 bytes", bytes),
            ("帧数 frames", String(last.frames)),
            ("颜色 colours", depthName),
        ]
        for (index, row) in rows.enumerated() where index < inner.height {
            let y = inner.y + index
            let label = TextWidth.pad(" " + row.0, to: inner.width / 2 + 1, alignment: .left)
            let value = TextWidth.pad(row.1 + " ", to: inner.width - TextWidth.width(of: label), alignment: .right)
            canvas.put(label, x: inner.x, y: y, style: Style(.muted), maxWidth: inner.width)
            canvas.put(value, x: inner.x + TextWidth.width(of: label), y: y, style: Style(.accent),
                       maxWidth: inner.width - TextWidth.width(of: label))
        }
        if inner.height > rows.count {
            canvas.put(" \(statsKey) 关闭 close", x: inner.x, y: inner.y + rows.count,
                       style: Style(.muted), maxWidth: inner.width)
        }
    }

    /// Milliseconds with two decimals, without Foundation's formatter.
    static func format(_ millis: Double) -> String {
        let hundredths = Int((max(0, millis) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
