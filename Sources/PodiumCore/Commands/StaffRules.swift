import Foundation

/// The staff's commands on the day, decided against the state: sessions (start, finish, delay,
/// move, cancel), the closing ceremony's clock (set, pause, resume) and the ceremony reveal
/// (start, next, back, end). Access (staff or admin) is checked before, in `Access.check`.
enum StaffRules {
    /// At most this delay in one command: 12 hours (more is a typo, or a cancellation).
    static let maxDelayMinutes = 720

    static func decideSession(_ command: Command, on state: VenueState) throws(CommandError) -> [Event] {
        try Decide.requireCompetition(state)
        let tz = state.timeZone
        func at(_ d: Date?) -> String { d.map { Timestamps.format($0, in: tz) } ?? "?" }
        func find(_ id: String) throws(CommandError) -> SessionState {
            guard let s = state.sessionState(id) else { throw .notFound("no session \"\(id)\" at this competition") }
            return s
        }
        /// Refuses a finished or cancelled session, for `what`.
        func open(_ s: SessionState, _ what: Said) throws(CommandError) {
            switch s.status {
            case .finished: throw .conflict("session \(s.id) finished at \(at(s.finishedAt)); it cannot be \(what)")
            case .cancelled: throw .conflict("session \(s.id) was cancelled (\(s.cancelReason ?? "")); it cannot be \(what)")
            case .scheduled, .live: return
            }
        }

        switch command {
        case let .startSession(id):
            let s = try find(id)
            try open(s, "started")
            if s.status == .live { throw .conflict("session \(id) is already live (started at \(at(s.startedAt)))") }
            if let busy = state.sessionStates.first(where: { $0.status == .live && $0.site == s.site && $0.station == s.station }) {
                throw .conflict("\(s.site) \(s.station) is taken: session \(busy.id) is live there; finish it (or move one) first")
            }
            return [.sessionStarted(session: id)]

        case let .finishSession(id):
            let s = try find(id)
            try open(s, "finished again")
            guard s.status == .live else { throw .conflict("session \(id) has not started; start it before finishing it") }
            return [.sessionFinished(session: id)]

        case let .delaySession(id, minutes):
            let s = try find(id)
            guard (1...maxDelayMinutes).contains(minutes) else {
                throw .invalid("a delay is 1 to \(maxDelayMinutes) minutes, not \(minutes)")
            }
            try open(s, "delayed")
            return [.sessionDelayed(SessionDelay(session: id, minutes: minutes))]

        case let .moveSession(id, site, station):
            let s = try find(id)
            guard site != nil || station != nil else { throw .invalid("give the station or the site (or both) to move session \(id) to") }
            let toSite = site ?? s.site
            guard state.sites.contains(toSite) else {
                throw .notFound("no site \"\(toSite)\" (sites: \(state.sites.items.map(\.id).joined(separator: ", ")))")
            }
            let toStation = (station ?? s.station).trimmingCharacters(in: .whitespaces)
            try TextRules.check(toStation, field: "station", maxCharacters: 40)
            try open(s, "moved")
            if toSite == s.site && toStation == s.station {
                throw .conflict("session \(id) is already at \(s.site) \(s.station)")
            }
            return [.sessionMoved(SessionMove(session: id, site: toSite, station: toStation))]

        case let .cancelSession(id, reason):
            let s = try find(id)
            let clean = reason.trimmingCharacters(in: .whitespaces)
            try TextRules.check(clean, field: "reason", maxCharacters: 200)
            if s.status == .cancelled { throw .conflict("session \(id) is already cancelled (\(s.cancelReason ?? ""))") }
            try open(s, "cancelled")
            return [.sessionCancelled(SessionCancel(session: id, reason: clean))]

        default:
            preconditionFailure("not a session command")
        }
    }

    static func decideClock(_ command: Command, on state: VenueState, now: Date) throws(CommandError) -> [Event] {
        try Decide.requireCompetition(state)
        let tz = state.timeZone
        switch command {
        case let .setClosing(time):
            guard time > now else {
                throw .invalid("the closing ceremony cannot be set to \(Timestamps.format(time, in: tz)), which is not in the future")
            }
            if let c = state.closing, Int64(c.timeIntervalSince1970 * 1000) == Int64(time.timeIntervalSince1970 * 1000) {
                throw .conflict("the closing ceremony is already at \(Timestamps.format(c, in: tz))")
            }
            return [.closingSet(time)]
        case .pauseCountdown:
            if let at = state.clock.pausedAt { throw .conflict("the countdown is already paused (since \(Timestamps.format(at, in: tz)))") }
            if state.isClosingTime(at: now) { throw .conflict("the closing moment has come; there is no countdown to pause") }
            return [.countdownPaused]
        case .resumeCountdown:
            guard state.clock.paused else { throw .conflict("the countdown is not paused") }
            return [.countdownResumed]
        default:
            preconditionFailure("not a clock command")
        }
    }

    static func decideCeremony(_ command: Command, on state: VenueState) throws(CommandError) -> [Event] {
        try Decide.requireCompetition(state)
        let c = state.ceremony
        func notRunning(_ what: Said) -> CommandError { .conflict("no ceremony reveal is running; start one before \(what)") }
        switch command {
        case .startCeremony:
            if c.running { throw .conflict("a ceremony reveal is already running (step \(c.current + 1) of \(c.steps.count))") }
            guard !Ceremony.plan(state).isEmpty else {
                let which: Said = state.competition?.resultsPolicy == .atCeremony ? Said("final") : Said("published or final")
                throw .conflict("nothing to reveal: no official skill's final round is \(which) yet")
            }
            return [.ceremonyStarted]
        case .ceremonyNext:
            guard c.running else { throw notRunning("stepping forward") }
            if c.isAtLastStep { throw .conflict("the reveal is at its last step (\(c.steps.count) of \(c.steps.count)); end it instead") }
            return [.ceremonyStepped(step: c.current + 1)]
        case .ceremonyBack:
            guard c.running else { throw notRunning("stepping back") }
            if c.current == 0 { throw .conflict("the reveal is at its opening step; there is nothing before it") }
            return [.ceremonyStepped(step: c.current - 1)]
        case .endCeremony:
            guard c.running else { throw notRunning("ending it") }
            return [.ceremonyEnded]
        default:
            preconditionFailure("not a ceremony command")
        }
    }
}
