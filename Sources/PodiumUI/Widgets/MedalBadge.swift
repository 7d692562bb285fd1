/// A medal or award shown with text as well as colour, so it reads the same in every
/// theme, in the mono theme and to colour-blind viewers: the character (金 银 铜 优) and
/// the English word carry the meaning; the role's colour only adds to it.
public enum MedalBadge: Sendable, Hashable, CaseIterable {
    case gold, silver, bronze, excellence

    /// The theme role for this award.
    public var role: Role {
        switch self {
        case .gold: .gold
        case .silver: .silver
        case .bronze: .bronze
        case .excellence: .excellence
        }
    }

    /// One wide character: 金, 银, 铜 or 优.
    public var symbol: String {
        switch self {
        case .gold: "金"
        case .silver: "银"
        case .bronze: "铜"
        case .excellence: "优"
        }
    }

    /// Symbol and full name, e.g. `金 Gold`, `优胜 Excellence`.
    public var label: String {
        switch self {
        case .gold: "金 Gold"
        case .silver: "银 Silver"
        case .bronze: "铜 Bronze"
        case .excellence: "优胜 Excellence"
        }
    }

    /// The style to draw it in: the role, bold.
    public var style: Style { Style(role, .bold) }
}
