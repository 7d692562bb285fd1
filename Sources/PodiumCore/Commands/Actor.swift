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
public struct CommandError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case forbidden, invalid, notFound, conflict
    }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }

    public static func forbidden(_ m: String) -> CommandError { CommandError(.forbidden, m) }
    public static func invalid(_ m: String) -> CommandError { CommandError(.invalid, m) }
    public static func notFound(_ m: String) -> CommandError { CommandError(.notFound, m) }
    public static func conflict(_ m: String) -> CommandError { CommandError(.conflict, m) }
}
