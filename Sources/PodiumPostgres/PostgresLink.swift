import PodiumCore

/// Which of the store's errors mean "the server could not be reached" (`LinkFailure`): screens
/// keep their last state and say the link is lost for these, and stop for every other one.
extension PostgresStoreError: LinkFailure {
    public var linkLost: Bool {
        switch self {
        case .unreachable, .commitUnknown: return true
        default: return false
        }
    }

    public var outcomeUnknown: Bool {
        if case .commitUnknown = self { return true }
        return false
    }
}
