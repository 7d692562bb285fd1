import Foundation
import Testing
@testable import PodiumCore

/// The staff's plain commands, run as a user runs them: exit status, one line on stderr on
/// refusal, nothing appended then, and what was appended printed on success.
@Suite("podium schedule, clock, ceremony, withdraw, export, snapshot", .serialized)
struct StaffCLITests {
    /// The staff competition; `marked`: S01 marked and signed off (C1 90, C2 60, C3 30).
    func venue(marked: Bool = false) throws -> (TempDir, String) {
        let dir = TempDir()
        let path = dir.file("v")
        let v = try Venue.create(directory: path, definition: staffDefinition())
        if marked {
            var b = Bench(staffDefinition())
            try b.markS01()
            try enterMarks(of: b, into: v)
            try v.execute(.lockModule(skill: "S01", round: "final", module: "A"), as: chief)
        }
        return (dir, path)
    }

    func count(_ path: String) throws -> Int { try LogReader(path: Venue.logPath(path)).records().count }

    /// A refusal: non-zero, exactly one line on stderr (`podium: ` + `message`), nothing appended.
    func expectRefused(_ args: [String], _ path: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try count(path)
        let r = try runPodium(args)
        #expect(r.status != 0, "\(args) should fail", sourceLocation: sourceLocation)
        #expect(r.err == "podium: \(message)\n", sourceLocation: sourceLocation)
        #expect(r.out.isEmpty, sourceLocation: sourceLocation)
        #expect(try count(path) == before, "nothing appended", sourceLocation: sourceLocation)
    }

    @Test("every new command has --help and exits 0")
    func help() throws {
        for c in ["schedule", "clock", "ceremony", "withdraw", "export", "snapshot", "announce"] {
            let r = try runPodium([c, "--help"])
            #expect(r.status == 0, "\(c): \(r.err)")
            #expect(r.out.contains("USAGE"), "\(c)")
        }
    }

    @Test("schedule: start, finish, delay with its warning, move, cancel; refusals append nothing")
    func schedule() throws {
        let (dir, path) = try venue()
        _ = dir
        let start = try runPodium(["schedule", path, "start", "S01-final"])
        #expect(start.status == 0, "\(start.err)")
        #expect(start.out == "seq \(try count(path))\tsession.started\tS01-final started\n")
        try expectRefused(["schedule", path, "finish", "S02-pre"], path, "session S02-pre has not started; start it before finishing it")
        try expectRefused(["schedule", path, "start", "S01-final"], path, "session S01-final is already live (started at "
                          + Timestamps.format(try Venue(directory: path).state.sessionState("S01-final")!.startedAt!, in: TimeZone(identifier: "Asia/Shanghai")!) + ")")
        let delay = try runPodium(["schedule", path, "delay", "S02-pre", "120"])
        #expect(delay.status == 0, "\(delay.err)")
        #expect(delay.out.hasSuffix("\tsession.delayed\tS02-pre delayed by 120 min\nwarning: the delay of S02-pre runs 30 min into S02-final at main 2号馆\n"))
        try expectRefused(["schedule", path, "delay", "S02-pre", "soon"], path, "delay S02-pre soon: the minutes must be a whole number, e.g. 20")
        try expectRefused(["schedule", path, "move", "S01-final", "--station", "1号馆"], path, "session S01-final is already at main 1号馆")
        let move = try runPodium(["schedule", path, "move", "S01-final", "--site", "expo", "--station", "A厅"])
        #expect(move.out.hasSuffix("\tsession.moved\tS01-final moved to expo A厅\n"), "\(move.err)")
        try expectRefused(["schedule", path, "cancel", "S02-final"], path, "cancel S02-final needs --reason TEXT (it goes into the audit trail)")
        let cancel = try runPodium(["schedule", path, "cancel", "S02-final", "--reason", "台风停赛"])
        #expect(cancel.out.hasSuffix("\tsession.cancelled\tS02-final cancelled: 台风停赛\n"), "\(cancel.err)")
        try expectRefused(["schedule", path, "launch", "S01-final"], path,
                          "\"launch\" is not one of list, start, finish, delay, move, cancel: podium schedule DIR list|start|finish|delay|move|cancel SESSION ...")
        let list = try runPodium(["schedule", path, "list"])
        #expect(list.status == 0)
        #expect(list.out.contains("S02-final  cancelled"))
        #expect(list.out.contains("moved from main 1号馆"))
        // PODIUM_VENUE stands in for DIR.
        let env = try runPodium(["schedule", "finish", "S01-final"], env: ["PODIUM_VENUE": path])
        #expect(env.status == 0 && env.out.hasSuffix("\tsession.finished\tS01-final finished\n"), "\(env.err)")
        #expect(try runPodium(["log", "verify", path]).status == 0)
    }

    @Test("clock: set a future time, refuse the past; pause, refuse a second pause; resume")
    func clock() throws {
        let (dir, path) = try venue()
        _ = dir
        try expectRefused(["clock", path, "set", "2025-06-20T08:00:00+08:00"], path,
                          "the closing ceremony cannot be set to 2025-06-20T08:00:00+08:00, which is not in the future")
        try expectRefused(["clock", path, "pause"], path, "the closing moment has come; there is no countdown to pause")
        let set = try runPodium(["clock", path, "set", "+90"])
        #expect(set.status == 0 && set.out.contains("\tclosing.set\tclosing ceremony at "), "\(set.err)")
        let pause = try runPodium(["clock", path, "pause"])
        #expect(pause.out.hasSuffix("\tcountdown.paused\tcountdown paused\n"), "\(pause.err)")
        try expectRefused(["clock", path, "pause"], path, "the countdown is already paused (since "
                          + Timestamps.format(try Venue(directory: path).state.clock.pausedAt!, in: TimeZone(identifier: "Asia/Shanghai")!) + ")")
        let show = try runPodium(["clock", path, "show"])
        #expect(show.out.contains("moved from 2025-06-24T15:00:00+08:00") && show.out.contains("paused since"))
        #expect(try runPodium(["clock", path, "resume"]).status == 0)
        try expectRefused(["clock", path, "resume"], path, "the countdown is not paused")
    }

    @Test("ceremony: start refused with nothing published; then start, next to the end, next refused, back, end")
    func ceremony() throws {
        let (dir, path) = try venue(marked: true)
        _ = dir
        try expectRefused(["ceremony", path, "start"], path, "nothing to reveal: no official skill's final round is published or final yet")
        try expectRefused(["ceremony", path, "next"], path, "no ceremony reveal is running; start one before stepping forward")
        #expect(try runPodium(["publish", path, "S01"]).status == 0)
        let start = try runPodium(["ceremony", path, "start", "--lang", "zh"])
        #expect(start.status == 0, "\(start.err)")
        #expect(start.out.contains("\tceremony.started\t颁奖揭晓开始\nnow\t1/10\t闭幕式 · 成绩揭晓 · 1 个赛项\nnext\t2/10\t工业机器人 · 决赛 · 铜牌：李强（YP） 30.00\n"))
        try expectRefused(["ceremony", path, "back"], path, "the reveal is at its opening step; there is nothing before it")
        for _ in 0..<9 { #expect(try runPodium(["ceremony", path, "next"]).status == 0) }
        try expectRefused(["ceremony", path, "next"], path, "the reveal is at its last step (10 of 10); end it instead")
        let back = try runPodium(["ceremony", path, "back", "--lang", "en"])
        #expect(back.out.contains("now\t9/10\tTeam silver: PD\nnext\t10/10\tTeam gold: JD\n"), "\(back.out)")
        let during = try runPodium(["snapshot", path, "--lang", "en"])
        #expect(during.status == 0 && during.out.contains("Closing ceremony · results · step 9 of 10") && during.out.contains("Team silver"),
                "the snapshot shows the reveal page while it runs")
        #expect(try runPodium(["ceremony", path, "end"]).status == 0)
        try expectRefused(["ceremony", path, "end"], path, "no ceremony reveal is running; start one before ending it")
        let show = try runPodium(["ceremony", path, "show", "--lang", "en"])
        #expect(show.out.hasPrefix("not running; a reveal started now would have 10 steps:\n1\tClosing ceremony · results · 1 skill\n2\t"), "\(show.out)")
    }

    @Test("announce prints the id; withdraw takes it back; withdrawing it again is refused")
    func withdraw() throws {
        let (dir, path) = try venue()
        _ = dir
        let a = try runPodium(["announce", path, "午餐时间 11:30", "--priority", "high", "--until", "+30"])
        #expect(a.status == 0 && a.out.hasPrefix("announced A1 as seq "), "\(a.err)")
        let w = try runPodium(["withdraw", path, "A1"])
        #expect(w.out.hasSuffix("\tannouncement.withdrawn\tA1\n"), "\(w.err)")
        try expectRefused(["withdraw", path, "A1"], path, "no announcement \"A1\" is showing (see `podium log tail` for past ones)")
    }

    @Test("export results: public only by default, --all for staff; the WorldSkills columns, csv and json")
    func export() throws {
        let (dir, path) = try venue(marked: true)
        let none = try runPodium(["export", path, "results", "--format", "csv"])
        #expect(none.status == 0 && none.out == ResultsExport.csvHeader + "\n", "nothing public before publication")
        let staff = try runPodium(["export", path, "results", "--all", "--lang", "zh"])
        #expect(staff.out.contains("\n1,gold,JD,工业机器人,张伟,90.00,90.00,决赛,locked,false,C1,JD,S01,final\n"))
        #expect(try runPodium(["publish", path, "S01"]).status == 0)
        let out = dir.file("results.json")
        let json = try runPodium(["export", path, "results", "--format", "json", "--output", out])
        #expect(json.status == 0 && json.out.isEmpty, "\(json.err)")
        let text = String(decoding: readBytes(out), as: UTF8.self)
        #expect(text.hasPrefix(#"{"results":[{"position":1,"medal":"gold","delegation":"JD","skill":"工业机器人","competitor":"张伟","score":90.00,"raw":90.00,"round":"决赛","status":"published","provisional":false,"competitor_id":"C1","delegation_id":"JD","skill_id":"S01","round_id":"final"},"#))
        let doc = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect((doc?["results"] as? [Any])?.count == 3)
        try expectRefused(["export", path, "medals"], path, "\"medals\": the only export is results (podium export DIR results --format csv|json)")
    }

    @Test("snapshot: txt is the board's pages, html escapes every text; only public results; written atomically")
    func snapshot() throws {
        let (dir, path) = try venue(marked: true)
        #expect(try runPodium(["announce", path, "<script>alert('x')</script> & 更多"]).status == 0)
        let before = try runPodium(["snapshot", path, "--format", "txt", "--lang", "zh"])
        #expect(before.status == 0, "\(before.err)")
        #expect(before.out.contains("测试赛") && !before.out.contains("张伟"), "marks are not public before publication")
        let html = dir.file("board.html")
        #expect(try runPodium(["snapshot", path, "--format", "html", "--output", html]).status == 0)
        let page = String(decoding: readBytes(html), as: UTF8.self)
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 更多"))
        #expect(!page.contains("<script>") && !page.contains("张伟"))
        #expect(try runPodium(["publish", path, "S01"]).status == 0)
        let after = dir.file("board.txt")
        #expect(try runPodium(["snapshot", path, "--output", after, "--width", "80", "--height", "24"]).status == 0)
        let txt = String(decoding: readBytes(after), as: UTF8.self)
        #expect(txt.contains("张伟"), "published: on the board")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["board.html", "board.txt", "v"], "no temporary file left")
        let bad = try runPodium(["snapshot", path, "--output", dir.file("missing/board.txt")])
        #expect(bad.status != 0 && bad.err.hasPrefix("podium: ") && bad.err.contains("missing"), "\(bad.err)")
        try expectRefused(["snapshot", path, "--width", "40"], path, "--width and --height must be at least 80x24 (and at most 1000x500)")
        let wall = try runPodium(["snapshot", path, "--format", "html", "--refresh", "30", "--lang", "en"])
        #expect(wall.status == 0 && wall.out.contains(#"<meta http-equiv="refresh" content="30">"#) && wall.out.contains("refreshes every 30 s"), "\(wall.err)")
        #expect(!page.contains("http-equiv=\"refresh\""), "no reload unless asked")
        try expectRefused(["snapshot", path, "--refresh", "30"], path, "--refresh reloads a web page: use it with --format html")
        try expectRefused(["snapshot", path, "--format", "html", "--refresh", "2"], path, "--refresh 2: give the seconds between reloads, 5 to 86400")
    }
}
