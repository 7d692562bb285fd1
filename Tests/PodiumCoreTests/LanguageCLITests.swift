import Foundation
import Testing
@testable import PodiumCore

/// The commands as a user on a Chinese machine runs them: one `podium: …` line on stderr in
/// Chinese, the same exit code as in English, English again with `--lang en`, and JSON the same
/// in both.
@Suite("Commands in Chinese and English")
struct LanguageCLITests {
    static let zh = ["LANG": "zh_CN.UTF-8"]

    /// A demo venue, a GBK file and failing command lines (ASCII arguments only, so any Chinese
    /// in the output is the message's own).
    static func scene() throws -> (tmp: TempDir, dir: String, failing: [[String]]) {
        let tmp = TempDir()
        let base = tmp.path
        let venue = base + "/venue"
        let r = try runPodium(["init", venue, "--demo"])
        #expect(r.status == 0, "\(r.err)")
        let gbk = base + "/competitors.csv"
        FileManager.default.createFile(atPath: gbk, contents: Data(Array("id,name,delegation,skill\nC93,".utf8) + [0xD5, 0xC5] + Array(",YP,S01\n".utf8)))
        let failing: [[String]] = [
            ["withdraw", venue, "NOPE"],
            ["schedule", venue, "start", "NOPE"],
            ["results", venue, "--skill", "NOPE"],
            ["import", venue, "competitors", gbk],
            ["import", venue, "competitors", gbk, "--encoding", "big5"],
            ["ceremony", venue, "next"],
            ["log", "verify", base + "/nowhere"],
            ["board", base + "/nowhere"],
            ["init", base + "/other"],
        ]
        return (tmp, venue, failing)
    }

    @Test("Every failing command: one line, same exit code, Chinese on a zh_CN locale, English with --lang en or PODIUM_LANG=en")
    func failures() throws {
        let (tmp, _, failing) = try Self.scene()
        defer { _ = tmp }
        for args in failing {
            let english = try runPodium(args)
            let chinese = try runPodium(args, env: Self.zh)
            let flag = try runPodium(args + ["--lang", "en"], env: Self.zh)
            let envEn = try runPodium(args, env: ["LANG": "zh_CN.UTF-8", "PODIUM_LANG": "en"])
            let envZh = try runPodium(["--lang=zh"] + args)
            let name = args.joined(separator: " ")
            #expect(english.status != 0, "\(name) succeeded")
            for r in [english, chinese, flag, envEn, envZh] {
                #expect(r.status == english.status, "\(name): exit \(r.status), in English \(english.status)")
                #expect(r.err.hasPrefix("podium: ") && r.err.hasSuffix("\n") && r.err.filter { $0 == "\n" }.count == 1,
                        "\(name): not one podium: line: \(r.err)")
            }
            #expect(hasHan(chinese.err), "\(name): not Chinese: \(chinese.err)")
            #expect(chinese.err == envZh.err, "\(name): --lang=zh and the locale differ")
            #expect(!hasHan(english.err), "\(name): not English: \(english.err)")
            #expect(flag.err == english.err && envEn.err == english.err, "\(name): --lang en / PODIUM_LANG=en: \(flag.err)")
        }
    }

    @Test("A bad --lang or PODIUM_LANG is refused with exit 64 before anything runs")
    func badChoice() throws {
        let r = try runPodium(["--lang", "fr", "themes"])
        #expect(r.status == 64 && r.err == "podium: --lang must be zh or en (got \"fr\")\n")
        let z = try runPodium(["themes"], env: ["LANG": "zh_CN.UTF-8", "PODIUM_LANG": "jp"])
        #expect(z.status == 64 && z.err == "podium: PODIUM_LANG 必须是 zh 或 en（实为 \"jp\"）\n")
    }

    @Test("--format json is the same in both languages; --encoding gb18030 imports the GBK file")
    func jsonAndImport() throws {
        let (tmp, venue, _) = try Self.scene()
        defer { _ = tmp }
        for args in [["results", venue, "--format", "json"], ["medals", venue, "--format", "json"], ["log", "tail", venue, "--format", "json"]] {
            let zh = try runPodium(args, env: Self.zh), en = try runPodium(args + ["--lang", "en"])
            #expect(zh.status == 0 && zh.out == en.out && !zh.out.isEmpty, "\(args.joined(separator: " "))")
        }
        let gbk = URL(fileURLWithPath: venue).deletingLastPathComponent().appendingPathComponent("competitors.csv").path
        let r = try runPodium(["import", venue, "competitors", gbk, "--encoding", "gb18030"], env: Self.zh)
        #expect(r.status == 0, "\(r.err)")
        #expect(try Venue(directory: venue).state.competitors["C93"]?.name == "张")
    }
}

/// Whether this machine has a Chinese UTF-8 locale (`.ci/run` makes one with localedef).
let zhLocaleInstalled: Bool = {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/locale")
    p.arguments = ["-a"]
    let out = Pipe()
    p.standardOutput = out
    guard (try? p.run()) != nil else { return false }
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return text.lowercased().split(separator: "\n").contains { $0 == "zh_cn.utf8" || $0 == "zh_cn.utf-8" }
}()

/// The staff console as a Chinese user starts it (LANG=zh_CN.UTF-8, no flag), and with --lang en:
/// the core's refusal reads in the console's language.
@Suite("Console language end to end (tmux)")
struct ConsoleLanguageEndToEndTests {
    @Test("a refused publish reads in Chinese on a zh_CN.UTF-8 terminal, in English with --lang en",
          .enabled(if: tmuxPath != nil && zhLocaleInstalled, "needs tmux and the zh_CN.UTF-8 locale (.ci/run installs both)"))
    func refusalInBothLanguages() throws {
        let tmux = Tmux(tmuxPath!, name: "lang")
        let podium = podiumBinary()
        let scratch = TempDir()
        let dir = scratch.file("venue")
        #expect(try runPodium(["init", dir, "--demo"]).status == 0)
        let cases: [(window: String, flag: String, title: String, question: String, refusal: String)] = [
            ("zh", "", "员工控制台", "公布以下成绩", "须在所有模块签核（锁定）后才能公布"),
            ("en", " --lang en", "Staff console", "Publish these results", "cannot be published before every module is signed off"),
        ]
        for c in cases {
            try tmux.start(c.window, width: 120, height: 32,
                           "env -u LC_ALL -u LC_MESSAGES -u PODIUM_LANG LANG=zh_CN.UTF-8 PODIUM_ACTOR=e2e '\(podium)' console '\(dir)'\(c.flag); echo EXITED $?; sleep 30")
            let (up, ok) = tmux.wait(c.window, seconds: 30) { $0.contains(c.title) }
            try #require(ok, "the console did not start:\n\(up)")
            // 4: results; p: publish the first round (nobody has marked it); Enter confirms.
            try tmux.run(["send-keys", "-t", c.window, "4"])
            try tmux.run(["send-keys", "-t", c.window, "p"])
            _ = tmux.wait(c.window, seconds: 10) { $0.contains(c.question) }
            try tmux.run(["send-keys", "-t", c.window, "Enter"])
            let (screen, refused) = tmux.wait(c.window, seconds: 10) { $0.contains(c.refusal) }
            #expect(refused, "\(c.window): the refusal is not shown in its language:\n\(screen)")
            try tmux.run(["send-keys", "-t", c.window, "Escape"])
            try tmux.run(["send-keys", "-t", c.window, "q"])
            try tmux.run(["send-keys", "-t", c.window, "y"])
            let (gone, exited) = tmux.wait(c.window, seconds: 15) { $0.contains("EXITED") }
            #expect(exited && gone.contains("EXITED 0"), "\(c.window): the console did not quit cleanly:\n\(gone)")
        }
    }
}
