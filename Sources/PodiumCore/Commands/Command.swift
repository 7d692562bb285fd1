import Foundation

/// What someone asks the venue to do. `decide` checks it against the state and either
/// returns the events to append or refuses it with a clear error; nothing is appended on refusal.
public enum Command: Sendable {
    /// `podium init`: the competition definition becomes the log's first events.
    case defineCompetition(CompetitionDefinition)
    case announce(text: String, priority: Priority, until: Date?)
    case withdrawAnnouncement(id: String)
    /// A judge's sheet: all its marks or none. `reason` makes it a correction.
    case submitMarks(skill: String, round: String, marks: [MarkInput], reason: String?)
    /// Chief judge: sign a module off.
    case lockModule(skill: String, round: String, module: String)
    /// Staff: reopen a signed-off module, with a reason.
    case unlockModule(skill: String, round: String, module: String, reason: String)
    /// Chief judge: ask the panel to mark an aspect again.
    case requestRemark(skill: String, round: String, competitor: String, aspect: String, note: String)
    case publish(RoundKey)
    case freeze(RoundKey)
    case finalize(RoundKey)
    /// Import: new competitors / judges (all or none).
    case registerCompetitors([Competitor])
    case registerJudges([Judge])
    /// Import: a marks file (all rows or none), each row checked as typed at its judge's console.
    case importMarks([ImportedMark])
    /// The credential store: the outcome of a PIN check (a wrong one may lock the account out).
    case recordLogin(account: String, role: Actor.Role, via: String, succeeded: Bool)
    /// Staff set an account's PIN (the hash goes to `DIR/credentials`, only this to the log).
    case recordPINSet(account: String, role: Actor.Role)
    // Staff on the day (StaffRules): the schedule, the closing clock, the ceremony reveal.
    case startSession(String)
    case finishSession(String)
    /// Later by `minutes` (1...720): start and end, or only the end once it runs.
    case delaySession(String, minutes: Int)
    /// To another station and/or site (nil: keep the current one).
    case moveSession(String, site: String?, station: String?)
    case cancelSession(String, reason: String)
    /// The closing ceremony's new time.
    case setClosing(Date)
    case pauseCountdown
    case resumeCountdown
    case startCeremony
    case ceremonyNext
    case ceremonyBack
    case endCeremony
    /// Register a public key for signed checkpoints (`podium keys register`).
    case registerKey(RegisteredKey)
    /// Record a checkpoint signed off the log's chain (`podium log checkpoint`).
    case recordCheckpoint(Checkpoint)
}

/// One mark of a sheet.
public struct MarkInput: Hashable, Sendable {
    public var competitor: String
    public var aspect: String
    public var value: MarkValue
    public init(competitor: String, aspect: String, value: MarkValue) {
        self.competitor = competitor; self.aspect = aspect; self.value = value
    }
}

public enum Decide {
    /// The events `command` produces on `state`, or why it is refused.
    public static func decide(_ command: Command, on state: VenueState, by actor: Actor, now: Date) throws(CommandError) -> [Event] {
        try Access.check(command, by: actor, on: state)
        switch command {
        case let .defineCompetition(def):
            guard state.competition == nil else {
                throw .conflict("this venue already holds competition \"\(state.competition!.id)\"; a definition is given once, at init")
            }
            if let first = DefinitionValidator.validate(def, file: "definition").first {
                throw .invalid(first.said)
            }
            var events: [Event] = [.competitionDefined(def.competition)]
            events += def.sites.map { .siteDefined($0) }
            events += def.delegations.map { .delegationDefined($0) }
            events += def.skills.map { .skillDefined($0) }
            events += def.competitors.map { .competitorRegistered($0) }
            events += def.judges.map { .judgeRegistered($0) }
            events += def.sessions.map { .sessionScheduled($0) }
            return events

        case let .announce(text, priority, until):
            try requireCompetition(state)
            let clean = text.trimmingCharacters(in: .whitespaces)
            try TextRules.check(clean, field: "announcement text", maxCharacters: 280)
            if let until, until <= now {
                throw .invalid("the announcement would expire at \(Timestamps.format(until, in: state.timeZone)), which is not in the future")
            }
            let id = "A\(state.announcementsPosted + 1)"
            return [.announcementPosted(Announcement(id: id, text: clean, priority: priority, until: until))]

        case let .withdrawAnnouncement(id):
            try requireCompetition(state)
            guard state.announcements.contains(id) else {
                throw .notFound("no announcement \"\(id)\" is showing (see `podium log tail` for past ones)")
            }
            return [.announcementWithdrawn(id: id)]

        case let .submitMarks(skill, round, marks, reason):
            return try MarkRules.decideSheet(skill: skill, round: round, marks: marks, reason: reason, on: state, by: actor)
        case let .lockModule(skill, round, module):
            return try MarkRules.decideLock(skill: skill, round: round, module: module, on: state)
        case let .unlockModule(skill, round, module, reason):
            return try MarkRules.decideUnlock(skill: skill, round: round, module: module, reason: reason, on: state)
        case let .requestRemark(skill, round, competitor, aspect, note):
            return try MarkRules.decideRemark(skill: skill, round: round, competitor: competitor, aspect: aspect, note: note, on: state)
        case let .publish(key), let .freeze(key), let .finalize(key):
            return try MarkRules.decidePublication(command, key: key, on: state)
        case let .registerCompetitors(list):
            return try Registration.competitors(list, on: state)
        case let .registerJudges(list):
            return try Registration.judges(list, on: state)
        case let .importMarks(rows):
            return try ImportRules.decideMarks(rows, on: state, by: actor, now: now)
        case let .recordLogin(account, role, via, succeeded):
            return try LoginRules.decide(account: account, role: role, via: via, succeeded: succeeded, on: state, now: now)
        case let .recordPINSet(account, role):
            return try LoginRules.decidePINSet(account: account, role: role, now: now)
        case .startSession, .finishSession, .delaySession, .moveSession, .cancelSession:
            return try StaffRules.decideSession(command, on: state)
        case .setClosing, .pauseCountdown, .resumeCountdown:
            return try StaffRules.decideClock(command, on: state, now: now)
        case .startCeremony, .ceremonyNext, .ceremonyBack, .endCeremony:
            return try StaffRules.decideCeremony(command, on: state)
        case let .registerKey(key):
            try requireCompetition(state)
            return try SigningRules.decideRegister(key, on: state)
        case let .recordCheckpoint(cp):
            try requireCompetition(state)
            return try SigningRules.decideCheckpoint(cp, on: state)
        }
    }

    static func requireCompetition(_ state: VenueState) throws(CommandError) {
        guard state.competition != nil else { throw .conflict("the venue has no competition defined yet") }
    }
}

/// Who may do what. Checked in the core, so every screen and script is held to it.
public enum Access {
    public static func check(_ command: Command, by actor: Actor, on state: VenueState) throws(CommandError) {
        switch command {
        case .defineCompetition:
            guard actor.role == .system || actor.role == .admin else {
                throw .forbidden("\(actor) may not define the competition (admin only)")
            }
        case .announce, .withdrawAnnouncement:
            guard actor.isStaff else { throw .forbidden("\(actor) may not post or withdraw announcements (staff only)") }
        case let .submitMarks(skill, _, _, _):
            try judge(actor, of: skill, on: state, chief: false, doing: "enter marks")
        case let .lockModule(skill, _, _):
            try judge(actor, of: skill, on: state, chief: true, doing: "sign off a module")
        case let .requestRemark(skill, _, _, _, _):
            try judge(actor, of: skill, on: state, chief: true, doing: "ask for re-marking")
        case .unlockModule:
            guard actor.isStaff else { throw .forbidden("\(actor) may not unlock a module (staff only)") }
        case .publish, .freeze, .finalize:
            guard actor.isStaff else { throw .forbidden("\(actor) may not publish, freeze or finalize results (staff only)") }
        case .registerCompetitors, .registerJudges:
            guard actor.isStaff else { throw .forbidden("\(actor) may not register competitors or judges (staff only)") }
        case .importMarks:
            guard actor.isStaff else { throw .forbidden("\(actor) may not import marks (staff only)") }
        case .recordLogin:
            guard actor.role == .system else { throw .forbidden("\(actor) may not record logins (the credential store only)") }
        case .recordPINSet:
            guard actor.isStaff else { throw .forbidden("\(actor) may not set PINs (staff only)") }
        case .startSession, .finishSession, .delaySession, .moveSession, .cancelSession:
            guard actor.isStaff else { throw .forbidden("\(actor) may not change the schedule (staff only)") }
        case .setClosing, .pauseCountdown, .resumeCountdown:
            guard actor.isStaff else { throw .forbidden("\(actor) may not set the closing ceremony's clock (staff only)") }
        case .startCeremony, .ceremonyNext, .ceremonyBack, .endCeremony:
            guard actor.isStaff else { throw .forbidden("\(actor) may not present the ceremony reveal (staff only)") }
        case .registerKey, .recordCheckpoint:
            guard actor.isStaff else { throw .forbidden("\(actor) may not register signing keys or record checkpoints (staff only)") }
        }
    }

    /// The actor must be a judge (or chief judge) assigned to `skill`; `chief` requires the chief.
    static func judge(_ actor: Actor, of skill: String, on state: VenueState, chief: Bool, doing what: Said) throws(CommandError) {
        guard actor.role == .judge || actor.role == .chief else { throw .forbidden("\(actor) may not \(what) (judges only)") }
        guard let j = state.judges[actor.id] else { throw .forbidden("\(actor): no judge \"\(actor.id)\" at this competition") }
        guard j.skills.contains(skill) else { throw .forbidden("judge \(j.id) is not assigned to skill \(skill)") }
        if chief && !j.chief { throw .forbidden("judge \(j.id) is not the chief judge of \(skill); only the chief may \(what)") }
    }
}

/// Rules for free text typed by people: it reaches big screens, so no control characters.
public enum TextRules {
    public static func check(_ s: String, field: Said, maxCharacters: Int) throws(CommandError) {
        if s.isEmpty { throw .invalid("\(field) is empty") }
        if s.count > maxCharacters { throw .invalid("\(field) is \(s.count) characters; at most \(maxCharacters)") }
        if let problem = controlCharacter(in: s) { throw .invalid("\(field) \(problem)") }
    }

    /// "contains a control character (U+001B) at position 3", or nil when `s` has none.
    public static func controlCharacter(in s: String) -> Said? {
        for (i, u) in s.unicodeScalars.enumerated() where isControl(u) {
            return "contains a control character (U+\(String(u.value, radix: 16, uppercase: true).leftPadded(4))) at position \(i + 1)"
        }
        return nil
    }

    /// C0, DEL, C1, and bidirectional overrides/isolates (which can reorder what a screen shows).
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}

extension String {
    func leftPadded(_ n: Int, with c: Character = "0") -> String {
        count >= n ? self : String(repeating: c, count: n - count) + self
    }
}

/// RFC 3339 times in a venue's time zone.
public enum Timestamps {
    public static func format(_ d: Date, in tz: TimeZone) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = tz
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }

    /// Parses "2025-06-24T15:00:00+08:00" (or with Z); nil otherwise.
    public static func parse(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: s)
    }
}
