import Foundation

// Which part of the venue's state each event changes (docs/architecture.md, "Decisions that
// read little"). A server store keeps an entry's scope beside its record, so that a batch whose
// decision read other parts (`Command.reads`) may go in after records its writer did not see.
// The names are stored in a database column: fixed forever, like the type tags.

/// The parts of a venue's state, as events change them and decisions read them. Chosen from
/// `VenueState.apply`: each event's scope covers every piece of state its apply touches (besides
/// `lastSeq` and `lastTime`, which every event moves: a decision that reads those reads everything).
public enum StateScope {
    /// The competition (its settings, time zone, closing time as defined), sites, delegations,
    /// and skills. A skill's definition also lays out its marks book (`MarksBook.define`), so every
    /// reader of a skill's marks reads this scope too (`StateScope.skillReads`).
    public static let definition = "definition"
    /// Competitors and judges. A competitor's registration also enters them in their skill's
    /// first round and sets their delegation in every skill's book; a judge's is interned in the
    /// book's judge table (append only): so every reader of a skill's marks reads this scope too.
    public static let registry = "registry"
    /// Sessions as scheduled and as they stand on the day (started, finished, delayed, moved,
    /// cancelled).
    public static let schedule = "schedule"
    /// Announcements shown, and the count of those ever posted (it numbers the next one).
    public static let announcements = "announcements"
    /// The closing ceremony's time as staff set it, and the countdown's pause.
    public static let clock = "clock"
    /// The ceremony reveal: running, its steps, the current step, the rounds revealed.
    public static let ceremony = "ceremony"
    /// Public keys registered for signed checkpoints.
    public static let keys = "keys"
    /// The last checkpoint signed into the log.
    public static let checkpoints = "checkpoints"

    /// One skill's marks book: its rounds' marks, locked modules, re-mark requests, published,
    /// frozen (with the standings snapshot) and final state.
    public static func skill(_ id: String) -> String { "skill:" + id }
    /// One account's login activity: wrong PINs, lock-out, last login.
    public static func account(_ id: String) -> String { "account:" + id }

    /// What reading a skill's marks book takes: the book itself, and the two scopes whose events
    /// also change it (a skill's definition lays it out; a registration enters competitors in it
    /// and sets their delegations). Also what a decision reads through `MarkRules.round` (the
    /// skill's definition), `Access.judge` (the judge) and `state.entrants` (registration order,
    /// the round before's standings: the skill's marks, the competition's standardisation and
    /// tie-break).
    public static func skillReads(_ id: String) -> Set<String> { [skill(id), definition, registry] }
}

extension Event {
    /// The part of the state this event changes (`StateScope`); nil would be "unknown, anything"
    /// (every event here has a scope; a record the log holds under an unknown tag has none).
    public var scope: String? {
        switch self {
        case .competitionDefined, .siteDefined, .delegationDefined, .skillDefined:
            return StateScope.definition
        case .competitorRegistered, .judgeRegistered:
            return StateScope.registry
        case .sessionScheduled, .sessionStarted, .sessionFinished, .sessionDelayed, .sessionMoved, .sessionCancelled:
            return StateScope.schedule
        case .announcementPosted, .announcementWithdrawn:
            return StateScope.announcements
        case let .markEntered(m):
            return StateScope.skill(m.skill)
        case let .moduleLocked(m), let .moduleUnlocked(m):
            return StateScope.skill(m.skill)
        case let .remarkRequested(r):
            return StateScope.skill(r.skill)
        case let .resultsPublished(k), let .resultsFrozen(k), let .resultsFinalized(k):
            // The freeze reads the round's standings when folded (a snapshot); it changes only
            // this skill's book.
            return StateScope.skill(k.skill)
        case let .loginFailed(l), let .loginSucceeded(l), let .pinSet(l):
            return StateScope.account(l.account)
        case let .accountLockedOut(l):
            return StateScope.account(l.account)
        case .closingSet, .countdownPaused, .countdownResumed:
            return StateScope.clock
        case .ceremonyStarted, .ceremonyStepped, .ceremonyEnded:
            // The start derives its steps from the whole state when folded; it changes only the
            // ceremony's own state.
            return StateScope.ceremony
        case .keyRegistered:
            return StateScope.keys
        case .checkpointSigned:
            return StateScope.checkpoints
        }
    }
}
