import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI

/// `DIR VERB ARGS...` of the staff's plain commands (schedule, clock, ceremony). DIR may be left
/// out when PODIUM_VENUE is set and the first word is one of the verbs.
struct StaffWords {
    var directory: String
    var verb: String
    var rest: [String]

    init(_ words: [String], verbs: [String], usage: String) throws {
        let env = ProcessInfo.processInfo.environment["PODIUM_VENUE"].flatMap { $0.isEmpty ? nil : $0 }
        var words = words
        if let first = words.first, verbs.contains(first), !FileManager.default.fileExists(atPath: Venue.logPath(first)), let env {
            directory = env
        } else if !words.isEmpty {
            directory = words.removeFirst()
        } else {
            throw CLIError("give the venue directory (or set PODIUM_VENUE) and what to do: \(usage)")
        }
        guard let verb = words.first else { throw CLIError("say what to do: \(usage)") }
        guard verbs.contains(verb) else { throw CLIError("\"\(verb)\" is not one of \(verbs.joined(separator: ", ")): \(usage)") }
        self.verb = verb
        rest = Array(words.dropFirst())
    }

    /// Exactly `n` arguments after the verb, named in `what` for the message.
    func arguments(_ n: Int, _ what: String) throws -> [String] {
        guard rest.count == n else {
            throw CLIError(n == 0 ? "\(verb) takes no more arguments (got \(rest.joined(separator: " ")))"
                                  : "\(verb) needs \(what) (got \(rest.isEmpty ? "nothing" : rest.joined(separator: " ")))")
        }
        return rest
    }
}

/// Runs a staff command as the staff member `staff` names (logged in when the venue has staff
/// accounts) and prints each record it appended:
/// `seq 123  session.delayed  S01-final delayed by 20 min`.
func executeAndReport(_ command: Command, in venue: Venue, staff: StaffArguments, now: Date = Date()) throws {
    try venue.execute(command, as: try staff.actor(on: venue, now: now), now: now)
    let tz = venue.state.timeZone
    for r in venue.lastAppended {
        print("seq \(r.seq)\t\(r.event.typeName)\t\(EventText.summary(r.event, in: tz, lang: RunLanguage.language))")
    }
}

struct ScheduleCommand: ParsableCommand {
    static let verbs = ["list", "start", "finish", "delay", "move", "cancel"]
    static let usage = "podium schedule DIR list|start|finish|delay|move|cancel SESSION ..."
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "The day's sessions: list them, start, finish, delay, move or cancel one.",
        usage: """
        podium schedule DIR list [--site SITE]
          podium schedule DIR start SESSION
          podium schedule DIR finish SESSION
          podium schedule DIR delay SESSION MINUTES
          podium schedule DIR move SESSION [--station STATION] [--site SITE]
          podium schedule DIR cancel SESSION --reason TEXT
        """,
        discussion: """
        Each change goes through the same checks as the staff console (staff or admin; a finished \
        session cannot be delayed, a session cannot finish before it starts, a station holds one \
        live session, ...). On success it prints the record appended (seq, type, summary), then any \
        schedule warning that names the session (a double booking, a delay running into the next \
        session); on refusal one line on stderr, a non-zero exit, and nothing appended. A delay adds \
        to earlier ones and moves start and end (only the end once the session is live). `list` \
        prints every session with its status, effective times and place, then the warnings.
        """
    )

    @Argument(help: "The venue directory (or PODIUM_VENUE), the verb, the session and its arguments.")
    var words: [String] = []

    @Option(help: "move: the station to move to. list: (unused).") var station: String?
    @Option(help: "move: the site to move to. list: only this site.") var site: String?
    @Option(help: "cancel: why (shown in the audit trail).") var reason: String?
    @OptionGroup var staff: StaffArguments

    func run() throws {
        let w = try StaffWords(words, verbs: Self.verbs, usage: Self.usage)
        let v = try Venue(directory: w.directory)
        if w.verb == "list" {
            _ = try w.arguments(0, "")
            try list(v.state)
            return
        }
        guard let id = w.rest.first else { throw CLIError("\(w.verb) needs the session id: \(Self.usage)") }
        let command: Command
        switch w.verb {
        case "start":
            _ = try w.arguments(1, "the session id")
            command = .startSession(id)
        case "finish":
            _ = try w.arguments(1, "the session id")
            command = .finishSession(id)
        case "delay":
            let a = try w.arguments(2, "the session id and the minutes, e.g. delay S01-final 20")
            guard let minutes = Int(a[1].hasPrefix("+") ? String(a[1].dropFirst()) : a[1]) else {
                throw CLIError("delay \(id) \(a[1]): the minutes must be a whole number, e.g. 20")
            }
            command = .delaySession(id, minutes: minutes)
        case "move":
            _ = try w.arguments(1, "the session id")
            command = .moveSession(id, site: site, station: station)
        default: // cancel
            _ = try w.arguments(1, "the session id")
            guard let reason else { throw CLIError("cancel \(id) needs --reason TEXT (it goes into the audit trail)") }
            command = .cancelSession(id, reason: reason)
        }
        if w.verb != "move", station != nil || site != nil { throw CLIError("--station and --site go with move only") }
        if w.verb != "cancel", reason != nil { throw CLIError("--reason goes with cancel only") }
        try executeAndReport(command, in: v, staff: staff)
        for warning in v.state.scheduleWarnings() where warning.sessions.contains(id) {
            print("warning: \(warning)")
        }
    }

    func list(_ state: VenueState) throws {
        if let site, !state.sites.contains(site) { throw CLIError("--site \(site): no such site") }
        let tz = state.timeZone
        let f = Formats(lang: .zh, timeZone: tz)
        let rows = state.sessionStates.filter { site == nil || $0.site == site }.map { s -> [String] in
            let times = f.shortDay(s.effectiveStart) + " " + f.hourMinute(s.effectiveStart) + "–" + f.hourMinute(s.effectiveEnd)
            var note: [String] = []
            if s.isDelayed { note.append("delayed \(s.delayMinutes) min") }
            if s.isMoved { note.append("moved from \(s.session.site) \(s.session.station)") }
            if let r = s.cancelReason { note.append(r) }
            return [s.id, s.status.rawValue, times, s.site, s.station, note.joined(separator: "; ")]
        }
        print(textTable(["session", "status", "time", "site", "station", "note"], rows), terminator: "")
        for warning in state.scheduleWarnings() where site == nil || warning.sessions.contains(where: { state.sessionState($0)?.site == site }) {
            print("warning: \(warning)")
        }
    }
}
