import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// One skill, one competitor, module A (A1: judgement, max 60) and module B (B1: measurement,
/// max 40); judges J1-J3 and chief K1, none of the competitor's delegation. With scores 2, 2, 3
/// and 35.50 the raw total is 46.67 + 35.50 = 82.17 (as in docs/scoring.md).
private func judgeDefinition() -> CompetitionDefinition {
    var info = CompetitionInfo(id: "e2e", name: LocalizedText(zh: "裁判端到端测试", en: "Judge end to end"),
                               timezone: "Asia/Shanghai", closing: Date().addingTimeInterval(5 * 86_400))
    info.resultsPolicy = .onPublish
    var d = CompetitionDefinition(competition: info)
    d.sites = [Site(id: "main", name: LocalizedText(zh: "主赛区", en: "Main venue"))]
    d.delegations = [Delegation(id: "JD", name: LocalizedText("嘉定区")), Delegation(id: "PD", name: LocalizedText("浦东新区"))]
    d.skills = [Skill(id: "S01", name: LocalizedText(zh: "工业机器人", en: "Industrial Robots"), origin: .worldskills, kind: .official,
                      panel: 3, rounds: [Round(id: "final", name: LocalizedText(zh: "决赛", en: "Final"))],
                      modules: [Module(id: "A", name: LocalizedText(zh: "路径", en: "Path"), aspects: [Aspect(id: "A1", type: .J, max: Fixed2(60), text: "路径质量")]),
                                Module(id: "B", name: LocalizedText(zh: "运行", en: "Run"), aspects: [Aspect(id: "B1", type: .M, max: Fixed2(40), text: "程序运行")])])]
    d.competitors = [Competitor(id: "C1", name: "张伟", delegation: "JD", skill: "S01")]
    d.judges = [("J1", "孙丽"), ("J2", "周涛"), ("J3", "郑红")].map { Judge(id: $0.0, name: $0.1, delegation: "PD", skills: ["S01"]) }
        + [Judge(id: "K1", name: "马丁", delegation: "PD", skills: ["S01"], chief: true)]
    return d
}

/// Three judges in three panes of one tmux window mark the same competitor at once; the panel
/// status of the last one follows the others' submissions live; the chief signs both modules
/// off; `podium results` shows the expected total.
@Suite("Judge console end to end (tmux)")
struct JudgeEndToEndTests {
    @Test("three judges, one competitor, the chief's sign-off, podium results",
          .enabled(if: tmuxPath != nil, "tmux is not installed: skipping the end-to-end judge test (CI installs tmux)"))
    func threeJudges() throws {
        let tmux = Tmux(tmuxPath!, name: "judge")
        let podium = podiumBinary()
        try #require(FileManager.default.isExecutableFile(atPath: podium), "no podium binary at \(podium)")
        let scratch = TempDir()
        let dir = scratch.file("venue")
        try Venue.create(directory: dir, definition: judgeDefinition())
        for (id, pin) in [("J1", "2468"), ("J2", "1357"), ("J3", "8642"), ("K1", "9090")] {
            let r = try runPodium(["judges", "set-pin", dir, id], stdin: pin + "\n")
            try #require(r.status == 0, "set-pin \(id): \(r.err)")
        }

        // One window, three panes stacked, each at least 80×24.
        func judge(_ id: String) -> String { "LANG=C.UTF-8 '\(podium)' judge '\(dir)' --judge \(id) --lang zh; echo JUDGE-EXITED $?; sleep 30" }
        try tmux.run(["new-session", "-d", "-s", "e2e", "-x", "100", "-y", "84", judge("J1")])
        try tmux.run(["split-window", "-v", "-t", "e2e", judge("J2")])
        try tmux.run(["split-window", "-v", "-t", "e2e", judge("J3")])
        try tmux.run(["select-layout", "-t", "e2e", "even-vertical"])
        let panes = ["e2e:0.0", "e2e:0.1", "e2e:0.2"]
        let pins = ["2468", "1357", "8642"]
        func keys(_ pane: String, _ k: String...) throws { try tmux.run(["send-keys", "-t", pane] + k) }
        func see(_ pane: String, _ what: String, _ text: String) -> String {
            let (screen, ok) = tmux.wait(pane, seconds: 20) { $0.contains(text) }
            #expect(ok, "\(pane): \(what): no \"\(text)\" on screen:\n\(screen)")
            return screen
        }
        for (pane, pin) in zip(panes, pins) {
            _ = see(pane, "login", "裁判登录")
            try keys(pane, pin, "Enter")
        }
        for pane in panes {
            _ = see(pane, "home", "我的赛项与场次")
            try keys(pane, "Enter", "Enter")        // modules, then module A's competitors
            _ = see(pane, "competitors", "已完成 0 / 1 名选手")
            try keys(pane, "Enter")                 // C1's sheet
        }
        for pane in panes { _ = see(pane, "sheet", "评审组 0/3 已评") }
        // All three type at once; J1 and J2 submit, J3 waits on the sheet.
        for (pane, score) in zip(panes, ["2", "2", "3"]) { try keys(pane, score) }
        for pane in panes.prefix(2) { try keys(pane, "s", "y") }
        for pane in panes.prefix(2) { _ = see(pane, "receipt", "已写入磁盘") }
        // J3's panel status followed the log: two in, values hidden until all are.
        let waiting = see(panes[2], "live panel status", "评审组 2/3 已评")
        #expect(waiting.contains("✓ 孙丽") && waiting.contains("✓ 周涛") && waiting.contains("… 郑红"), "\(waiting)")
        #expect(waiting.contains("评审组评完后才显示分值"), "\(waiting)")
        try keys(panes[2], "s", "y")
        _ = see(panes[2], "receipt", "已写入磁盘")
        // J1 enters the measurement of module B.
        try keys(panes[0], "Enter", "Escape", "Down", "Enter")
        _ = see(panes[0], "module B", "模块 B 运行")
        try keys(panes[0], "Enter")
        _ = see(panes[0], "sheet B", "程序运行")
        try keys(panes[0], "3", "5", ".", "5", "s", "y")
        _ = see(panes[0], "receipt B", "已写入磁盘")
        try keys(panes[0], "Enter")

        // The chief signs both modules off.
        try tmux.run(["new-window", "-t", "e2e", "LANG=C.UTF-8 '\(podium)' judge '\(dir)' --judge K1 --lang zh; echo JUDGE-EXITED $?; sleep 30"])
        let chief = "e2e:1"
        _ = see(chief, "chief login", "裁判登录")
        try keys(chief, "9090", "Enter")
        _ = see(chief, "chief home", "裁判长")
        try keys(chief, "Enter", "v")
        let view = see(chief, "chief view", "缺 0 项 · 分歧 0 项")
        #expect(view.contains("孙丽 2") && view.contains("周涛 2") && view.contains("郑红 3"), "\(view)")
        try keys(chief, "l")
        _ = see(chief, "confirmation", "签核模块")
        try keys(chief, "y")
        _ = see(chief, "signed off A", "模块已签核")
        try keys(chief, "Right", "l", "y")
        _ = see(chief, "signed off B", "缺 0 项 · 分歧 0 项 · 已签核")

        let results = try runPodium(["results", dir, "--format", "json"])
        #expect(results.status == 0, "\(results.err)")
        #expect(results.out.contains("\"raw\":82.17"), "\(results.out)")
        #expect(results.out.contains("\"status\":\"locked\""), "\(results.out)")
        #expect(results.out.contains("\"provisional\":false"), "\(results.out)")

        // Every console quits cleanly.
        try keys(chief, "Escape", "Escape", "q")
        for pane in panes { try keys(pane, "Escape", "Escape", "Escape", "q") }
        for pane in panes + [chief] { _ = see(pane, "exit", "JUDGE-EXITED 0") }
        let verify = try runPodium(["log", "verify", dir])
        #expect(verify.status == 0, "\(verify.err)")
    }
}
