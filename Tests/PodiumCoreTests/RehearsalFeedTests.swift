import Foundation
import Testing
@testable import PodiumCore

/// The rehearsal feed on the demo competition, in memory: every proposal is decided with
/// `Decide.decide` and folded with `VenueState.apply`, exactly as `Venue.execute` does, with
/// no disk. Also the property that incrementally kept results always equal a recomputation
/// from scratch.
@Suite struct RehearsalFeedTests {
    /// One in-memory run of the feed.
    struct Run {
        var records: [EventRecord] = []
        /// Actor and command kind of each proposal, in order.
        var proposals: [String] = []
        var state = VenueState()
        /// The state right after the definition: a fresh venue, before anything happened.
        var base = VenueState()
        var counts = RehearsalFeed.Counts()
        /// Proposals Decide refused when executing them (the feed's own check should catch all).
        var executionRefusals: [String] = []
        /// Sheets (no reason, not a re-score) that were not one competitor's one module.
        var badSheets: [String] = []
        var finished = false
    }

    static let start = DemoCompetition.referenceStart.addingTimeInterval(2 * 86_400 + 8 * 3600)

    /// Runs the feed for up to `commands` proposals (or to the end); `observe` sees every
    /// event right after it is folded into the state.
    static func simulate(seed: UInt64, commands: Int, options: RehearsalFeed.Options = .init(), on base: VenueState = definitionState,
                         observe: (EventRecord, VenueState) -> Void = { _, _ in }) -> Run {
        var run = Run()
        run.state = base
        run.base = run.state
        var feed = RehearsalFeed(seed: seed, options: options)
        var now = start
        for _ in 0..<commands {
            now = now.addingTimeInterval(15)
            guard let (command, actor) = feed.next(state: run.state, now: now) else { run.finished = true; break }
            run.proposals.append("\(actor) \(kind(command))")
            if case let .submitMarks(skill, _, marks, reason) = command, reason == nil, let s = run.state.skills[skill] {
                let module = { (a: String) in s.modules.first { $0.aspects.contains { $0.id == a } }?.id }
                if Set(marks.map(\.competitor)).count != 1 || Set(marks.map { module($0.aspect) }).count != 1 {
                    run.badSheets.append("\(actor): \(marks)")
                }
            }
            do {
                let events = try Decide.decide(command, on: run.state, by: actor, now: now)
                for e in events {
                    let r = EventRecord(seq: run.state.lastSeq + 1, time: now, actor: actor.logName, event: e)
                    run.state.apply(r)
                    run.records.append(r)
                    observe(r, run.state)
                }
            } catch {
                run.executionRefusals.append("\(actor) \(kind(command)): \(error)")
            }
        }
        run.counts = feed.counts
        return run
    }

    static func kind(_ c: Command) -> String {
        switch c {
        case let .submitMarks(skill, round, marks, reason): return "marks \(skill)/\(round) \(marks.map { "\($0.competitor) \($0.aspect)=\($0.value)" }) \(reason ?? "")"
        case let .lockModule(s, r, m): return "lock \(s)/\(r) \(m)"
        case let .unlockModule(s, r, m, _): return "unlock \(s)/\(r) \(m)"
        case let .requestRemark(s, r, c, a, _): return "remark \(s)/\(r) \(c) \(a)"
        case let .publish(k): return "publish \(k)"
        case let .freeze(k): return "freeze \(k)"
        case let .finalize(k): return "finalize \(k)"
        case let .announce(text, _, _): return "announce \(text)"
        case let .withdrawAnnouncement(id): return "withdraw \(id)"
        default: return "other"
        }
    }

    /// The round an event belongs to, if any.
    static func roundKey(_ e: Event) -> RoundKey? {
        switch e {
        case let .markEntered(m): return RoundKey(skill: m.skill, round: m.round)
        case let .moduleLocked(m), let .moduleUnlocked(m): return m.roundKey
        case let .remarkRequested(r): return RoundKey(skill: r.skill, round: r.round)
        case let .resultsPublished(k), let .resultsFrozen(k), let .resultsFinalized(k): return k
        default: return nil
        }
    }

    /// What a board shows of a round, compared whole.
    struct Shown: Equatable {
        var status: ResultsStatus
        var entries: [StandingEntry]
        var marked: Int
        var expected: Int
        init(_ s: RoundStandings) { status = s.status; entries = s.entries; marked = s.marked; expected = s.expected }
    }

    /// A run shared by the tests that only look at its outcome.
    static let shared = simulate(seed: 2025, commands: 4000)

    // MARK: - The feed

    @Test func marksTheDemoWithoutRefusalsAndWithEverythingARealWeekHas() {
        let run = Self.shared
        #expect(run.counts.refusals == 0, "the feed proposed something Decide refused: \(run.counts.lastRefusal ?? "")")
        #expect(run.executionRefusals.isEmpty, "\(run.executionRefusals.prefix(3))")
        #expect(run.counts.notApplied == 0)
        #expect(run.counts.stuckRounds == 0)
        #expect(run.badSheets.isEmpty, "\(run.badSheets.prefix(3))")
        let c = run.counts
        #expect(c.commands == run.proposals.count)
        #expect(c.sheets > 1000)
        #expect(c.disputes > 0)
        #expect(c.remarks > 0)
        #expect(c.rescores > 0)
        #expect(c.corrections > 0)
        #expect(c.locks > 10)
        #expect(c.unlocks > 0)
        #expect(c.publications > 0)
        #expect(c.finalizations > 0)
        #expect(c.sessionStarts > 0 && c.sessionFinishes > 0 && c.sessionDelays > 0,
                "the day's sessions run by the clock: \(c.sessionStarts) started, \(c.sessionFinishes) finished, \(c.sessionDelays) delayed")
        #expect(c.announcements > 0)

        // What the log says matches: marks by the skill's judges, judgement scores never by a
        // compatriot, corrections with a reason, re-mark requests answered by re-scores.
        var remarks = 0, reasons = 0
        for r in run.records {
            switch r.event {
            case let .markEntered(m):
                let judge = run.state.judges[m.judge]!
                #expect(judge.skills.contains(m.skill))
                #expect(r.actor == "judge:\(m.judge)" || r.actor == "chief:\(m.judge)")
                if case .judgement = m.value {
                    #expect(judge.delegation != run.state.competitors[m.competitor]!.delegation)
                }
                if m.reason != nil { reasons += 1 }
            case .remarkRequested: remarks += 1
            case let .announcementPosted(a):
                #expect(a.text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "announcements are in Chinese")
            default: break
            }
        }
        #expect(remarks == c.remarks)
        #expect(reasons >= c.corrections)

        // Rounds progress in schedule order: the first rounds published are early ones.
        let published = run.records.compactMap { r -> RoundKey? in if case let .resultsPublished(k) = r.event { return k }; return nil }
        #expect(!published.isEmpty)
        let firstSession = run.state.sessions.items.first { $0.skill == published[0].skill && $0.round == published[0].round }!
        #expect(firstSession.start < Self.start.addingTimeInterval(3 * 86_400))
    }

    @Test func aLaterRoundStartsOnlyOnceTheOneBeforeIsPublished() {
        let run = Self.shared
        var published = Set<RoundKey>()
        for r in run.records {
            if case let .resultsPublished(k) = r.event { published.insert(k) }
            if case let .markEntered(m) = r.event {
                let skill = run.state.skills[m.skill]!
                let i = skill.rounds.firstIndex { $0.id == m.round }!
                if i > 0 { #expect(published.contains(RoundKey(skill: m.skill, round: skill.rounds[i - 1].id)), "\(m.skill)/\(m.round) marked early") }
            }
        }
    }

    @Test func theSameSeedGivesTheSameEvents() {
        let a = Self.simulate(seed: 7, commands: 1500)
        let b = Self.simulate(seed: 7, commands: 1500)
        #expect(a.records.count > 1500)
        #expect(a.records == b.records)
        #expect(a.proposals == b.proposals)
        #expect(a.counts == b.counts)
        let c = Self.simulate(seed: 8, commands: 300)
        #expect(Array(a.records.prefix(c.records.count)) != c.records)
    }

    @Test func runsTheWholeCompetitionToTheEnd() {
        var options = RehearsalFeed.Options()
        options.concurrentRounds = 12
        options.announcementRate = 0.002
        let run = Self.simulate(seed: 99, commands: 20_000, options: options)
        #expect(run.finished)
        #expect(run.counts.refusals == 0, "\(run.counts.lastRefusal ?? "")")
        #expect(run.executionRefusals.isEmpty, "\(run.executionRefusals.prefix(3))")
        for key in run.state.roundKeys where run.state.skills[key.skill]!.kind == .official {
            #expect(run.state.status(key) == .final, "\(key)")
            #expect(!run.state.standings(key).entries.contains { $0.provisional })
        }
        let (tables, awards) = run.state.medalTables()
        #expect(tables.gold.reduce(0) { $0 + $1.gold } >= 24)
        #expect(!awards.gold.isEmpty)
        // Later rounds ran with those who advanced: the welding final has 8 of 32.
        #expect(run.state.entrants(RoundKey(skill: "S05", round: "final")).count == 8)
    }

    @Test func picksUpAPartlyMarkedVenueWhereItStands() {
        // A feed stopped half-way and a new one (another seed) started on the same state: the
        // new one finishes the work, refusing nothing.
        var options = RehearsalFeed.Options()
        options.concurrentRounds = 30
        options.announcementRate = 0
        let first = Self.simulate(seed: 5, commands: 700, options: options)
        var state = first.state
        var feed = RehearsalFeed(seed: 6, options: options)
        var now = Self.start.addingTimeInterval(86_400)
        var steps = 0
        while let (command, actor) = feed.next(state: state, now: now), steps < 20_000 {
            steps += 1
            now = now.addingTimeInterval(15)
            let events = try! Decide.decide(command, on: state, by: actor, now: now)
            for e in events { state.apply(EventRecord(seq: state.lastSeq + 1, time: now, actor: actor.logName, event: e)) }
        }
        #expect(feed.isFinished)
        #expect(feed.counts.refusals == 0, "\(feed.counts.lastRefusal ?? "")")
        #expect(feed.counts.notApplied == 0)
        for key in state.roundKeys where state.skills[key.skill]!.kind == .official {
            #expect(state.status(key) == .final, "\(key)")
        }
    }

    // MARK: - Incremental results equal results from scratch

    /// The demo as defined (raw totals, no tie-break, on-publish), and the same with the other
    /// results settings (scale700, module tie-break, live policy with freezes).
    static let variants: [String: CompetitionDefinition] = {
        var other = DemoCompetition.definition()
        other.competition.standardisation = .scale700
        other.competition.excellence = .threshold(Fixed2(700))
        other.competition.tieBreak = .modules
        other.competition.resultsPolicy = .live
        return ["demo": DemoCompetition.definition(), "scale700-modules-live": other]
    }()

    /// A whole competition, simulated: after every event, the touched round's standings in the
    /// incrementally kept state equal those of a fresh state that replayed the events from
    /// scratch; every 500 events and at the end, every round and the medal tables are compared
    /// with a fresh replay of the whole log.
    ///
    /// The per-event replay starts from a fresh venue holding just the definition and replays
    /// every event so far of the touched skill (a round's results depend only on its skill's
    /// events; the whole-log replays check exactly that). Its cost grows with the square of a
    /// skill's events, so the feed rehearses four of the demo's skills from the first mark to
    /// the last finalization, one of them with a selection round and a final for those who
    /// advanced, with more disputes, corrections and reopened modules than usual.
    @Test(arguments: ["demo", "scale700-modules-live"])
    func incrementalResultsEqualAReplayFromScratchAfterEveryEvent(variant: String) {
        let definition = Self.definitionRecords(Self.variants[variant]!)
        let base = VenueState(replaying: definition)
        let definitionCount = definition.count
        var bySkill: [String: [EventRecord]] = [:]
        var all: [EventRecord] = []
        var checked = 0, fullChecks = 0
        var mismatches: [String] = []
        var options = RehearsalFeed.Options()
        options.skills = ["S02", "S12", "S14", "S20"]
        options.concurrentRounds = 3
        options.disputeRate = 0.15
        options.correctionRate = 0.08
        options.reopenRate = 0.3
        options.finalizeDelay = 20
        let run = Self.simulate(seed: 11, commands: 5000, options: options, on: base) { record, incremental in
            all.append(record)
            guard let key = Self.roundKey(record.event) else { return }
            bySkill[key.skill, default: []].append(record)
            var fresh = base
            for (i, r) in bySkill[key.skill]!.enumerated() {
                fresh.apply(EventRecord(seq: UInt64(definitionCount + i + 1), time: r.time, actor: r.actor, event: r.event))
            }
            checked += 1
            if Shown(incremental.standings(key)) != Shown(fresh.standings(key)) {
                mismatches.append("after seq \(record.seq): \(key) differs")
            }
            if all.count % 500 == 0 {
                fullChecks += 1
                mismatches += Self.differences(incremental, VenueState(replaying: definition + all), at: record.seq)
            }
        }
        mismatches += Self.differences(run.state, VenueState(replaying: definition + all), at: run.state.lastSeq)
        #expect(run.finished)
        #expect(run.counts.refusals == 0, "\(run.counts.lastRefusal ?? "")")
        #expect(run.executionRefusals.isEmpty)
        #expect(checked > 900)
        #expect(fullChecks >= 2)
        let c = run.counts
        #expect(c.disputes > 0 && c.rescores > 0 && c.corrections > 0 && c.unlocks > 0 && c.publications >= 5 && c.finalizations >= 5)
        if variant != "demo" { #expect(c.freezes > 0) }
        for key in [RoundKey(skill: "S20", round: "selection"), RoundKey(skill: "S20", round: "final")] {
            #expect(run.state.status(key) == .final)
        }
        #expect(run.state.entrants(RoundKey(skill: "S20", round: "final")).count == 8)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func replayingTheSameEventsGivesTheSameResults() {
        let run = Self.shared
        let log = Self.demoRecords + run.records
        let a = VenueState(replaying: log)
        let b = VenueState(replaying: log)
        #expect(Self.differences(a, b, at: a.lastSeq).isEmpty)
        #expect(Self.differences(run.state, a, at: a.lastSeq).isEmpty)
        #expect(a.medalTables().tables == run.state.medalTables().tables)
    }

    // MARK: - Helpers

    /// A definition as the log's first records.
    static func definitionRecords(_ d: CompetitionDefinition) -> [EventRecord] {
        let events = try! Decide.decide(.defineCompetition(d), on: VenueState(), by: Actor(.system, "init"), now: start)
        return events.enumerated().map { EventRecord(seq: UInt64($0.offset + 1), time: start, actor: "system:init", event: $0.element) }
    }

    static let demoRecords = definitionRecords(DemoCompetition.definition())

    /// A fresh venue holding the demo competition and nothing else.
    static let definitionState = VenueState(replaying: demoRecords)

    static func differences(_ a: VenueState, _ b: VenueState, at seq: UInt64) -> [String] {
        var out: [String] = []
        for k in a.roundKeys where Shown(a.standings(k)) != Shown(b.standings(k)) { out.append("after seq \(seq): \(k) differs") }
        if a.medalTables().tables != b.medalTables().tables { out.append("after seq \(seq): the medal tables differ") }
        if a.medalTables().awards != b.medalTables().awards { out.append("after seq \(seq): the team awards differ") }
        return out
    }
}

extension RehearsalFeedTests {
    @Test("sessions by the clock: started at their effective start on a free station, finished at their effective end, delays before the start or near the end")
    func sessionsByTheClock() {
        let run = Self.shared
        var state = run.base
        var started: [String: Date] = [:]
        for r in run.records {
            switch r.event {
            case let .sessionStarted(id):
                let s = state.sessionState(id)!
                #expect(r.time >= s.effectiveStart && r.time < s.effectiveEnd, "\(id) started at \(r.time), due \(s.effectiveStart)")
                #expect(!state.sessionStates.contains { $0.status == .live && $0.site == s.site && $0.station == s.station })
                started[id] = r.time
            case let .sessionFinished(id):
                #expect(r.time >= state.sessionState(id)!.effectiveEnd, "\(id) finished before its end")
                #expect(started[id] != nil)
            case let .sessionDelayed(d):
                let s = state.sessionState(d.session)!
                #expect(s.status == .scheduled ? s.effectiveStart > r.time : s.effectiveEnd > r.time)
            default: break
            }
            state.apply(r)
        }
        #expect(!started.isEmpty)
    }
}
