import Foundation

/// One-line, human-readable summaries of events, for `log tail` and the audit trail.
public enum EventText {
    /// "seq  time  actor  type  summary", time in the venue's zone.
    public static func line(_ r: EventRecord, state: VenueState, lang: Language = .en) -> String {
        let time = Timestamps.format(r.time, in: state.timeZone)
        return "\(r.seq)\t\(time)\t\(r.actor)\t\(r.event.typeName)\t\(summary(r.event, in: state.timeZone, lang: lang))"
    }

    /// The summary in `lang` (names in that language where both are given).
    public static func summary(_ e: Event, in tz: TimeZone, lang: Language = .en) -> String {
        said(e, in: tz).text(lang)
    }

    public static func said(_ e: Event, in tz: TimeZone) -> Said {
        switch e {
        case let .competitionDefined(c):
            return "\(c.id) \(c.name); closing \(Timestamps.format(c.closing, in: tz)); \(c.resultsPolicy.rawValue)"
        case let .siteDefined(s): return "\(s.id) \(s.name)"
        case let .delegationDefined(d): return "\(d.id) \(d.name)"
        case let .skillDefined(s): return "\(s.id) \(s.name) (\(s.origin.rawValue), \(s.kind.rawValue)), \(s.rounds.count) rounds, \(s.modules.count) modules"
        case let .competitorRegistered(c): return "\(c.id) \(c.name) \(c.delegation) \(c.skill)"
        case let .judgeRegistered(j): if j.chief { return "\(j.id) \(j.name) \(j.delegation) \(j.skills.joined(separator: ",")) chief" }
            return "\(j.id) \(j.name) \(j.delegation) \(j.skills.joined(separator: ","))"
        case let .sessionScheduled(s): return "\(s.id) \(s.skill)/\(s.round) at \(s.site) \(s.station)"
        case let .announcementPosted(a): return "\(a.id) [\(a.priority.rawValue)] \(a.text)"
        case let .announcementWithdrawn(id): return Said(verbatim: id)
        case let .markEntered(m):
            if let reason = m.reason { return "\(m.skill)/\(m.round) \(m.competitor) \(m.aspect) = \(m.value) by \(m.judge) (correction: \(reason))" }
            return "\(m.skill)/\(m.round) \(m.competitor) \(m.aspect) = \(m.value) by \(m.judge)"
        case let .moduleLocked(m): return "\(m.skill)/\(m.round) module \(m.module) locked"
        case let .moduleUnlocked(m): return "\(m.skill)/\(m.round) module \(m.module) unlocked: \(m.reason ?? "")"
        case let .remarkRequested(r): return "\(r.skill)/\(r.round) \(r.competitor) \(r.aspect): \(r.note)"
        case let .resultsPublished(k): return "\(k) published"
        case let .resultsFrozen(k): return "\(k) frozen"
        case let .resultsFinalized(k): return "\(k) final"
        case let .loginFailed(l): return "\(l.role) \(l.account): wrong PIN"
        case let .loginSucceeded(l): return "\(l.role) \(l.account) logged in (\(l.via))"
        case let .accountLockedOut(l): return "\(l.account) locked out until \(Timestamps.format(l.until, in: tz))"
        case let .pinSet(l): return "\(l.role) \(l.account): PIN set"
        case let .sessionStarted(id): return "\(id) started"
        case let .sessionFinished(id): return "\(id) finished"
        case let .sessionDelayed(d): return "\(d.session) delayed by \(d.minutes) min"
        case let .sessionMoved(m): return "\(m.session) moved to \(m.site) \(m.station)"
        case let .sessionCancelled(c): return "\(c.session) cancelled: \(c.reason)"
        case let .closingSet(d): return "closing ceremony at \(Timestamps.format(d, in: tz))"
        case .countdownPaused: return "countdown paused"
        case .countdownResumed: return "countdown resumed"
        case .ceremonyStarted: return "ceremony reveal started"
        case let .ceremonyStepped(step): return "ceremony at step \(step)"
        case .ceremonyEnded: return "ceremony reveal ended"
        case let .keyRegistered(k): return "signing key \(k.id) registered (\(k.holder))"
        case let .checkpointSigned(cp): return "checkpoint of seq \(cp.seq) signed by key \(cp.key)"
        }
    }
}
