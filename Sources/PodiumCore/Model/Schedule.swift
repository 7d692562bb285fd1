import Foundation

/// Where a session stands on the day.
public enum SessionStatus: String, Sendable, Codable, CaseIterable {
    /// Not started yet (the board still shows it on its scheduled, delayed times).
    case scheduled
    /// Started by staff and not finished.
    case live
    case finished
    case cancelled
}

/// A session as it stands: the definition (`session`, with the times and place it was scheduled
/// for), and what staff did to it since. Folded from the `session.*` events.
public struct SessionState: Hashable, Sendable, Identifiable {
    /// As scheduled in the definition (original site, station and times).
    public var session: Session
    public var status: SessionStatus = .scheduled
    /// Every delay added up, in minutes.
    public var delayMinutes = 0
    /// Where it is now (the definition's place until it is moved).
    public var site: String
    public var station: String
    public var startedAt: Date?
    public var finishedAt: Date?
    public var cancelReason: String?

    public init(_ session: Session) {
        self.session = session
        site = session.site
        station = session.station
    }

    public var id: String { session.id }
    public var delay: TimeInterval { TimeInterval(delayMinutes * 60) }
    /// The scheduled start plus the delays (when it is due to start, or was).
    public var effectiveStart: Date { session.start.addingTimeInterval(delay) }
    /// The scheduled end plus the delays: when it is due to end.
    public var effectiveEnd: Date { session.end.addingTimeInterval(delay) }
    public var isDelayed: Bool { delayMinutes != 0 }
    public var isMoved: Bool { site != session.site || station != session.station }

    /// The time the station is taken: from the actual start (or the effective one, before it
    /// starts) to the actual finish (or the effective end). Nil for a cancelled session.
    public var occupied: Range<Date>? {
        switch status {
        case .cancelled: return nil
        case .scheduled: return effectiveStart..<max(effectiveStart, effectiveEnd)
        case .live:
            let from = startedAt ?? effectiveStart
            return from..<max(from, effectiveEnd)
        case .finished:
            let from = startedAt ?? effectiveStart
            return from..<max(from, finishedAt ?? effectiveEnd)
        }
    }

    /// The same without any delay: what the station's use would have been as scheduled.
    var occupiedUndelayed: Range<Date>? {
        var s = self
        s.delayMinutes = 0
        return s.occupied
    }

    /// On now at `now`: live, or still scheduled while its effective times include `now` (staff
    /// have not pressed start, but the schedule says it runs).
    public func isOn(at now: Date) -> Bool {
        switch status {
        case .live: return true
        case .scheduled: return effectiveStart <= now && now < effectiveEnd
        case .finished, .cancelled: return false
        }
    }

    /// Seconds until the effective end (0 once it is due to have ended).
    public func secondsLeft(at now: Date) -> Int { max(0, Int(effectiveEnd.timeIntervalSince(now).rounded(.up))) }
}

/// A problem with the schedule, derived from the state (never stored).
public enum ScheduleWarning: Hashable, Sendable, CustomStringConvertible, Localized {
    /// Two sessions overlap at the same site and station, as scheduled or moved.
    case doubleBooked(first: String, second: String, site: String, station: String)
    /// A delay makes `delayed` run into `next` at the same station, by `minutes`; without the
    /// delay they would not overlap.
    case delayOverrun(delayed: String, next: String, site: String, station: String, minutes: Int)

    public var sessions: [String] {
        switch self {
        case let .doubleBooked(a, b, _, _): [a, b]
        case let .delayOverrun(a, b, _, _, _): [a, b]
        }
    }

    public var description: String { said.text(.en) }

    public var said: Said {
        switch self {
        case let .doubleBooked(a, b, site, station): "\(site) \(station) is double-booked: \(a) and \(b) overlap"
        case let .delayOverrun(a, b, site, station, n): "the delay of \(a) runs \(n) min into \(b) at \(site) \(station)"
        }
    }
}

extension VenueState {
    /// Every session as it stands, in definition order.
    public var sessionStates: [SessionState] { sessionProgress.items }

    public func sessionState(_ id: String) -> SessionState? { sessionProgress[id] }

    /// Sessions on now (`SessionState.isOn`) at a site, ending first.
    public func sessionsOn(site: String, at now: Date) -> [SessionState] {
        sessionStates.filter { $0.site == site && $0.isOn(at: now) }
            .sorted { ($0.effectiveEnd, $0.effectiveStart, $0.id) < ($1.effectiveEnd, $1.effectiveStart, $1.id) }
    }

    /// The next sessions to start at a site: those still scheduled that share the earliest
    /// effective start after `now`.
    public func sessionsNext(site: String, after now: Date) -> [SessionState] {
        let later = sessionStates.filter { $0.site == site && $0.status == .scheduled && $0.effectiveStart > now }
        guard let first = later.map(\.effectiveStart).min() else { return [] }
        return later.filter { $0.effectiveStart == first }.sorted { $0.id < $1.id }
    }

    /// Double bookings and delays that run into the next session, station by station (site,
    /// station, then start order). A pair whose undelayed times overlap is double-booked; a pair
    /// that overlaps only because of a delay is a delay overrun, named after the delayed one.
    public func scheduleWarnings() -> [ScheduleWarning] {
        // Each session that takes a station, with the time it takes, grouped by station.
        var byStation: [String: [(s: SessionState, r: Range<Date>)]] = [:]
        for s in sessionProgress.items {
            guard let r = s.occupied else { continue }
            byStation[s.site + "\u{1F}" + s.station, default: []].append((s, r))
        }
        var warnings: [ScheduleWarning] = []
        for key in byStation.keys.sorted() {
            let list = byStation[key]!.sorted { ($0.r.lowerBound, $0.s.id) < ($1.r.lowerBound, $1.s.id) }
            for i in list.indices {
                let (a, ra) = list[i]
                for j in (i + 1)..<list.count {
                    let (b, rb) = list[j]
                    // Sorted by start: once one starts after a ends, none later can overlap it.
                    if rb.lowerBound >= ra.upperBound { break }
                    guard ra.overlaps(rb) else { continue }
                    if let ua = a.occupiedUndelayed, let ub = b.occupiedUndelayed, !ua.overlaps(ub), a.isDelayed || b.isDelayed {
                        // The delayed one runs into the other; both delayed: the one scheduled first.
                        let (delayed, next) = a.isDelayed != b.isDelayed ? (a.isDelayed ? (a, b) : (b, a))
                            : (ua.lowerBound <= ub.lowerBound ? (a, b) : (b, a))
                        let overlap = min(ra.upperBound, rb.upperBound).timeIntervalSince(max(ra.lowerBound, rb.lowerBound))
                        warnings.append(.delayOverrun(delayed: delayed.id, next: next.id, site: a.site, station: a.station,
                                                      minutes: Int((overlap / 60).rounded(.up))))
                    } else {
                        warnings.append(.doubleBooked(first: a.id, second: b.id, site: a.site, station: a.station))
                    }
                }
            }
        }
        return warnings
    }
}
