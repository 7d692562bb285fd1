import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// A venue for the console's end-to-end test: one skill marked, locked and published (so the
/// ceremony has something to reveal), and one session two hours from now at the main site.
private func consoleVenue(_ dir: String, now: Date) throws -> (venue: Venue, sessionStart: Date) {
    var info = CompetitionInfo(id: "e2e-console", name: LocalizedText(zh: "控制台端到端测试赛", en: "Console end-to-end test"),
                               timezone: "Asia/Shanghai", closing: now.addingTimeInterval(3 * 86_400))
    info.resultsPolicy = .onPublish
    var d = CompetitionDefinition(competition: info)
    d.sites = [Site(id: "main", name: LocalizedText(zh: "主赛区", en: "Main venue"))]
    d.delegations = [("JD", "嘉定区", "Jiading"), ("PD", "浦东新区", "Pudong"), ("YP", "杨浦区", "Yangpu")]
        .map { Delegation(id: $0.0, name: LocalizedText(zh: $0.1, en: $0.2)) }
    d.skills = [Skill(id: "S01", name: LocalizedText(zh: "焊接", en: "Welding"), origin: .worldskills, kind: .official,
                      rounds: [Round(id: "final", name: LocalizedText(zh: "决赛", en: "Final"))],
                      modules: [Module(id: "A", name: LocalizedText("A"), aspects: [Aspect(id: "A1", type: .M, max: Fixed2(100), text: "x")])])]
    d.competitors = [Competitor(id: "C1", name: "金牌甲", delegation: "JD", skill: "S01"),
                     Competitor(id: "C2", name: "银牌乙", delegation: "PD", skill: "S01"),
                     Competitor(id: "C3", name: "铜牌丙", delegation: "YP", skill: "S01")]
    d.judges = [Judge(id: "J1", name: "裁判长", delegation: "JD", skills: ["S01"], chief: true)]
    // Whole minutes, so the board's HH:MM is exact.
    let start = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 + 2 * 3600) / 60).rounded(.down) * 60)
    d.sessions = [Session(id: "S01-final", skill: "S01", round: "final", site: "main", station: "1号馆",
                          start: start, end: start.addingTimeInterval(3 * 3600))]
    let venue = try Venue.create(directory: dir, definition: d, now: now)
    let marks = [("C1", 9000), ("C2", 8000), ("C3", 7000)].map {
        MarkInput(competitor: $0.0, aspect: "A1", value: .measurement(Fixed2(hundredths: Int64($0.1))))
    }
    try venue.execute(.submitMarks(skill: "S01", round: "final", marks: marks, reason: nil), as: Actor(.chief, "J1"))
    try venue.execute(.lockModule(skill: "S01", round: "final", module: "A"), as: Actor(.chief, "J1"))
    try venue.execute(.publish(RoundKey(skill: "S01", round: "final")), as: Actor(.staff, "setup"))
    return (venue, start)
}

/// `HH:MM` in Shanghai.
private func shanghaiHourMinute(_ d: Date) -> String {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
    let p = c.dateComponents([.hour, .minute], from: d)
    return String(format: "%02d:%02d", p.hour!, p.minute!)
}

/// The staff console and a board in two tmux panes on one venue: what the console does is on
/// the board at once (through the log and inotify, nothing else connects them).
@Suite("Console end to end (tmux)")
struct ConsoleEndToEndTests {
    @Test("console delays a session, posts an announcement and steps the ceremony; the board shows each",
          .enabled(if: tmuxPath != nil, "tmux is not installed: skipping the console end-to-end test (CI installs tmux)"))
    func consoleAndBoard() throws {
        let tmux = Tmux(tmuxPath!, name: "console")
        let podium = podiumBinary()
        try #require(FileManager.default.isExecutableFile(atPath: podium), "no podium binary at \(podium)")
        let scratch = TempDir()
        let dir = scratch.file("venue")
        let (venue, start) = try consoleVenue(dir, now: Date())
        _ = venue

        try tmux.start("board", width: 200, height: 60,
                       "LANG=C.UTF-8 '\(podium)' board '\(dir)' --lang zh --page-seconds 3600; echo BOARD-EXITED $?; sleep 30")
        try tmux.start("console", width: 120, height: 32,
                       "LANG=C.UTF-8 PODIUM_ACTOR=e2e '\(podium)' console '\(dir)' --lang zh; echo CONSOLE-EXITED $?; sleep 30")
        let (board, boardUp) = tmux.wait("board", seconds: 30) { $0.contains("控制台端到端测试赛") && $0.contains(shanghaiHourMinute(start)) }
        #expect(boardUp, "the board did not come up with the session at \(shanghaiHourMinute(start)):\n\(board)")
        let (console, consoleUp) = tmux.wait("console", seconds: 30) { $0.contains("员工控制台") && $0.contains("1号馆") }
        #expect(consoleUp, "the console did not come up on its schedule tab:\n\(console)")
        var latencies: [(String, Double)] = []
        func key(_ keys: String..., literal: Bool = false) throws {
            try tmux.run(["send-keys", "-t", "console"] + (literal ? ["-l"] : []) + keys)
        }
        func onBoard(_ what: String, _ done: @escaping (String) -> Bool) -> String {
            let t0 = Date()
            let (screen, ok) = tmux.wait("board", seconds: 10, until: done)
            latencies.append((what, Date().timeIntervalSince(t0)))
            #expect(ok, "the board does not show \(what):\n\(screen)\n--- console ---\n\(tmux.capture("console"))")
            return screen
        }

        // Delay the session by 15 minutes: d, 15, Enter.
        let delayed = shanghaiHourMinute(start.addingTimeInterval(15 * 60))
        try key("d")
        _ = tmux.wait("console", seconds: 10) { $0.contains("推迟场次") }
        try key("15", literal: true)
        try key("Enter")
        _ = onBoard("the delayed start \(delayed)") { $0.contains(delayed) }

        // Post an announcement: 2, n, the text, Enter through priority and expiry.
        let text = "端到端公告 \(UInt32.random(in: 0...UInt32.max))"
        try key("2")
        try key("n")
        _ = tmux.wait("console", seconds: 10) { $0.contains("发布公告") }
        try key(text, literal: true)
        try key("Enter")
        try key("Enter")
        try key("Enter")
        _ = onBoard("the announcement") { $0.contains(text) }

        // The ceremony: 5, s, Enter starts it (the opening); → shows the bronze, and the
        // presenter sees the silver as the next step before the hall does.
        try key("5")
        try key("s")
        _ = tmux.wait("console", seconds: 10) { $0.contains("开始颁奖揭晓？") }
        try key("Enter")
        _ = onBoard("the reveal's opening") { $0.contains("成绩揭晓") && !$0.contains("铜牌丙") }
        try key("Right")
        let bronze = onBoard("the bronze step") { $0.contains("铜牌丙") }
        #expect(!bronze.contains("银牌乙"), "the board shows the silver before its step:\n\(bronze)")
        let (presenter, previewed) = tmux.wait("console", seconds: 10) { $0.contains("下一步（大厅尚未看到）") && $0.contains("银牌乙") }
        #expect(previewed, "the presenter does not preview the silver:\n\(presenter)")
        try key("Right")
        _ = onBoard("the silver step") { $0.contains("银牌乙") }

        print("console e2e: on the board after " + latencies.map { "\($0.0): \(String(format: "%.0f ms", $0.1 * 1000))" }.joined(separator: ", "))

        // q asks; y leaves with status 0.
        try key("q")
        try key("y")
        let (gone, exited) = tmux.wait("console", seconds: 15) { $0.contains("CONSOLE-EXITED") }
        #expect(exited && gone.contains("CONSOLE-EXITED 0"), "the console did not quit cleanly:\n\(gone)")
        try tmux.run(["send-keys", "-t", "board", "q"])
        _ = tmux.wait("board", seconds: 15) { $0.contains("BOARD-EXITED") }
    }
}

/// `podium console` refuses what it cannot run with one line and a non-zero exit, writing nothing.
@Suite("Console command line")
struct ConsoleCLITests {
    @Test("no venue, no terminal, a bad --lang, an unreadable credentials file")
    func refusals() throws {
        let scratch = TempDir()
        let missing = try runPodium(["console", scratch.file("nowhere")])
        #expect(missing.status != 0 && missing.err.contains("not a venue (no events.log)"), "\(missing)")
        #expect(missing.err.split(separator: "\n").count == 1)

        let dir = scratch.file("venue")
        _ = try consoleVenue(dir, now: Date())
        let size = try FileManager.default.attributesOfItem(atPath: Venue.logPath(dir))[.size] as! Int
        let pipe = try runPodium(["console", dir])
        #expect(pipe.status != 0 && pipe.err.contains("podium console needs a terminal"), "\(pipe)")
        let lang = try runPodium(["console", dir, "--lang", "fr"])
        #expect(lang.status != 0 && lang.err.contains("--lang must be zh or en"), "\(lang)")
        // Credentials others may read are refused, not used.
        FileManager.default.createFile(atPath: dir + "/credentials", contents: Data("x\n".utf8), attributes: [.posixPermissions: 0o644])
        let creds = try runPodium(["console", dir])
        #expect(creds.status != 0 && creds.err.contains("credentials"), "\(creds)")
        #expect(try FileManager.default.attributesOfItem(atPath: Venue.logPath(dir))[.size] as! Int == size, "nothing was appended")
    }
}
