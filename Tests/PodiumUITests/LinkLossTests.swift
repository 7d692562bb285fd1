import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// What a store's lost connection looks like to a test: a `LinkFailure`, as the PostgreSQL
/// store's connection errors are.
struct LinkDown: LinkFailure {
    var server = "127.0.0.1:5433"
    /// The connection broke while COMMIT was on its way.
    var outcomeUnknown = false
    var description: String { "\(server): connection refused" }
}

/// A judge backend on a real venue whose link the test cuts and restores: while cut, reads and
/// appends fail as an unreachable server's do, and every append that reaches it is counted.
final class CuttableBackend: JudgeBackend {
    let real: VenueJudgeBackend
    var cut = false
    /// Set to cut the link during the next append (the connection drops mid-append).
    var cutDuringAppend = false
    /// Set to cut the link while the next append's COMMIT is on its way: it lands, unacknowledged.
    var cutDuringCommit = false
    private(set) var appendsTried = 0
    init(_ real: VenueJudgeBackend) { self.real = real }
    func verify(id: String, pin: String, now: Date) throws -> LoginOutcome { try real.verify(id: id, pin: pin, now: now) }
    func execute(_ command: Command, as actor: Actor, now: Date) throws -> AppendReceipt? {
        appendsTried += 1
        if cutDuringAppend { cut = true; cutDuringAppend = false }
        if cut { throw LinkDown() }
        if cutDuringCommit {
            cutDuringCommit = false
            _ = try real.execute(command, as: actor, now: now)
            cut = true
            throw LinkDown(outcomeUnknown: true)
        }
        return try real.execute(command, as: actor, now: now)
    }
    func readNew() throws -> [EventRecord] {
        if cut { throw LinkDown() }
        return try real.readNew()
    }
    /// Forwarded: the real backend starts from the venue's replay, its reader going on after it.
    func startState() throws -> VenueState { try real.startState() }
}

@Suite("Link loss: boards, consoles and judge consoles keep their screen")
struct LinkLossTests {
    /// 09:57 in Shanghai on the board fixture's day, three minutes before `boardNow`.
    let lostAt = boardNow.addingTimeInterval(-180)

    @Test("LinkStatus keeps the first moment it was lost, and comes back on the first good read")
    func statusFold() {
        var link = LinkStatus.up
        let t0 = Date(timeIntervalSince1970: 1_750_471_020)  // 09:57:00 Shanghai
        #expect(link.observe(reachable: true, at: t0) == false)
        #expect(link.observe(reachable: false, at: t0) == true)
        #expect(link.lostSince == t0)
        // Still down two minutes later: "since" does not move, nothing to redraw.
        #expect(link.observe(reachable: false, at: t0.addingTimeInterval(120)) == false)
        #expect(link.lostSince == t0)
        #expect(link.observe(reachable: true, at: t0.addingTimeInterval(300)) == true)
        #expect(link == .up)
        // Lost again later: the new moment.
        link.observe(reachable: false, at: t0.addingTimeInterval(600))
        #expect(link.lostSince == t0.addingTimeInterval(600))
    }

    @Test("the messages, in both languages, name the time in the venue's zone")
    func messages() {
        let f = Formats(lang: .en, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(LinkBanner(since: lostAt, formats: f).text.hasPrefix("⚠ Link lost since 09:57"))
        let zh = Formats(lang: .zh, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(LinkBanner(since: lostAt, formats: zh).text.hasPrefix("⚠ 连接中断 · 09:57 起"))
        #expect(LinkMessage.judgeRefused(time: "09:57").text(.zh) == "连接中断（09:57 起）：评分未保存，没有写入任何内容；连接恢复后再提交")
        #expect(LinkMessage.judgeRefused(time: "09:57").description
            == "Link lost since 09:57: not saved, nothing was written; submit again when the link is back")
        #expect(LinkMessage.staffRefused(time: "09:57").text(.en).contains("nothing was written"))
    }

    @Test("board, 80×24, Chinese and English: the last screen stays, the title row says since when")
    func boardGoldens() {
        let bench = boardBench()
        for lang in [Language.zh, .en] {
            var m = boardModel(bench, lang: lang, page: .countdown)
            let before = boardCanvas(m, width: 80, height: 24)
            m.link.observe(reachable: false, at: lostAt)
            let lost = boardCanvas(m, width: 80, height: 24)
            expectGolden(lost, "board-link-lost-\(lang.rawValue)-80x24", folder: "link")
            // Everything below the title row is the screen as it was.
            let keep = screen(lost).split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            #expect(Array(keep) == Array(screen(before).split(separator: "\n", omittingEmptySubsequences: false).dropFirst()))
            m.link.observe(reachable: true, at: boardNow)
            #expect(screen(boardCanvas(m, width: 80, height: 24)) == screen(before))
        }
    }

    @Test("board, 200×60, Chinese: the bar across the whole top of a big screen")
    func boardBigGolden() {
        var m = boardModel(boardBench(), lang: .zh, page: .medals)
        m.link.observe(reachable: false, at: lostAt)
        expectGolden(boardCanvas(m, width: 200, height: 60), "board-link-lost-zh-200x60", folder: "link")
    }

    @Test("staff console, 80×24, English and Chinese")
    func consoleGoldens() {
        for lang in [Language.en, .zh] {
            var h = ConsoleHarness(boardBench(), lang: lang, tab: .schedule)
            h.model.link.observe(reachable: false, at: lostAt)
            expectGolden(h.canvas(width: 80, height: 24), "console-link-lost-\(lang.rawValue)-80x24", folder: "link")
        }
    }

    @Test("judge: marks typed while the link is down are refused, nothing is sent, the input stays; after it is back they save")
    func judgeRefusedWhileDown() throws {
        let v = try JudgeVenue()
        let backend = CuttableBackend(try VenueJudgeBackend(directory: v.venue.directory))
        let s = try JudgeSession(backend: backend, options: JudgeOptions(lang: .zh, judgeID: "J1"))
        s.type("2468"); s.type([.enter, .enter, .enter, .enter])   // S01 final, module A, C1
        let lost = JudgeFixture.now.addingTimeInterval(-120)
        backend.cut = true
        #expect(try s.logChanged(now: lost) == true)               // the bar appears: redraw
        #expect(try s.logChanged(now: JudgeFixture.now) == false)  // still down: nothing new
        #expect(s.model.link.lostSince == lost)
        s.type("12"); s.type([.enter]); s.type("3"); s.type("s"); s.type("y")
        expectGolden(Canvas(s), "judge-link-lost-refused-zh-80x24", folder: "link")
        #expect(backend.appendsTried == 0)
        let seq = try LogReader(path: v.venue.logPath).records().count
        #expect(s.model.draft?.fields["A1"]?.text == "12")

        // Another judge marks meanwhile (at the main venue); the link comes back: caught up.
        try v.mark("J2", "C2", [("A1", .measurement(Fixed2(30)))])
        backend.cut = false
        #expect(try s.logChanged(now: JudgeFixture.now) == true)
        #expect(s.model.link == .up)
        #expect(s.model.state.rounds[RoundKey(skill: "S01", round: "final")]?.sheets["C2"]?.measurements["A1"] == Fixed2(30))
        s.type([.enter]); s.type("s"); s.type("y")
        guard case .receipt = s.model.overlay else { Issue.record("no receipt: \(s.screen())"); return }
        #expect(try LogReader(path: v.venue.logPath).records().count == seq + 3)
    }

    @Test("judge, English: the link drops during the append itself: refused the same way, nothing written")
    func judgeCutMidAppend() throws {
        let v = try JudgeVenue()
        let backend = CuttableBackend(try VenueJudgeBackend(directory: v.venue.directory))
        let s = try JudgeSession(backend: backend, options: JudgeOptions(lang: .en, judgeID: "J1"))
        s.type("2468"); s.type([.enter, .enter, .enter, .enter])
        s.type("12"); s.type([.enter]); s.type("3")
        let seq = try LogReader(path: v.venue.logPath).records().count
        backend.cutDuringAppend = true
        s.type("s"); s.type("y")
        expectGolden(Canvas(s), "judge-link-lost-mid-append-en-80x24", folder: "link")
        #expect(backend.appendsTried == 1)
        #expect(s.model.link != .up)
        #expect(try LogReader(path: v.venue.logPath).records().count == seq)
        #expect(s.model.draft?.fields["A1"]?.text == "12")
    }
}

extension LinkLossTests {
    @Test("judge: the link drops while the sheet is committed: the judge is told it may have landed; once back, the sheet shows it did")
    func judgeCutDuringCommit() throws {
        let v = try JudgeVenue()
        let backend = CuttableBackend(try VenueJudgeBackend(directory: v.venue.directory))
        let s = try JudgeSession(backend: backend, options: JudgeOptions(lang: .zh, judgeID: "J1"))
        s.type("2468"); s.type([.enter, .enter, .enter, .enter])
        s.type("12"); s.type([.enter]); s.type("3")
        let seq = try LogReader(path: v.venue.logPath).records().count
        backend.cutDuringCommit = true
        s.type("s"); s.type("y")
        guard case let .failure(message)? = s.model.overlay else { Issue.record("no failure box: \(s.screen())"); return }
        #expect(message == LinkMessage.judgeUnknown(time: "10:00").text(.zh))
        #expect(s.model.link != .up)
        // It did land (two marks); the link comes back and the console folds them in.
        #expect(try LogReader(path: v.venue.logPath).records().count == seq + 2)
        backend.cut = false
        #expect(try s.logChanged(now: JudgeFixture.now) == true)
        #expect(s.model.state.rounds[RoundKey(skill: "S01", round: "final")]?.sheets["C1"]?.measurements["A1"] == Fixed2(12))
    }
}

private extension Canvas {
    init(_ s: JudgeSession) { self = s.render(width: 80, height: 24, now: JudgeFixture.now) }
}
