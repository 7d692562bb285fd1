/// Who acts. The log records `role:id` as each record's actor.
public struct Actor: Hashable, Sendable, CustomStringConvertible {
    public enum Role: String, Sendable, CaseIterable {
        /// Podium itself (init, the rehearsal feed's scheduling).
        case system
        case admin
        case staff
        case chief
        case judge
        case spectator
    }

    public var role: Role
    public var id: String

    public init(_ role: Role, _ id: String) { self.role = role; self.id = id }

    public var logName: String { "\(role.rawValue):\(id)" }
    public var description: String { logName }

    /// Venue staff (staff or admin) or Podium itself.
    public var isStaff: Bool { role == .staff || role == .admin || role == .system }
}

/// A refused command: nothing was appended. The message says what and why.
public struct CommandError: Error, CustomStringConvertible, Equatable, Sendable, Localized {
    public enum Kind: String, Sendable {
        case forbidden, invalid, notFound, conflict
    }
    public var kind: Kind
    /// The message, in either language (`text(_:)`); `message` is its English.
    public var said: Said
    public var message: String { said.text(.en) }

    public init(_ kind: Kind, _ said: Said) { self.kind = kind; self.said = said }
    public var description: String { message }

    public static func forbidden(_ m: Said) -> CommandError { CommandError(.forbidden, m) }
    public static func invalid(_ m: Said) -> CommandError { CommandError(.invalid, m) }
    public static func notFound(_ m: Said) -> CommandError { CommandError(.notFound, m) }
    public static func conflict(_ m: Said) -> CommandError { CommandError(.conflict, m) }
}
