/// Text with an optional style of its own: a table cell, a list item. Written as a literal
/// (`"张伟"`) it takes the style of whatever holds it.
public struct StyledText: Sendable, Hashable, ExpressibleByStringInterpolation {
    public var text: String
    public var style: Style?

    public init(_ text: String, style: Style? = nil) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }
    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(String(stringInterpolation: stringInterpolation))
    }
}
