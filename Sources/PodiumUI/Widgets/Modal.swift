/// A dialog box centred in an area: a titled border, message lines wrapped to the box,
/// and a row of buttons or key hints, the selected one highlighted.
///
/// ```
/// ┌─ 确认 Confirm ───────────┐
/// │ 撤销 张伟 的成绩？       │
/// │                          │
/// │  [ 确定 OK ]  [ 取消 ]   │
/// └──────────────────────────┘
/// ```
public struct Modal: Widget {
    public var title: String
    public var message: [String]
    public var buttons: [String]
    public var selectedButton: Int?
    /// The widest the box may be, border included.
    public var maxWidth: Int
    public var borderStyle: Style
    public var titleStyle: Style
    public var textStyle: Style
    public var buttonStyle: Style
    public var selectedStyle: Style

    public init(title: String, message: [String], buttons: [String] = [], selectedButton: Int? = nil,
                maxWidth: Int = 60, borderStyle: Style = Style(.border),
                titleStyle: Style = Style(.headerText, .bold), textStyle: Style = .text,
                buttonStyle: Style = Style(.accent), selectedStyle: Style = Style(.highlight)) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selectedButton = selectedButton
        self.maxWidth = maxWidth
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.textStyle = textStyle
        self.buttonStyle = buttonStyle
        self.selectedStyle = selectedStyle
    }

    private var buttonLabels: [String] { buttons.map { "[ " + $0 + " ]" } }
    private static let buttonGap = 2

    /// Columns the buttons row needs.
    private var buttonsWidth: Int {
        let labels = buttonLabels
        return labels.reduce(0) { $0 + TextWidth.width(of: $1) } + Self.buttonGap * max(0, labels.count - 1)
    }

    /// The box the dialog occupies in `area`: border, one column of padding each side.
    public func frame(in area: Rect) -> Rect {
        let widest = min(maxWidth, area.width) - 4
        let wanted = ([TextWidth.width(of: title) + 4, buttonsWidth]
                      + message.map { TextWidth.width(of: $0) }).max() ?? 0
        let inner = max(1, min(widest, wanted))
        let lines = wrappedMessage(width: inner).count
        let height = 2 + lines + (buttons.isEmpty ? 0 : 2)
        return area.centered(width: inner + 4, height: height)
    }

    private func wrappedMessage(width: Int) -> [String] {
        message.flatMap { TextWidth.wrap($0, width: width) }
    }

    public func render(in area: Rect, into canvas: inout Canvas) {
        let box = frame(in: area)
        guard box.width >= 5, box.height >= 2 else { return }
        Panel(title: title, borderStyle: borderStyle, titleStyle: titleStyle, fillStyle: textStyle)
            .render(in: box, into: &canvas)
        let content = box.inset(horizontal: 2, vertical: 1)
        let (textArea, buttonArea) = buttons.isEmpty
            ? (content, Rect.zero)
            : content.splitBottom(min(2, content.height))
        for (i, line) in wrappedMessage(width: content.width).prefix(textArea.height).enumerated() {
            canvas.put(line, x: textArea.x, y: textArea.y + i, style: textStyle, maxWidth: textArea.width)
        }
        guard buttonArea.height > 0 else { return }
        let y = buttonArea.maxY - 1
        var x = buttonArea.x + max(0, (buttonArea.width - buttonsWidth) / 2)
        for (i, label) in buttonLabels.enumerated() {
            let style = i == selectedButton ? selectedStyle : buttonStyle
            x += canvas.put(label, x: x, y: y, style: style, maxWidth: buttonArea.maxX - x) + Self.buttonGap
        }
    }
}
