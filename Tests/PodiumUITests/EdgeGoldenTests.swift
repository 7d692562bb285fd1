import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// The legibility edges of issue 14: a skill longer than the board turns sub-pages, the
/// ceremony reveals the Medallions for Excellence before bronze, and the chief judge's view
/// fits 80 columns with a large panel. Goldens in EdgeGoldens.swift (record with
/// PODIUM_RECORD_GOLDENS=FILE), in Chinese and English.
@Suite("Legibility edges: sub-pages, excellence step, narrow chief view", .serialized)
struct EdgeGoldenTests {
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"]
    static let given = ["建国", "晓明", "丽华", "志强", "海燕", "子涵", "浩然", "雨桐", "俊杰", "思远", "欣怡"]

    /// The board's scene with 20 more S01 competitors (22 entrants in all with C1-C4 less the
    /// two left unmarked... every one marked), published: more than an 80×24 board holds.
    static func longSkill(ceremonyExcellence: Bool? = nil) -> BoardBench {
        var d = boardDefinition()
        d.competition.ceremonyExcellence = ceremonyExcellence
        d.competition.excellence = .threshold(Fixed2(50))
        let delegations = ["JD", "PD", "YP", "XH"]
        for i in 0..<20 {
            d.competitors.append(Competitor(id: "L\(i + 10)", name: surnames[i % surnames.count] + given[i % given.count],
                                            delegation: delegations[i % 4], skill: "S01"))
        }
        var b = BoardBench(d)
        for (i, c) in (["C1", "C2", "C3", "C4"] + (10..<30).map { "L\($0)" }).enumerated() {
            try! b.complete(c, m: Int64(4000 - i * 150), j: 3 - i / 8, skill: "S01")
        }
        b.now = boardTime(day: 21, 9, 50)
        try! b.run(.lockModule(skill: "S01", round: "final", module: "A"), boardChief)
        try! b.run(.publish(s01Final), boardStaff)
        return b
    }

    // MARK: Sub-pages

    @Test("a skill longer than the board: screen 1 of 2, then screen 2 with the rest; no “…另有 N 名”", arguments: [Language.zh, .en])
    func subPages(lang: Language) {
        let b = Self.longSkill()
        var m = boardModel(b, lang: lang, page: .skill("S01"))
        m.fit(width: 80, height: 24)
        #expect(m.skillRows == 15 && m.parts(of: .skill("S01"), now: boardNow) == 2)
        let first = screen(boardCanvas(m, width: 80, height: 24))
        checkGolden("subpage-1-\(lang)-80x24", first, in: edgeGoldens)
        m.nextPage(now: boardNow)
        #expect(m.page == .skill("S01") && m.subPage == 1)
        let second = screen(boardCanvas(m, width: 80, height: 24))
        checkGolden("subpage-2-\(lang)-80x24", second, in: edgeGoldens)
        for text in [first, second] { #expect(!text.contains("另有") && !text.contains("more")) }
        // Every competitor is on one of the two screens.
        // Every competitor is in the table of exactly one of the two screens.
        func table(_ s: String) -> String { s.split(separator: "\n").filter { $0.hasPrefix("│") }.joined(separator: "\n") }
        for c in b.state.competitors.items where c.skill == "S01" {
            #expect(table(first).contains(c.name) != table(second).contains(c.name), "\(c.name) on exactly one screen")
        }
    }

    @Test("the rotation turns through a skill's sub-pages, each for the page time; ← goes back a screen; a bigger screen needs fewer")
    func subPageRotation() {
        var m = boardModel(Self.longSkill(), page: .medals)
        m.fit(width: 80, height: 24)
        let t0 = boardNow
        m.go(to: .skill("S01"), now: t0)
        let turned = m.advance(to: t0.addingTimeInterval(10))
        #expect(turned)
        #expect(m.page == .skill("S01") && m.subPage == 1)
        let turnedAgain = m.advance(to: t0.addingTimeInterval(20))
        #expect(turnedAgain)
        #expect(m.page == .skill("S02") && m.subPage == 0)
        _ = m.handle(.left, now: t0.addingTimeInterval(21))
        #expect(m.page == .skill("S01") && m.subPage == 1, "back lands on the last screen of the page before")
        _ = m.handle(.left, now: t0.addingTimeInterval(22))
        #expect(m.page == .skill("S01") && m.subPage == 0)
        _ = m.handle(.left, now: t0.addingTimeInterval(23))
        #expect(m.page == .medals)
        m.fit(width: 200, height: 60)
        #expect(m.parts(of: .skill("S01"), now: t0) == 1, "200×60 holds all 24")
        // Short skills and other pages have one screen.
        #expect(m.parts(of: .skill("S02"), now: t0) == 1 && m.parts(of: .medals, now: t0) == 1)
    }

    @Test("the txt snapshot prints every sub-page")
    func snapshotSubPages() {
        let m = boardModel(Self.longSkill(), lang: .zh)
        let text = BoardSnapshot.text(m, width: 80, height: 24, now: boardNow)
        #expect(text.contains("第 1/2 屏") && text.contains("第 2/2 屏"))
        for c in m.state.competitors.items where c.skill == "S01" { #expect(text.contains(c.name), "\(c.name)") }
    }

    // MARK: Ceremony

    @Test("the ceremony's excellence step, before bronze: the holders packed several to a line", arguments: [Language.zh, .en])
    func excellenceReveal(lang: Language) throws {
        var b = Self.longSkill(ceremonyExcellence: true)
        try b.run(.startCeremony, boardStaff)
        try b.run(.ceremonyNext, boardStaff)
        guard case let .medal(_, .excellence, holders) = b.state.ceremony.step else {
            Issue.record("excellence expected at step 2: \(String(describing: b.state.ceremony.step))"); return
        }
        #expect(holders.count > 5)
        guard case .medal(_, .bronze, _) = b.state.ceremony.nextStep else { Issue.record("bronze after excellence"); return }
        let m = boardModel(b, lang: lang)
        checkGolden("excellence-\(lang)-80x24", screen(boardCanvas(m, width: 80, height: 24)), in: edgeGoldens)
        #expect(RevealText.line(b.state.ceremony.step!, state: b.state, lang: lang).hasPrefix(lang == .zh ? "工业机器人 · 决赛 · 优胜奖：" : "Industrial Robotics · Final · Excellence: "))
    }

    // MARK: Chief judge

    /// The judge fixture with a panel of seven for S01 (three more judges, one with a long
    /// Latin name), module A marked by every eligible judge, C3's A2 disputed, C2's A2 short.
    static func bigPanel() throws -> BoardBench {
        var d = JudgeFixture.definition()
        d.judges.insert(contentsOf: [Judge(id: "J5", name: "冯雪", delegation: "YP", skills: ["S01"]),
                                     Judge(id: "J6", name: "Anna Kowalski", delegation: "JD", skills: ["S01"]),
                                     Judge(id: "J7", name: "欧阳建国", delegation: "PD", skills: ["S01"])], at: 4)
        var b = BoardBench(d)
        b.now = JudgeFixture.now
        let eligible = ["J1", "J2", "J3", "J4", "J5", "J6", "J7", "K1"]
        for c in ["C1", "C2", "C3"] {
            try b.run(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: c, aspect: "A1", value: .measurement(Fixed2(8)))], reason: nil),
                      Actor(.judge, "J2"))
            let delegation = b.state.competitors[c]!.delegation
            for (i, j) in eligible.filter({ b.state.judges[$0]!.delegation != delegation }).enumerated() {
                if c == "C2" && i >= 2 { break }
                let score = c == "C3" ? (i == 0 ? 0 : 2) : 2 + i % 2
                try b.run(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: c, aspect: "A2", value: .judgement(score))], reason: nil),
                          Actor(j == "K1" ? .chief : .judge, j))
            }
        }
        return b
    }

    @Test("chief judge's view at 80 columns with a panel of seven: judges numbered above, one slot each; the wide form where it fits",
          arguments: [Language.zh, .en])
    func chiefNarrow(lang: Language) throws {
        let b = try Self.bigPanel()
        var m = JudgeModel(state: b.state, options: JudgeOptions(lang: lang, judgeID: "K1"), actor: Actor(.chief, "K1"))
        m.page = .chief(RoundKey(skill: "S01", round: "final"), module: "A")
        let narrow = screen(JudgeScreen.render(m, width: 80, height: 24, now: JudgeFixture.now))
        checkGolden("chief-panel7-\(lang)-80x24", narrow, in: edgeGoldens)
        for line in narrow.split(separator: "\n") { #expect(TextWidth.width(of: String(line)) <= 80) }
        let wide = screen(JudgeScreen.render(m, width: 160, height: 24, now: JudgeFixture.now))
        checkGolden("chief-panel7-\(lang)-160x24", wide, in: edgeGoldens)
    }
}
