import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// Compares a screen with its golden in JudgeGoldens.swift. With PODIUM_RECORD_GOLDENS=FILE
/// set, appends the screen to FILE instead (to review and paste new goldens); CI never sets it.
func checkGolden(_ name: String, _ actual: String, in goldens: [String: String] = judgeGoldens,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    if let file = ProcessInfo.processInfo.environment["PODIUM_RECORD_GOLDENS"] {
        let entry = "    \"\(name)\": \"\"\"\n" + actual.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "        " + $0 }.joined(separator: "\n") + "\n        \"\"\",\n"
        if let h = FileHandle(forWritingAtPath: file) { h.seekToEndOfFile(); h.write(Data(entry.utf8)); h.closeFile() }
        else { FileManager.default.createFile(atPath: file, contents: Data(entry.utf8)) }
        return
    }
    guard let golden = goldens[name] else {
        Issue.record("no golden named \(name)", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == golden, "\(name):\n\(actual)", sourceLocation: sourceLocation)
}

/// The judge console driven key by key on a real venue, screens compared with goldens at
/// 80×24 and 120×32, in Chinese (and English where it differs).
@Suite("Judge console goldens", .serialized)
struct JudgeGoldenTests {
    @Test("login: the PIN is masked, a wrong PIN says how many tries are left, the right one opens my skills")
    func login() throws {
        let v = try JudgeVenue()
        let s = try v.session()
        s.type("J1")
        s.type([.tab])
        s.type("11x")
        checkGolden("login-refused-letter", s.screen())
        s.type([.enter])
        checkGolden("login-wrong-pin", s.screen())
        s.type("2468")
        s.type([.enter])
        #expect(s.model.actor == Actor(.judge, "J1"))
        checkGolden("home-zh-80x24", s.screen())
        let en = try v.session(judge: "K1", lang: .en)
        checkGolden("login-en-preset", en.screen(120, 32))
        en.type("9090")
        en.type([.enter])
        checkGolden("home-en-120x32", en.screen(120, 32))
    }

    @Test("a full sheet: typed, reviewed, submitted atomically, with its receipt")
    func fullSheet() throws {
        let v = try JudgeVenue()
        let s = try v.session(judge: "J1")
        s.type("2468"); s.type([.enter])
        s.type([.enter])                     // S01 final → modules
        checkGolden("modules", s.screen())
        s.type([.enter])                     // module A → competitors
        checkGolden("competitors", s.screen())
        s.type([.down, .enter])              // C2 王芳 (own delegation: J1 is PD) → still measurement only
        checkGolden("sheet-compatriot", s.screen())
        s.type([.escape, .up, .enter])       // back, C1 张伟
        s.type("35.5")
        s.type([.enter])
        s.type("2")
        checkGolden("sheet-typed", s.screen())
        s.type([.enter])                     // on the last row: review
        checkGolden("sheet-review", s.screen())
        let before = v.venue.state.lastSeq
        s.type("y")
        checkGolden("sheet-receipt", s.screen())
        // Durable before the screen said so: another reader sees both marks, in one batch.
        let records = try LogReader(path: v.venue.logPath).records()
        let marks = records.filter { $0.seq > before && $0.type == 30 }
        #expect(marks.count == 2)
        #expect(marks.map(\.batchRemaining) == [1, 0])
        s.type([.enter])
        checkGolden("competitors-after", s.screen(120, 32))
    }

    @Test("keys that cannot be right are refused on the spot, saying why")
    func refusedKeys() throws {
        let v = try JudgeVenue()
        let s = try v.session(judge: "J2")
        s.type("1357"); s.type([.enter, .enter, .enter, .enter]) // C1 sheet of module A
        s.type("45")
        checkGolden("refused-above-max", s.screen())
        for (keys, message) in [("4.", nil as String?), ("4.255", "最多两位小数"), ("4..", "只能有一个小数点"), ("x", "不是分值"), ("05", "不能以 0 开头")] {
            while !(s.model.draft?.fields["A1"]?.text.isEmpty ?? true) { s.type([.backspace]) }
            s.type(keys)
            #expect(s.model.notice?.text.contains(message ?? "\u{0}") ?? (message == nil), "\(keys): \(String(describing: s.model.notice))")
        }
        s.type([.tab])                       // A2, judgement
        for (key, message) in [("4", "评价分为 0–3"), (".", "不能输入小数点")] {
            s.type(key)
            #expect(s.model.notice?.text.contains(message) == true, "\(key)")
        }
        s.type("3"); s.type("1")
        #expect(s.model.notice?.text.contains("一位数字") == true)
        checkGolden("refused-judgement", s.screen())
    }

    @Test("a submission refused by the core (the module was signed off meanwhile) saves nothing and keeps the input; the core's reason in the console's language",
          arguments: Language.allCases)
    func refusedSubmission(lang: Language) throws {
        let v = try JudgeVenue()
        // J4 is the panel's fourth judge: module B is complete without J4's scores.
        try v.complete(module: "B")
        let s = try v.session(judge: "J4", lang: lang)
        s.type("4444"); s.type([.enter, .enter, .down, .enter]) // module B, competitors
        s.type([.enter])                                        // C1 (JD): J4 (PD) may score B2
        s.type([.down]); s.type("1")
        // Meanwhile the chief signs module B off (another console; this one has not seen it).
        try v.venue.execute(.lockModule(skill: "S01", round: "final", module: "B"), as: Actor(.chief, "K1"), now: JudgeFixture.now)
        let before = try LogReader(path: v.venue.logPath).records().count
        s.type("s"); s.type("y")
        checkGolden(lang == .zh ? "refused-locked" : "refused-locked-en", s.screen())
        #expect(try LogReader(path: v.venue.logPath).records().count == before)
        #expect(s.model.draft?.fields["B2"]?.text == "1")
        s.type([.enter])
        // The lock is now folded in: the rows say so, and keys are refused.
        s.type("2")
        #expect(s.model.notice?.text.contains(lang == .zh ? "已签核" : "signed off") == true)
        checkGolden(lang == .zh ? "sheet-locked" : "sheet-locked-en", s.screen())
    }

    @Test("an append that fails (a disk error) keeps the input for a retry; the retry saves it")
    func failedAppend() throws {
        let v = try JudgeVenue()
        let backend = FailingBackend(try VenueJudgeBackend(directory: v.venue.directory))
        let s = try JudgeSession(backend: backend, options: JudgeOptions(lang: .en, judgeID: "J1"))
        s.type("2468"); s.type([.enter, .enter, .enter, .enter])
        s.type("12"); s.type([.enter]); s.type("3"); s.type("s"); s.type("y")
        checkGolden("append-failed-en", s.screen())
        #expect(s.model.draft?.fields["A1"]?.text == "12")
        backend.failWrites = false
        s.type([.enter]); s.type("s"); s.type("y")
        guard case .receipt = s.model.overlay else { Issue.record("no receipt: \(s.screen())"); return }
        #expect(try Venue(directory: v.venue.directory).state.rounds[RoundKey(skill: "S01", round: "final")]?.sheets["C1"]?.measurements["A1"] == Fixed2(12))
    }

    @Test("a correction: pick a submitted mark, a new value and a reason")
    func correction() throws {
        let v = try JudgeVenue()
        try v.mark("J1", "C2", [("A1", .measurement(Fixed2(hundredths: 3550)))])
        let s = try v.session(judge: "J1")
        s.type("2468"); s.type([.enter, .enter, .enter, .down, .enter]) // C2 module A
        s.type("7")
        #expect(s.model.notice?.text.contains("已提交") == true)
        s.type("c")
        checkGolden("correction-pick", s.screen())
        s.type([.enter])
        s.type("41")
        #expect(s.model.notice?.text.contains("超过") == true)
        s.type([.backspace]); s.type("36.25"); s.type([.enter])
        s.type("复核计时后更正"); s.type([.enter])
        checkGolden("correction-review", s.screen())
        s.type("y")
        checkGolden("correction-receipt", s.screen())
        let state = try Venue(directory: v.venue.directory).state
        #expect(state.rounds[RoundKey(skill: "S01", round: "final")]?.sheets["C2"]?.measurements["A1"] == Fixed2(hundredths: 3625))
        let last = try EventRecord(try LogReader(path: v.venue.logPath).records().last!)
        guard case let .markEntered(m) = last.event else { Issue.record("\(last)"); return }
        #expect(m.reason == "复核计时后更正")
    }

    @Test("the chief's view: every judge's scores, disputes highlighted, a re-mark request")
    func chiefDisputes() throws {
        let v = try JudgeVenue()
        try v.complete(module: "A")
        // C3 (YP): J1 0, J3 3, J4 2: spread 3, disputed.
        try v.mark("J1", "C3", [("A2", .judgement(0))], reason: "重看录像")
        try v.mark("J3", "C3", [("A2", .judgement(3))], reason: "重看录像")
        let s = try v.session(judge: "K1")
        s.type("9090"); s.type([.enter, .enter])
        s.type("v")
        checkGolden("chief-disputes-80x24", s.screen())
        checkGolden("chief-disputes-120x32", s.screen(120, 32))
        s.type([.down, .down, .down, .down, .down]) // C3 A2
        s.type("r")
        s.type("请复核路径质量")
        checkGolden("chief-remark", s.screen())
        s.type([.enter])
        #expect(s.model.notice?.isError == false)
        // The console folded its own request back in (the fixture's venue has not caught up yet).
        #expect(s.model.state.rounds[RoundKey(skill: "S01", round: "final")]?.remarkRequests["C3"] == ["A2"])
        let state = try Venue(directory: v.venue.directory).state
        #expect(state.rounds[RoundKey(skill: "S01", round: "final")]?.remarkRequests["C3"] == ["A2"])
        // A judge who is not the chief has no such view.
        let j = try v.session(judge: "J1")
        j.type("2468"); j.type([.enter, .enter]); j.type("v")
        #expect(j.model.page == .modules(RoundKey(skill: "S01", round: "final")))
        #expect(j.model.notice?.text == "仅裁判长可用")
    }

    @Test("sign-off: after a confirmation (y, not Enter), the module is locked")
    func signOff() throws {
        let v = try JudgeVenue()
        try v.complete(module: "A")
        let s = try v.session(judge: "K1")
        s.type("9090"); s.type([.enter, .enter]); s.type("v")
        s.type("l")
        checkGolden("signoff-confirm", s.screen())
        s.type([.enter])                     // Enter does not sign off
        #expect(s.model.overlay == nil)
        #expect(!s.model.isLocked(RoundKey(skill: "S01", round: "final"), module: "A"))
        s.type("l"); s.type("y")
        checkGolden("signoff-done", s.screen())
        #expect(try Venue(directory: v.venue.directory).state.rounds[RoundKey(skill: "S01", round: "final")]?.lockedModules == ["A"])
        // Module B is not complete: the core refuses, and says why.
        s.type([.right]); s.type("l"); s.type("y")
        #expect(s.model.notice?.isError == true)
        #expect(s.model.notice?.text.contains("还缺") == true)
    }

    @Test("help on every page, in both languages")
    func help() throws {
        let v = try JudgeVenue()
        let s = try v.session(judge: "K1")
        s.type("?")
        checkGolden("help-login", s.screen())
        s.type([.escape]); s.type("9090"); s.type([.enter])
        for (keys, name) in [([Key](), "help-home"), ([.enter], "help-modules"), ([.enter], "help-competitors"), ([.enter], "help-sheet")] {
            s.type(keys)
            s.type("?")
            checkGolden(name, s.screen())
            s.type([.escape])
        }
        s.type([.escape, .escape]); s.type("v"); s.type("?")
        checkGolden("help-chief", s.screen())
        let en = try v.session(judge: "J1", lang: .en)
        en.type("2468"); en.type([.enter, .enter, .enter, .enter]); en.type("?")
        checkGolden("help-sheet-en", en.screen())
    }
}
