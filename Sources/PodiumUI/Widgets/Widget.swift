/// Something that draws itself into an area of a canvas. Widgets are values: they hold
/// what to show, draw only inside `area` (clipped to the canvas), and never touch a
/// terminal, so the same widget renders identically in tests and on screen.
public protocol Widget: Sendable {
    func render(in area: Rect, into canvas: inout Canvas)
}

extension Canvas {
    /// Draws a widget into an area of this canvas.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(in: area, into: &self)
    }
}

/// Which part of a list fits a viewport: shared by `ScrollList` and `Table`.
enum ScrollWindow {
    /// The index of the first visible item: `current` clamped so the viewport stays full,
    /// then moved as little as possible to bring `selection` into view.
    static func offset(selection: Int?, current: Int, count: Int, viewport: Int) -> Int {
        guard viewport > 0, count > viewport else { return 0 }
        var offset = min(max(0, current), count - viewport)
        if let selection {
            let selected = min(max(0, selection), count - 1)
            if selected < offset {
                offset = selected
            } else if selected >= offset + viewport {
                offset = selected - viewport + 1
            }
        }
        return offset
    }
}
