import Foundation

/// An announcement as posted: with when and by whom.
public struct PostedAnnouncement: Hashable, Sendable, Identifiable {
    public var announcement: Announcement
    public var posted: Date
    public var seq: UInt64
    public var id: String { announcement.id }

    /// Shown at `now`: not withdrawn (withdrawn ones leave the state) and not expired.
    public func isActive(at now: Date) -> Bool { announcement.until.map { now < $0 } ?? true }
}

/// Everything a venue knows, as a pure fold of its log: `apply(_:)` is the only way it changes,
/// so any screen can be rebuilt from the log and tests replay logs.
public struct VenueState: Sendable {
    public private(set) var lastSeq: UInt64 = 0
    public private(set) var lastTime: Date?
    public private(set) var competition: CompetitionInfo?
    public private(set) var sites = IndexedList<Site>()
    public private(set) var delegations = IndexedList<Delegation>()
    public private(set) var skills = IndexedList<Skill>()
    public private(set) var competitors = IndexedList<Competitor>()
    public private(set) var judges = IndexedList<Judge>()
    public private(set) var sessions = IndexedList<Session>()
    public private(set) var announcements = IndexedList<PostedAnnouncement>()
    /// Announcements ever posted: numbers the next one ("A1", "A2", ...).
    public private(set) var announcementsPosted = 0
    /// Competitors of each skill, in registration order.
    public private(set) var competitorsBySkill: [String: [String]] = [:]
    /// Marks, locks and publication of each skill's rounds, with ids interned to indices
    /// (`MarksBook.swift`); `rounds` shows it by id.
    private(set) var book = MarksBook()
    /// Standings already derived from this very state (see `StandingsMemo`).
    private(set) var memo = StandingsMemo()
    /// Marks, locks and publication of each skill's rounds.
    public var rounds: RoundsView { RoundsView(book: book) }
    /// Logins of each account (wrong PINs, lock-outs), folded from the log.
    public private(set) var accounts: [String: AccountActivity] = [:]
    /// Each session as it stands on the day (status, delays, place): see `sessionStates`.
    public private(set) var sessionProgress = IndexedList<SessionState>()
    /// The closing ceremony's time and the countdown's pause.
    public private(set) var clock = ClockState()
    /// The ceremony reveal.
    public private(set) var ceremony = CeremonyState()
    /// Public keys registered for signed checkpoints, by fingerprint.
    public private(set) var signingKeys: [String: RegisteredKey] = [:]
    /// The last checkpoint signed into the log.
    public private(set) var lastCheckpoint: Checkpoint?

    public init() {}

    /// Folds a sequence of records (a replay).
    public init<S: Sequence>(replaying records: S) where S.Element == EventRecord {
        for r in records { apply(r) }
    }

    public mutating func apply(_ record: EventRecord) {
        precondition(record.seq == lastSeq + 1, "records must be applied in order without gaps (got \(record.seq) after \(lastSeq))")
        forgetStandings()
        lastSeq = record.seq
        lastTime = record.time
        switch record.event {
        case let .competitionDefined(c): competition = c
        case let .siteDefined(s): sites.upsert(s)
        case let .delegationDefined(d): delegations.upsert(d)
        case let .skillDefined(s):
            skills.upsert(s)
            book.define(s)
        case let .competitorRegistered(c):
            let first = !competitors.contains(c.id)
            if first { competitorsBySkill[c.skill, default: []].append(c.id) }
            book.register(competitor: c.id, skill: c.skill, delegation: c.delegation, first: first)
            competitors.upsert(c)
        case let .judgeRegistered(j):
            judges.upsert(j)
            book.register(judge: j.id)
        case let .sessionScheduled(s):
            sessions.upsert(s)
            var progress = sessionProgress[s.id] ?? SessionState(s)
            progress.session = s
            sessionProgress.upsert(progress)
        case let .announcementPosted(a):
            announcementsPosted += 1
            announcements.upsert(PostedAnnouncement(announcement: a, posted: record.time, seq: record.seq))
        case let .announcementWithdrawn(id): announcements.remove(id)
        case let .markEntered(m): book.apply(m)
        case let .moduleLocked(m): book.update(m.roundKey) { $0.lockedModules.insert(m.module) }
        case let .moduleUnlocked(m):
            // Reopening marks takes the round back to marking: the public board shows progress
            // again until it is published anew.
            book.update(m.roundKey) {
                $0.lockedModules.remove(m.module)
                $0.published = false
                $0.frozenAt = nil
                $0.frozenStandings = nil
            }
        case let .remarkRequested(r):
            book.update(RoundKey(skill: r.skill, round: r.round)) { $0.remarkRequests[r.competitor, default: []].insert(r.aspect) }
        case let .resultsPublished(k): book.update(k) { $0.published = true }
        case let .resultsFrozen(k):
            let snapshot = standings(k).entries
            book.update(k) {
                $0.frozenAt = record.seq
                $0.frozenStandings = snapshot
            }
        case let .resultsFinalized(k): book.update(k) { $0.finalized = true }
        case let .loginFailed(l), let .loginSucceeded(l), let .pinSet(l):
            accounts[l.account, default: AccountActivity()].apply(record.event, time: record.time)
        case let .accountLockedOut(l):
            accounts[l.account, default: AccountActivity()].apply(record.event, time: record.time)
        case let .sessionStarted(id):
            sessionProgress.update(id) { $0.status = .live; $0.startedAt = record.time }
        case let .sessionFinished(id):
            sessionProgress.update(id) { $0.status = .finished; $0.finishedAt = record.time }
        case let .sessionDelayed(d): sessionProgress.update(d.session) { $0.delayMinutes += d.minutes }
        case let .sessionMoved(m): sessionProgress.update(m.session) { $0.site = m.site; $0.station = m.station }
        case let .sessionCancelled(c): sessionProgress.update(c.session) { $0.status = .cancelled; $0.cancelReason = c.reason }
        case let .closingSet(d): clock.closingSet = d
        case .countdownPaused: clock.pausedAt = record.time
        case .countdownResumed: clock.pausedAt = nil
        case .ceremonyStarted: ceremony.start(Ceremony.plan(self), seq: record.seq)
        case let .ceremonyStepped(step): ceremony.go(to: step)
        case .ceremonyEnded: ceremony.running = false
        case let .keyRegistered(k): signingKeys[k.id] = k
        case let .checkpointSigned(cp): lastCheckpoint = cp
        }
        forgetStandings()  // anything derived halfway through (the freeze's snapshot) goes too
    }

    /// Folds a record as the log holds it. A mark whose ids are all known is folded straight
    /// from its body's bytes (one mark touches one competitor of one round, by index); anything
    /// else is decoded in full first. Throws what `EventRecord(_:)` throws for a bad body.
    /// Returns the decoded record, or nil when a mark was folded from its bytes (so a caller
    /// that keeps more than the state, like the board's news, sees every record but marks).
    @discardableResult
    public mutating func apply(raw: RawRecord) throws -> EventRecord? {
        if raw.type == Event.markEnteredTag, raw.seq == lastSeq + 1, book.applyMarkBody(raw.body) {
            forgetStandings()
            lastSeq = raw.seq
            lastTime = Date(timeIntervalSince1970: Double(raw.timeMicros) / 1_000_000)
            return nil
        }
        let record = try EventRecord(raw)
        apply(record)
        return record
    }

    /// Every change drops the derived standings: this state's own memo is emptied in place; one
    /// shared with a copy (which still holds the content it was filled from) is left to the copy.
    private mutating func forgetStandings() {
        if isKnownUniquelyReferenced(&memo) { memo.removeAllUnshared() } else { memo = StandingsMemo() }
    }

    /// The venue's time zone (UTC if the definition's is unknown to this machine).
    public var timeZone: TimeZone {
        competition.flatMap { TimeZone(identifier: $0.timezone) } ?? TimeZone(identifier: "UTC")!
    }
}
