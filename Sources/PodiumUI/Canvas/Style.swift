/// What a piece of the screen means, as a theme sees it. A canvas stores roles, never
/// colours: the theme (and the colour depth of the terminal) turn a role into colours and
/// attributes only when drawing, so one rendered canvas serves every theme.
///
/// The raw value is the role's key in a theme file (`[roles.headerText]`).
public enum Role: String, Sendable, CaseIterable, Hashable {
    /// Ordinary text.
    case text
    /// Secondary text: hints, units, empty states.
    case muted
    /// A title bar across the screen.
    case header
    /// Column headings of tables.
    case headerText
    /// Keys in help bars, emphasis.
    case accent
    /// First place.
    case gold
    /// Second place.
    case silver
    /// Third place.
    case bronze
    /// Excellence award (优胜奖).
    case excellence
    /// A live (currently running) item.
    case live
    /// A delayed item.
    case delayed
    /// Something needs attention soon.
    case warning
    /// An error or an irreversible action.
    case danger
    /// Success, a confirmed state.
    case ok
    /// Borders of panels and dialogs.
    case border
    /// The selected row or item.
    case highlight
    /// The scrolling ticker line.
    case tickerBg
    /// Results not yet confirmed (provisional scores).
    case provisional
    /// The marking of a past view (`--at`, the console's replay): a colour no live screen uses.
    case past
}

/// Terminal text attributes. In a `Style` they are added to the theme's attributes for
/// the role.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let reverse = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)

    /// The attribute names as used in theme files, in a fixed order.
    public static let named: [(name: String, attribute: Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline),
    ]
}

/// How a cell is drawn: a role, plus attributes added on top of the role's own.
public struct Style: Sendable, Hashable {
    public var role: Role
    public var attributes: Attributes

    public init(_ role: Role = .text, _ attributes: Attributes = []) {
        self.role = role
        self.attributes = attributes
    }

    /// Plain text.
    public static let text = Style(.text)

    /// The same role with more attributes.
    public func adding(_ more: Attributes) -> Style {
        Style(role, attributes.union(more))
    }
}
