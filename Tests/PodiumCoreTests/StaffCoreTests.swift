import Foundation
import Testing
@testable import PodiumCore

/// 2025-06-20 at `hh:mm` in Shanghai (+08:00).
func june20(_ hh: Int, _ mm: Int = 0) -> Date {
    Date(timeIntervalSince1970: 1_750_348_800 + Double(hh * 3600 + mm * 60)) // 2025-06-20T00:00:00+08:00
}

/// The marking competition with a second site and a day of sessions:
/// S01-final at main 1号馆 08:30-11:30, S02-pre at main 2号馆 08:30-11:30,
/// S02-final at main 2号馆 13:00-16:00.
func staffDefinition(policy: ResultsPolicy = .onPublish) -> CompetitionDefinition {
    var d = markingDefinition(policy: policy)
    d.sites.append(Site(id: "expo", name: LocalizedText(zh: "世博分赛区", en: "Expo")))
    d.sessions = [
        Session(id: "S01-final", skill: "S01", round: "final", site: "main", station: "1号馆", start: june20(8, 30), end: june20(11, 30)),
        Session(id: "S02-pre", skill: "S02", round: "pre", site: "main", station: "2号馆", start: june20(8, 30), end: june20(11, 30)),
        Session(id: "S02-final", skill: "S02", round: "final", site: "main", station: "2号馆", start: june20(13), end: june20(16)),
    ]
    return d
}

extension Bench {
    /// S01 fully marked (C1 90, C2 60, C3 30) and signed off.
    mutating func markS01() throws(CommandError) {
        try complete("C1", m: 3000, j: [3, 3, 3])
        try complete("C2", m: 2000, j: [2, 2, 2])
        try complete("C3", m: 1000, j: [1, 1, 1])
        try run(.lockModule(skill: "S01", round: "final", module: "A"), chief)
    }
}

@Suite("Staff core: sessions on the day")
struct SessionRuleTests {
    @Test("start, finish: live then finished, with the times; finish before start, start twice, start after finish refused")
    func startFinish() throws {
        var b = Bench(staffDefinition())
        b.now = june20(8, 35)
        #expect(b.state.sessionState("S01-final")?.status == .scheduled)
        refused(.conflict, containing: "has not started; start it before finishing it") { try b.run(.finishSession("S01-final"), staff) }
        try b.run(.startSession("S01-final"), staff)
        let live = try #require(b.state.sessionState("S01-final"))
        #expect(live.status == .live)
        #expect(live.startedAt == june20(8, 35))
        refused(.conflict, containing: "already live (started at 2025-06-20T08:35:00+08:00)") { try b.run(.startSession("S01-final"), staff) }
        b.now = june20(11, 20)
        try b.run(.finishSession("S01-final"), staff)
        #expect(b.state.sessionState("S01-final")?.status == .finished)
        #expect(b.state.sessionState("S01-final")?.finishedAt == june20(11, 20))
        refused(.conflict, containing: "finished at 2025-06-20T11:20:00+08:00; it cannot be started") { try b.run(.startSession("S01-final"), staff) }
        refused(.conflict, containing: "cannot be finished again") { try b.run(.finishSession("S01-final"), staff) }
        refused(.notFound, containing: "no session \"S09\"") { try b.run(.startSession("S09"), staff) }
    }

    @Test("a station holds one live session: starting S02-final while S02-pre runs at 2号馆 is refused")
    func stationBusy() throws {
        var b = Bench(staffDefinition())
        b.now = june20(8, 30)
        try b.run(.startSession("S02-pre"), staff)
        refused(.conflict, containing: "main 2号馆 is taken: session S02-pre is live there") { try b.run(.startSession("S02-final"), staff) }
        try b.run(.finishSession("S02-pre"), staff)
        try b.run(.startSession("S02-final"), staff) // early, but the station is free
        #expect(b.state.sessionState("S02-final")?.status == .live)
    }

    @Test("delay: 20 min moves a scheduled session's start and end; 15 more once live moves its end; finished, 0 and 721 refused")
    func delay() throws {
        var b = Bench(staffDefinition())
        b.now = june20(8, 0)
        try b.run(.delaySession("S01-final", minutes: 20), staff)
        var s = try #require(b.state.sessionState("S01-final"))
        #expect(s.effectiveStart == june20(8, 50))
        #expect(s.effectiveEnd == june20(11, 50))
        #expect(s.session.start == june20(8, 30), "the definition's time is kept")
        #expect(!s.isOn(at: june20(8, 40)), "not yet due at 08:40 after the delay")
        #expect(s.isOn(at: june20(8, 50)), "due (scheduled, not started) from 08:50")
        try b.run(.startSession("S01-final"), staff)
        try b.run(.delaySession("S01-final", minutes: 15), staff)
        s = try #require(b.state.sessionState("S01-final"))
        #expect(s.delayMinutes == 35)
        #expect(s.effectiveEnd == june20(12, 5))
        #expect(s.secondsLeft(at: june20(12, 0)) == 300)
        refused(.invalid, containing: "1 to 720 minutes, not 0") { try b.run(.delaySession("S01-final", minutes: 0), staff) }
        refused(.invalid, containing: "not 721") { try b.run(.delaySession("S01-final", minutes: 721), staff) }
        try b.run(.finishSession("S01-final"), staff)
        refused(.conflict, containing: "it cannot be delayed") { try b.run(.delaySession("S01-final", minutes: 10), staff) }
    }

    @Test("move: to another station or site; the same station, an unknown site, no target, and a cancelled session refused")
    func move() throws {
        var b = Bench(staffDefinition())
        refused(.conflict, containing: "already at main 1号馆") { try b.run(.moveSession("S01-final", site: nil, station: "1号馆"), staff) }
        refused(.conflict, containing: "already at main 1号馆") { try b.run(.moveSession("S01-final", site: "main", station: nil), staff) }
        refused(.notFound, containing: "no site \"mars\" (sites: main, expo)") { try b.run(.moveSession("S01-final", site: "mars", station: nil), staff) }
        refused(.invalid, containing: "give the station or the site") { try b.run(.moveSession("S01-final", site: nil, station: nil), staff) }
        refused(.invalid, containing: "control character") { try b.run(.moveSession("S01-final", site: nil, station: "3号\u{1B}馆"), staff) }
        try b.run(.moveSession("S01-final", site: "expo", station: "A厅"), staff)
        let s = try #require(b.state.sessionState("S01-final"))
        #expect((s.site, s.station) == ("expo", "A厅"))
        #expect(s.session.site == "main" && s.isMoved)
        #expect(b.state.sessionsOn(site: "expo", at: june20(9)).map(\.id) == ["S01-final"])
        #expect(b.state.sessionsOn(site: "main", at: june20(9)).map(\.id) == ["S02-pre"])
        try b.run(.cancelSession("S02-final", reason: "设备故障"), staff)
        refused(.conflict, containing: "was cancelled (设备故障); it cannot be moved") {
            try b.run(.moveSession("S02-final", site: nil, station: "3号馆"), staff)
        }
    }

    @Test("cancel: needs a reason; a cancelled session cannot start or be cancelled again; a finished one cannot be cancelled")
    func cancel() throws {
        var b = Bench(staffDefinition())
        refused(.invalid, containing: "reason is empty") { try b.run(.cancelSession("S02-final", reason: "  "), staff) }
        try b.run(.cancelSession("S02-final", reason: "台风停赛"), staff)
        let s = try #require(b.state.sessionState("S02-final"))
        #expect(s.status == .cancelled && s.cancelReason == "台风停赛")
        #expect(s.occupied == nil && !s.isOn(at: june20(14)))
        #expect(b.state.sessionsNext(site: "main", after: june20(12)).isEmpty, "a cancelled session is not next")
        refused(.conflict, containing: "already cancelled (台风停赛)") { try b.run(.cancelSession("S02-final", reason: "again"), staff) }
        refused(.conflict, containing: "was cancelled (台风停赛); it cannot be started") { try b.run(.startSession("S02-final"), staff) }
        b.now = june20(8, 30)
        try b.run(.startSession("S01-final"), staff)
        try b.run(.finishSession("S01-final"), staff)
        refused(.conflict, containing: "it cannot be cancelled") { try b.run(.cancelSession("S01-final", reason: "late"), staff) }
    }

    @Test("only staff and admin change the schedule; judges and spectators are refused and nothing is decided")
    func access() throws {
        var b = Bench(staffDefinition())
        for actor in [Actor(.judge, "J1"), chief, Actor(.spectator, "x")] {
            refused(.forbidden, containing: "may not change the schedule (staff only)") { try b.run(.delaySession("S01-final", minutes: 5), actor) }
            refused(.forbidden, containing: "closing ceremony's clock (staff only)") { try b.run(.pauseCountdown, actor) }
            refused(.forbidden, containing: "ceremony reveal (staff only)") { try b.run(.startCeremony, actor) }
        }
        let seq = b.state.lastSeq
        try b.run(.delaySession("S01-final", minutes: 5), Actor(.admin, "root"))
        #expect(b.state.lastSeq == seq + 1)
    }

    @Test("warnings: a delay of S02-pre by 120 min runs 30 min into S02-final; moving S01-final to 2号馆 double-books it")
    func warnings() throws {
        var b = Bench(staffDefinition())
        #expect(b.state.scheduleWarnings().isEmpty)
        try b.run(.delaySession("S02-pre", minutes: 60), staff)
        #expect(b.state.scheduleWarnings().isEmpty, "11:30 + 60 min = 12:30 is before 13:00")
        try b.run(.delaySession("S02-pre", minutes: 60), staff)
        #expect(b.state.scheduleWarnings() == [.delayOverrun(delayed: "S02-pre", next: "S02-final", site: "main", station: "2号馆", minutes: 30)])
        try b.run(.moveSession("S01-final", site: nil, station: "2号馆"), staff)
        let w = b.state.scheduleWarnings()
        #expect(w.contains(.doubleBooked(first: "S01-final", second: "S02-pre", site: "main", station: "2号馆")))
        #expect(w.count == 2)
        // Finishing S02-pre early frees the station: its occupation ends at the finish.
        b.now = june20(10, 30)
        try b.run(.startSession("S02-pre"), staff)
        b.now = june20(10, 45)
        try b.run(.finishSession("S02-pre"), staff)
        #expect(b.state.scheduleWarnings() == [.doubleBooked(first: "S01-final", second: "S02-pre", site: "main", station: "2号馆")],
                "S02-pre took 2号馆 from 10:30 to 10:45 only: no longer into S02-final, still over S01-final")
        // Cancelling S01-final leaves nothing to warn about.
        try b.run(.cancelSession("S01-final", reason: "合并场次"), staff)
        #expect(b.state.scheduleWarnings().isEmpty)
    }

    @Test("the board's now and next: scheduled sessions count by their effective times, a live one until it finishes")
    func onNowAndNext() throws {
        var b = Bench(staffDefinition())
        b.now = june20(8, 0)
        #expect(b.state.sessionsNext(site: "main", after: b.now).map(\.id) == ["S01-final", "S02-pre"])
        try b.run(.delaySession("S02-pre", minutes: 10), staff)
        #expect(b.state.sessionsNext(site: "main", after: b.now).map(\.id) == ["S01-final"])
        b.now = june20(11, 35)
        #expect(b.state.sessionsOn(site: "main", at: b.now).map(\.id) == ["S02-pre"], "S01-final is past its end; S02-pre runs to 11:40")
        try b.run(.startSession("S01-final"), staff)
        #expect(b.state.sessionsOn(site: "main", at: june20(12)).map(\.id) == ["S01-final"], "live until finished, even past its end")
        #expect(b.state.sessionState("S01-final")?.secondsLeft(at: june20(12)) == 0)
    }
}

@Suite("Staff core: the closing clock")
struct ClockRuleTests {
    @Test("set moves the closing; the past and the same time are refused")
    func set() throws {
        var b = Bench(staffDefinition())
        let closing = try #require(b.state.closing)
        #expect(closing == Date(timeIntervalSince1970: 1_750_748_400))
        let later = closing.addingTimeInterval(1800)
        try b.run(.setClosing(later), staff)
        #expect(b.state.closing == later)
        #expect(b.state.competition?.closing == closing, "the definition keeps its time")
        refused(.conflict, containing: "already at 2025-06-24T15:30:00+08:00") { try b.run(.setClosing(later), staff) }
        refused(.invalid, containing: "2025-06-20T14:00:00+08:00, which is not in the future") {
            try b.run(.setClosing(june20(14)), staff)
        }
    }

    @Test("pause freezes the countdown at the pause; while paused the closing moment does not come; resume; refusals")
    func pause() throws {
        var b = Bench(staffDefinition())
        let closing = try #require(b.state.closing)
        b.now = closing.addingTimeInterval(-600)
        refused(.conflict, containing: "not paused") { try b.run(.resumeCountdown, staff) }
        try b.run(.pauseCountdown, staff)
        #expect(b.state.clock.paused)
        let later = closing.addingTimeInterval(300)
        #expect(b.state.countdownFrom(later) == closing.addingTimeInterval(-600), "frozen at ten minutes to go")
        #expect(!b.state.isClosingTime(at: later))
        refused(.conflict, containing: "already paused (since 2025-06-24T14:50:00+08:00)") { try b.run(.pauseCountdown, staff) }
        b.now = later
        try b.run(.resumeCountdown, staff)
        #expect(b.state.countdownFrom(later) == later)
        #expect(b.state.isClosingTime(at: later))
        refused(.conflict, containing: "the closing moment has come") { try b.run(.pauseCountdown, staff) }
    }
}

@Suite("Staff core: the ceremony reveal")
struct CeremonyRuleTests {
    func published() throws -> Bench {
        var b = Bench(staffDefinition())
        try b.markS01()
        try b.run(.publish(s01), staff)
        return b
    }

    @Test("the steps: opening, S01 bronze, silver, gold, the three tables, team bronze, silver, gold")
    func plan() throws {
        var b = Bench(staffDefinition())
        try b.markS01()
        refused(.conflict, containing: "nothing to reveal: no official skill's final round is published or final yet") {
            try b.run(.startCeremony, staff)
        }
        try b.run(.publish(s01), staff)
        let steps = Ceremony.plan(b.state)
        guard steps.count == 10 else { Issue.record("\(steps)"); return }
        #expect(steps[0] == .opening(skills: 1))
        let medals = steps[1...3].map { s -> (Medal, [String]) in
            guard case let .medal(k, m, e) = s, k == s01 else { return (.excellence, []) }
            return (m, e.map(\.competitor))
        }
        #expect(medals.map(\.0) == [.bronze, .silver, .gold])
        #expect(medals.map(\.1) == [["C3"], ["C2"], ["C1"]])
        guard case let .table(t1, rows) = steps[4], case let .table(t2, _) = steps[5], case let .table(t3, points) = steps[6] else {
            Issue.record("tables expected: \(steps[4...6])"); return
        }
        #expect([t1, t2, t3] == [.gold, .count, .points])
        #expect(rows.map(\.delegation) == ["JD", "PD", "YP"])
        #expect(points.first?.points == 4)
        #expect(steps[7...] == [.teamAward(.bronze, ["YP"]), .teamAward(.silver, ["PD"]), .teamAward(.gold, ["JD"])])
    }

    @Test("forward and back: back at the opening and next past the end refused; end; stepping when not running refused")
    func stepping() throws {
        var b = try published()
        refused(.conflict, containing: "no ceremony reveal is running; start one before stepping forward") { try b.run(.ceremonyNext, staff) }
        refused(.conflict, containing: "start one before ending it") { try b.run(.endCeremony, staff) }
        try b.run(.startCeremony, staff)
        #expect(b.state.ceremony.step == .opening(skills: 1))
        guard case .medal(_, .bronze, _) = b.state.ceremony.nextStep else { Issue.record("preview: bronze next"); return }
        refused(.conflict, containing: "at its opening step; there is nothing before it") { try b.run(.ceremonyBack, staff) }
        refused(.conflict, containing: "already running (step 1 of 10)") { try b.run(.startCeremony, staff) }
        for _ in 0..<9 { try b.run(.ceremonyNext, staff) }
        #expect(b.state.ceremony.step == .teamAward(.gold, ["JD"]))
        #expect(b.state.ceremony.nextStep == nil)
        refused(.conflict, containing: "last step (10 of 10); end it instead") { try b.run(.ceremonyNext, staff) }
        try b.run(.ceremonyBack, staff)
        #expect(b.state.ceremony.step == .teamAward(.silver, ["PD"]))
        try b.run(.endCeremony, staff)
        #expect(b.state.ceremony.step == nil && !b.state.ceremony.running)
        refused(.conflict, containing: "start one before stepping back") { try b.run(.ceremonyBack, staff) }
    }

    @Test("a board that joins in the middle shows the presenter's step: replaying the log gives the same ceremony")
    func joinInTheMiddle() throws {
        let dir = TempDir()
        let path = dir.file("v")
        let v = try Venue.create(directory: path, definition: staffDefinition())
        var marked = Bench(staffDefinition())
        try marked.markS01()
        try enterMarks(of: marked, into: v)
        try v.execute(.lockModule(skill: "S01", round: "final", module: "A"), as: chief)
        try v.execute(.publish(s01), as: staff)
        try v.execute(.startCeremony, as: staff)
        try v.execute(.ceremonyNext, as: staff)
        try v.execute(.ceremonyNext, as: staff)
        let records = try LogReader(path: Venue.logPath(path)).records().map { try EventRecord($0) }
        let late = VenueState(replaying: records)
        guard case let .medal(k, .silver, e) = late.ceremony.step else { Issue.record("silver expected, got \(String(describing: late.ceremony.step))"); return }
        #expect(k == s01 && e.map(\.competitor) == ["C2"])
        #expect(late.ceremony == v.state.ceremony)
        // And a board that was there all along, folding record by record, agrees.
        var follower = VenueState()
        for r in records { follower.apply(r) }
        #expect(follower.ceremony.current == 2)
    }

    @Test("at-ceremony: the reveal shows final results only, and makes each skill public at its gold step; the closing time does not reveal what the presenter has not")
    func atCeremony() throws {
        var b = Bench(staffDefinition(policy: .atCeremony))
        try b.markS01()
        try b.run(.publish(s01), staff)
        refused(.conflict, containing: "no official skill's final round is final yet") { try b.run(.startCeremony, staff) }
        try b.run(.finalize(s01), staff)
        let closing = try #require(b.state.closing)
        #expect(b.state.publicStandings(s01, now: b.now) == nil, "final but before the closing: hidden")
        try b.run(.startCeremony, staff)
        try b.run(.ceremonyNext, staff) // bronze
        try b.run(.ceremonyNext, staff) // silver
        #expect(b.state.publicStandings(s01, now: closing.addingTimeInterval(60)) == nil,
                "past the closing time, but the presenter has not shown the gold: still hidden")
        try b.run(.ceremonyNext, staff) // gold
        #expect(b.state.ceremony.revealed == [s01])
        #expect(b.state.publicStandings(s01, now: b.now)?.entries.first?.competitor == "C1", "revealed: public before the closing time")
        try b.run(.ceremonyBack, staff)
        #expect(b.state.publicStandings(s01, now: b.now) != nil, "stepping back does not hide what the hall has seen")
    }
}

/// Enters a bench's marks of S01 into a real venue, judge by judge, as their consoles would.
func enterMarks(of b: Bench, into v: Venue) throws {
    for r in b.state.rounds[s01]!.sheets.sorted(by: { $0.key < $1.key }) {
        for (aspect, m) in r.value.measurements {
            try v.execute(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: r.key, aspect: aspect, value: .measurement(m))], reason: nil),
                          as: Actor(.judge, "J1"))
        }
        for (aspect, scores) in r.value.judgements {
            for (judge, score) in scores.sorted(by: { $0.key < $1.key }) {
                try v.execute(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: r.key, aspect: aspect, value: .judgement(score))], reason: nil),
                              as: Actor(judge == "K1" ? .chief : .judge, judge))
            }
        }
    }
}

@Suite("Staff core: the ceremony's Medallions for Excellence step")
struct CeremonyExcellenceTests {
    /// S01 with six competitors, excellence for a score of 40 and more without a medal:
    /// C1 90 gold, C2 60 silver, C4 50 bronze, C5 45 and C6 44 excellence, C3 30 nothing.
    func published(excellence: Bool?) throws -> Bench {
        var d = staffDefinition()
        d.competition.excellence = .threshold(Fixed2(40))
        d.competition.ceremonyExcellence = excellence
        d.competitors += [Competitor(id: "C4", name: "赵敏", delegation: "JD", skill: "S01"),
                          Competitor(id: "C5", name: "陈杰", delegation: "PD", skill: "S01"),
                          Competitor(id: "C6", name: "刘洋", delegation: "YP", skill: "S01")]
        var b = Bench(d)
        try b.complete("C4", m: 1000, j: [2, 2, 2])  // 10 + 40
        try b.complete("C5", m: 500, j: [2, 2, 2])   // 5 + 40
        try b.complete("C6", m: 400, j: [2, 2, 2])   // 4 + 40
        try b.markS01()
        try b.run(.publish(s01), staff)
        return b
    }

    func medalSteps(_ steps: [CeremonyStep]) -> [String] {
        steps.compactMap { s in
            guard case let .medal(_, m, e) = s else { return nil }
            return m.rawValue + ":" + e.map(\.competitor).joined(separator: ",")
        }
    }

    @Test("on: each skill's Medallions for Excellence (rank order) come before its bronze; the tables count them")
    func excellenceFirst() throws {
        var b = try published(excellence: true)
        let steps = Ceremony.plan(b.state)
        #expect(medalSteps(steps) == ["excellence:C5,C6", "bronze:C4", "silver:C2", "gold:C1"])
        #expect(steps.first == .opening(skills: 1))
        guard case let .table(.gold, rows) = steps[5] else { Issue.record("the gold table after gold: \(steps[5])"); return }
        #expect(rows.map { "\($0.delegation) \($0.gold)\($0.silver)\($0.bronze)\($0.excellence)" } == ["JD 1010", "PD 0101", "YP 0001"])
        // The round is revealed at its gold step, not at the excellence one.
        try b.run(.startCeremony, staff)
        try b.run(.ceremonyNext, staff)
        guard case .medal(_, .excellence, _) = b.state.ceremony.step else { Issue.record("excellence at step 2"); return }
        #expect(!b.state.ceremony.revealed.contains(s01))
        for _ in 0..<3 { try b.run(.ceremonyNext, staff) }
        #expect(b.state.ceremony.revealed.contains(s01))
    }

    @Test("off (ceremony_excellence = false), and a definition logged before the setting existed: bronze, silver, gold only")
    func excellenceOff() throws {
        #expect(medalSteps(Ceremony.plan(try published(excellence: false).state)) == ["bronze:C4", "silver:C2", "gold:C1"])
        #expect(medalSteps(Ceremony.plan(try published(excellence: nil).state)) == ["bronze:C4", "silver:C2", "gold:C1"])
    }

    @Test("the setting on the wire: absent keeps a definition's old bytes (so old logs replay their old ceremony); set, one byte more, read back")
    func wire() throws {
        var info = staffDefinition().competition
        let old = Event.competitionDefined(info).encodeBody()
        info.ceremonyExcellence = true
        let on = Event.competitionDefined(info).encodeBody()
        info.ceremonyExcellence = false
        let off = Event.competitionDefined(info).encodeBody()
        #expect(on.count == old.count + 1 && off.count == old.count + 1 && Array(on.prefix(old.count)) == old)
        for (bytes, want) in [(old, nil), (on, true), (off, false)] as [([UInt8], Bool?)] {
            guard case let .competitionDefined(back) = try Event.decode(tag: 1, body: bytes) else { Issue.record("not a definition"); continue }
            #expect(back.ceremonyExcellence == want)
        }
    }
}
