import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// Golden screens of the staff console at 80×24 and 200×60, in Chinese (and English where the
/// words differ in width), driven by keys as staff type them. The bench is the board's
/// (BoardFixtures.swift): Saturday 21 June 2025, 10:00 in Shanghai; S01 published, S02 half
/// marked, S04 not marked, one announcement. Golden files live in Goldens/console/.
@Suite("Console goldens")
struct ConsoleGoldenTests {
    static let sizes = [(80, 24), (200, 60)]

    @Test("every tab at 80×24 and 200×60, Chinese", arguments: ConsoleTab.allCases)
    func everyTab(_ tab: ConsoleTab) {
        var h = ConsoleHarness(boardBench(), tab: tab)
        if tab == .health { h.press(.char("v")) }
        for (w, height) in Self.sizes {
            expectGolden(h.canvas(width: w, height: height), "tab-\(tab)-\(w)x\(height)")
        }
    }

    @Test("the health tab of a venue kept in PostgreSQL: the server's URL (no password), no file size, no disk")
    func healthOnAServer() {
        var h = ConsoleHarness(boardBench(), tab: .health)
        h.model.health = ConsoleHealth(logBytes: nil, logName: "postgresql://podium@main-venue:5432/sh2025")
        expectGolden(h.canvas(width: 80, height: 24), "tab-health-postgres-80x24")
    }

    @Test("the results tab in English at 80×24")
    func resultsEnglish() {
        let h = ConsoleHarness(boardBench(), lang: .en, tab: .results)
        expectGolden(h.canvas(width: 80, height: 24), "tab-results-en-80x24")
    }

    @Test("help on the results tab")
    func help() {
        var h = ConsoleHarness(boardBench(), tab: .results)
        h.press(.char("?"))
        expectGolden(h.canvas(width: 80, height: 24), "help-results-80x24")
        h.press(.char("x"))
        #expect(h.model.overlay == nil, "any key closes the help")
    }

    // MARK: Refusals: the core's message in a box, nothing appended

    @Test("publish before every module is locked is refused")
    func publishBeforeLock() {
        var h = ConsoleHarness(boardBench(), tab: .results)
        let before = h.bench.records.count
        h.press(.down)                       // S02: half marked, nothing locked
        h.press(.char("p"))
        expectGolden(h.canvas(width: 80, height: 24), "publish-confirm-80x24")
        h.press(.enter)
        #expect(h.bench.records.count == before, "a refusal appends nothing")
        expectGolden(h.canvas(width: 80, height: 24), "refusal-publish-before-lock-80x24")
        expectGolden(h.canvas(width: 200, height: 60), "refusal-publish-before-lock-200x60")
        h.press(.escape)
        #expect(h.model.overlay == nil)
        #expect(h.model.status?.error == true)
    }

    @Test("finalize while a judgement is disputed is refused")
    func finalizeWithDisputes() {
        var h = ConsoleHarness(disputedBench(), tab: .results)
        let before = h.bench.records.count
        h.press(.down, .down)                // S04: E1's judgement split 0/3/3
        h.press(.char("F"))
        h.press(.enter)
        #expect(h.bench.records.count == before)
        guard case let .message(_, lines, error) = h.model.overlay else { Issue.record("no refusal shown"); return }
        #expect(error)
        #expect(lines.first?.contains("cannot be finalized: marks are missing or disputed") == true, "\(lines)")
        expectGolden(h.canvas(width: 80, height: 24), "refusal-finalize-disputed-80x24")
        expectGolden(h.canvas(width: 200, height: 60), "refusal-finalize-disputed-200x60")
    }

    @Test("unlock without a reason is refused by the core")
    func unlockWithoutReason() {
        var h = ConsoleHarness(boardBench(), tab: .results)
        let before = h.bench.records.count
        h.press(.char("u"))                  // S01, module A (locked)
        expectGolden(h.canvas(width: 80, height: 24), "unlock-form-80x24")
        h.press(.enter, .enter)              // to the reason, then submit it empty
        #expect(h.bench.records.count == before)
        expectGolden(h.canvas(width: 80, height: 24), "refusal-unlock-no-reason-80x24")
        expectGolden(h.canvas(width: 200, height: 60), "refusal-unlock-no-reason-200x60")
    }

    @Test("unlock with a reason appends module.unlocked and the round goes back to marking")
    func unlockWithReason() {
        var h = ConsoleHarness(boardBench(), tab: .results)
        h.press(.char("u"), .enter)
        h.type("A1 复核：计时器故障")
        h.press(.enter)
        guard case let .moduleUnlocked(ref) = h.bench.records.last?.event else { Issue.record("not unlocked"); return }
        #expect(ref.reason == "A1 复核：计时器故障")
        #expect(h.bench.records.last?.actor == "staff:wang")
        #expect(h.model.state.status(s01Final) == .marking)
        expectGolden(h.canvas(width: 80, height: 24), "unlocked-80x24")
    }

    @Test("re-authentication: unlock and finalize ask for the PIN; a wrong one appends nothing")
    func reauthentication() {
        var h = ConsoleHarness(boardBench(), tab: .results, reauthenticate: true)
        let before = h.bench.records.count
        h.press(.char("u"), .enter)
        h.type("复核")
        h.press(.enter)
        h.type("1111")
        expectGolden(h.canvas(width: 80, height: 24), "unlock-pin-80x24")
        h.press(.enter)
        #expect(h.bench.records.count == before)
        guard case let .message(_, lines, true) = h.model.overlay else { Issue.record("no refusal"); return }
        #expect(lines.first == "wrong PIN for staff:wang")
        h.press(.escape, .char("u"), .enter)
        h.type("复核")
        h.press(.enter)
        h.type("2468")
        h.press(.enter)
        #expect(h.bench.records.count == before + 1)
        h.press(.char("F"))
        guard case let .form(form) = h.model.overlay else { Issue.record("finalize did not ask for the PIN"); return }
        #expect(form.purpose == .finalize(s01Final))
    }

    // MARK: Announcements

    @Test("write an announcement: an unreadable time stays in the form; then it is posted and listed")
    func announce() {
        var h = ConsoleHarness(boardBench(), tab: .announcements)
        h.press(.char("n"))
        h.type("闭幕式彩排 15:00 开始")
        h.press(.tab, .right, .right, .tab)  // urgent
        h.type("明天下午")
        h.press(.enter)
        expectGolden(h.canvas(width: 80, height: 24), "announce-bad-time-80x24")
        let before = h.bench.records.count
        #expect(h.bench.records.count == before)
        h.press(.ctrl("u"))
        h.type("11:30")
        h.press(.enter)
        guard case let .announcementPosted(a) = h.bench.records.last?.event else { Issue.record("not posted"); return }
        #expect(a.priority == .urgent && a.text == "闭幕式彩排 15:00 开始")
        #expect(a.until == boardTime(day: 21, 11, 30))
        expectGolden(h.canvas(width: 80, height: 24), "announce-posted-80x24")
        // Withdraw the new one (it is on top).
        h.press(.char("w"), .enter)
        #expect(h.bench.records.last?.event == .announcementWithdrawn(id: "A2"))
    }

    @Test("an announcement expiring in the past is refused by the core")
    func announcePast() {
        var h = ConsoleHarness(boardBench(), tab: .announcements)
        h.press(.char("n"))
        h.type("已过时")
        h.press(.tab, .tab)
        h.type("09:00")
        h.press(.enter)
        guard case let .message(_, lines, true) = h.model.overlay else { Issue.record("no refusal"); return }
        #expect(lines.first?.contains("which is not in the future") == true)
    }

    // MARK: Audit

    @Test("audit: filter by actor and type, / search, Enter opens one event with all its data")
    func audit() {
        var h = ConsoleHarness(boardBench(), tab: .audit)
        h.press(.char("f"))
        h.type("staff")
        h.press(.enter)
        h.type("results")
        h.press(.enter, .enter)
        #expect(h.model.auditMatches.count == 1)
        expectGolden(h.canvas(width: 80, height: 24), "audit-filtered-80x24")
        h.press(.escape)
        #expect(h.model.auditFilter.isEmpty)
        h.press(.char("/"))
        h.type("欧阳")
        h.press(.enter)
        #expect(h.model.auditMatches.count == 1)
        h.press(.enter)
        expectGolden(h.canvas(width: 80, height: 24), "audit-event-80x24")
        expectGolden(h.canvas(width: 200, height: 60), "audit-event-200x60")
    }

    @Test("audit: a search keeps matching the events that arrive after it")
    func auditSearchFollows() {
        var h = ConsoleHarness(boardBench(), tab: .audit)
        h.press(.char("/"))
        h.type("彩排")
        h.press(.enter)
        #expect(h.model.auditMatches.isEmpty)
        h.press(.char("2"), .char("n"))
        h.type("闭幕式彩排")
        h.press(.enter, .enter, .enter)
        #expect(h.model.auditMatches.map { h.model.records[$0].seq } == [h.bench.state.lastSeq])
        h.press(.char("6"), .char("/"), .ctrl("u"))
        h.type("A1")                                 // refined from the kept lines
        h.press(.enter)
        #expect(!h.model.auditMatches.isEmpty)
        #expect(h.model.auditMatches.allSatisfy { h.model.searchLine(h.model.records[$0]).contains("a1") })
    }

    @Test("audit: by skill, and the selection stays on its event while new ones arrive")
    func auditFollows() {
        var h = ConsoleHarness(boardBench(), tab: .audit)
        h.press(.char("f"), .tab, .tab)
        h.type("S02")
        h.press(.enter)
        #expect(h.model.auditMatches.allSatisfy { h.model.skills(of: h.model.records[$0].event).contains("S02") })
        h.press(.escape, .down, .down)
        let seq = h.model.selectedRecord(now: h.now)!.seq
        h.press(.char("2"), .char("n"))
        h.type("新公告")
        h.press(.enter, .enter, .enter)
        h.press(.char("6"))
        #expect(h.model.selectedRecord(now: h.now)?.seq == seq)
    }

    // MARK: Frame

    @Test("number keys and Tab switch tabs; q asks before quitting")
    func tabsAndQuit() {
        var h = ConsoleHarness(boardBench())
        h.press(.char("4"))
        #expect(h.model.tab == .results)
        h.press(.tab, .tab, .tab, .tab)
        #expect(h.model.tab == .schedule)
        h.press(.backTab)
        #expect(h.model.tab == .health)
        h.press(.char("q"))
        expectGolden(h.canvas(width: 80, height: 24), "quit-confirm-80x24")
        h.press(.char("n"))
        #expect(h.model.overlay == nil)
        h.press(.char("q"))
        if case .quit = h.model.handle(.char("y"), now: h.now) {} else { Issue.record("y did not quit") }
    }

    @Test("the login form, a wrong PIN, then in")
    func login() {
        var h = ConsoleHarness(boardBench(), actor: nil)
        expectGolden(h.canvas(width: 80, height: 24), "login-80x24")
        h.type("wang")
        h.press(.enter)
        h.type("1234")
        h.press(.enter)
        expectGolden(h.canvas(width: 80, height: 24), "login-wrong-80x24")
        h.type("2468")
        h.press(.enter)
        #expect(h.model.actor == Actor(.staff, "wang"))
        #expect(h.model.overlay == nil)
    }

    @Test("below 80×24 the console asks for a larger terminal")
    func tooSmall() {
        let h = ConsoleHarness(boardBench())
        #expect(screen(h.canvas(width: 60, height: 20)).contains("终端窗口太小"))
    }
}

@Suite("Console help and labels")
struct ConsoleHelpTests {
    @Test("? on every tab lists that tab's keys and text, in both languages", arguments: ConsoleTab.allCases)
    func helpOnEveryTab(_ tab: ConsoleTab) {
        for lang in [Language.zh, .en] {
            var h = ConsoleHarness(boardBench(), lang: lang, tab: tab)
            h.press(.char("?"))
            let text = screen(h.canvas(width: 120, height: 40))
            for k in ConsoleScreen.keys(h.model) {
                #expect(text.contains(k.key) && text.contains(k.label.text(lang)), "\(tab) \(lang): \(k.key) \(k.label)")
            }
            #expect(text.contains(TextWidth.wrap(ConsoleScreen.helpText(tab).text(lang), width: 70).first ?? "-"))
        }
    }

    @Test("every console label has Chinese and English text")
    func labels() {
        for label in Label.allCases where label.rawValue.hasPrefix("console") {
            #expect(!label.text(.zh).isEmpty && !label.text(.en).isEmpty, "\(label)")
            #expect(label.text(.zh) != label.text(.en) || label.text(.en).allSatisfy { !$0.isLetter }, "\(label) is not translated")
        }
    }
}
