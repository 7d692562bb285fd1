import Foundation

/// What someone asks the venue to do. `decide` checks it against the state and either
/// returns the events to append or refuses it with a clear error; nothing is appended on refusal.
public enum Command: Sendable {
    /// `podium init`: the competition definition becomes the log's first events.
    case defineCompetition(CompetitionDefinition)
    case announce(text: String, priority: Priority, until: Date?)
    case withdrawAnnouncement(id: String)
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
                throw .invalid(first.description)
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
        }
    }
}

/// Rules for free text typed by people: it reaches big screens, so no control characters.
public enum TextRules {
    public static func check(_ s: String, field: String, maxCharacters: Int) throws(CommandError) {
        if s.isEmpty { throw .invalid("\(field) is empty") }
        if s.count > maxCharacters { throw .invalid("\(field) is \(s.count) characters; at most \(maxCharacters)") }
        for (i, u) in s.unicodeScalars.enumerated() where isControl(u) {
            throw .invalid("\(field) contains a control character (U+\(String(u.value, radix: 16, uppercase: true).leftPadded(4))) at position \(i + 1)")
        }
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
