/// Colours and attributes of one role.
public struct RoleStyle: Sendable, Hashable, CustomStringConvertible {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: Attributes

    public init(foreground: ThemeColor = .default, background: ThemeColor = .default,
                attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// For example `#FFD700 on default bold`.
    public var description: String {
        let names = Attributes.named.filter { attributes.contains($0.attribute) }.map(\.name)
        return (["\(foreground) on \(background)"] + names).joined(separator: " ")
    }
}

/// A complete mapping from every `Role` to colours and attributes.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var description: String
    private var styles: [Role: RoleStyle]

    /// A theme defining every role. The parser guarantees this for files.
    public init(name: String, description: String, styles: [Role: RoleStyle]) {
        let missing = Role.allCases.filter { styles[$0] == nil }
        precondition(missing.isEmpty, "theme \(name) lacks roles \(missing)")
        self.name = name
        self.description = description
        self.styles = styles
    }

    public subscript(role: Role) -> RoleStyle {
        // Every role is present (see init), so the fallback is never used.
        styles[role] ?? RoleStyle()
    }

    /// How to draw a cell's style: its role's colours, with the role's attributes and the
    /// cell's own.
    public func resolve(_ style: Style) -> RoleStyle {
        var resolved = self[style.role]
        resolved.attributes.formUnion(style.attributes)
        return resolved
    }

    /// The theme with every colour adapted to a colour depth (`ThemeColor.adapted(to:)`).
    /// Attributes are kept, so at `.none` they alone tell roles apart: themes meant for
    /// that case (mono.toml) give each role distinct attributes.
    public func adapted(to depth: ColorDepth) -> Theme {
        var copy = self
        for (role, style) in styles {
            copy.styles[role] = RoleStyle(foreground: style.foreground.adapted(to: depth),
                                          background: style.background.adapted(to: depth),
                                          attributes: style.attributes)
        }
        return copy
    }

    /// One line summing up the theme's medal and state colours, for theme listings.
    public var previewLine: String {
        [Role.gold, .silver, .bronze, .live, .highlight]
            .map { "\($0.rawValue) \(self[$0])" }
            .joined(separator: " | ")
    }

    /// The theme used when no theme directory can be found: basic named colours only, so
    /// it looks the same on 8-colour terminals.
    public static let builtIn: Theme = {
        do {
            return try ThemeParser.parse(builtInSource, file: "<built-in>")
        } catch {
            fatalError("the built-in theme does not parse: \(error)")
        }
    }()

    static let builtInSource = """
        name = "built-in"
        description = "Fallback when no themes directory is found: basic colours, dark background"

        [roles]
        text        = { fg = "default" }
        muted       = { fg = "white", dim = true }
        header      = { fg = "bright-white", bg = "blue", bold = true }
        headerText  = { fg = "cyan", bold = true }
        accent      = { fg = "cyan", bold = true }
        gold        = { fg = "bright-yellow", bold = true }
        silver      = { fg = "white", bold = true }
        bronze      = { fg = "yellow" }
        excellence  = { fg = "magenta" }
        live        = { fg = "bright-white", bg = "red", bold = true }
        delayed     = { fg = "yellow", underline = true }
        warning     = { fg = "yellow", bold = true }
        danger      = { fg = "bright-white", bg = "red", bold = true }
        ok          = { fg = "green" }
        border      = { fg = "blue" }
        highlight   = { reverse = true }
        tickerBg    = { fg = "bright-white", bg = "blue" }
        provisional = { fg = "yellow", dim = true }
        past        = { fg = "black", bg = "bright-magenta", bold = true }
        """
}
