import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// The board shows a round's marks and order only when the competition's results policy makes
/// them public: `live` while marking, `on-publish` from publication, `at-ceremony` from the
/// closing ceremony for final results. Everything the board can draw is searched: every page at
/// both sizes in both languages, the skill picker, and the ticker's whole text.
@Suite("Board: unpublished results never appear")
struct BoardPolicyTests {
    /// S01's competitors and their scores (S01 is the skill the scenes mark fully).
    static let s01Names = ["张伟", "欧阳娜娜", "Jos", "Brown"]
    static let s01Scores = ["95.50", "80.00", "77.25", "30.00"]
    /// S02's competitors (half marked, never published).
    static let s02Names = ["李强", "王芳", "陈杰"]

    /// All the text the board could show at `now`.
    static func everything(_ model: BoardModel, now: Date) -> String {
        var lines: [String] = []
        for lang in Language.allCases {
            var m = model
            m.options.lang = lang
            for page in m.pages {
                m.page = page
                m.overlay = nil
                for (w, h) in [(80, 24), (120, 30), (200, 60)] { lines += boardCanvas(m, width: w, height: h, now: now).lines() }
            }
            m.overlay = .skillPicker(selection: 0)
            lines += boardCanvas(m, width: 80, height: 24, now: now).lines()
            lines += m.tickerItems(now: now).map(\.text)
            // The static snapshots (`podium snapshot`) show the same public board.
            lines.append(BoardSnapshot.text(m, width: 100, height: 30, now: now))
            lines.append(BoardSnapshot.html(m, now: now))
        }
        return lines.joined(separator: "\n")
    }

    static func shows(_ text: String, any words: [String]) -> [String] { words.filter { text.contains($0) } }

    /// S01 marked in full; S02 half marked; nothing locked or published yet.
    func marked(_ policy: ResultsPolicy) -> BoardBench { boardBench(policy: policy, publish: false) }

    @Test("on-publish: marked and even locked results stay hidden; publication shows them")
    func onPublish() throws {
        var b = marked(.onPublish)
        var text = Self.everything(boardModel(b), now: boardNow)
        #expect(Self.shows(text, any: Self.s01Names + Self.s01Scores + Self.s02Names).isEmpty)
        #expect(text.contains("评分中 100%") && text.contains("marking 50%"))

        b.now = boardTime(day: 21, 9, 50)
        try b.run(.lockModule(skill: "S01", round: "final", module: "A"), boardChief)
        text = Self.everything(boardModel(b), now: boardNow)
        #expect(Self.shows(text, any: Self.s01Names + Self.s01Scores + Self.s02Names).isEmpty)
        #expect(text.contains("评分完成，等待公布") && text.contains("尚未产生"), "no team awards from hidden results")

        try b.run(.publish(s01Final), boardStaff)
        text = Self.everything(boardModel(b), now: boardNow)
        #expect(Self.shows(text, any: Self.s01Names + Self.s01Scores).count == 8)
        #expect(Self.shows(text, any: Self.s02Names).isEmpty, "S02 is still unpublished")
        #expect(text.contains("成绩公布：工业机器人 · 决赛，金牌 张伟（嘉定区）"))
    }

    @Test("at-ceremony: published and final results stay hidden until the closing ceremony")
    func atCeremony() throws {
        var b = marked(.atCeremony)
        b.now = boardTime(day: 21, 9, 50)
        try b.run(.lockModule(skill: "S01", round: "final", module: "A"), boardChief)
        try b.run(.publish(s01Final), boardStaff)
        let published = b
        try b.run(.finalize(s01Final), boardStaff)

        // Final, but before the ceremony: hidden, and the ticker does not announce it.
        var text = Self.everything(boardModel(b), now: boardNow)
        #expect(Self.shows(text, any: Self.s01Names + Self.s01Scores + Self.s02Names).isEmpty)
        #expect(!text.contains("成绩公布") && !text.contains("成绩确认") && !text.contains("Results published"))
        #expect(text.contains("成绩将在闭幕式上揭晓"))

        // One second before the closing: still hidden.
        let before = boardClosing.addingTimeInterval(-1)
        text = Self.everything(boardModel(b, now: before), now: before)
        #expect(Self.shows(text, any: Self.s01Names + Self.s01Scores).isEmpty)

        // At the closing: revealed (the closing page names the team awards too).
        text = Self.everything(boardModel(b, now: boardClosing), now: boardClosing)
        #expect(Self.shows(text, any: Self.s01Names + Self.s01Scores).count == 8)
        #expect(text.contains("团体金奖  嘉定区"))
        #expect(Self.shows(text, any: Self.s02Names).isEmpty)

        // Published but not final: hidden even after the closing.
        text = Self.everything(boardModel(published, now: boardClosing), now: boardClosing)
        #expect(Self.shows(text, any: Self.s01Names + Self.s01Scores).isEmpty)
    }

    @Test("live: standings show while marking, provisional ones marked; a freeze holds the public view")
    func live() throws {
        var b = BoardBench(boardDefinition(policy: .live))
        try b.complete("C1", m: 3550, j: 3, skill: "S01")   // 95.50
        try b.measure("C2", m: 3725, skill: "S01")          // 37.25, judgement missing: provisional
        var m = boardModel(b, page: .skill("S01"))
        let canvas = boardCanvas(m, width: 80, height: 24)
        let text = canvas.lines().joined(separator: "\n")
        #expect(text.contains("张伟") && text.contains("95.50") && text.contains("欧阳娜娜") && text.contains("37.25"))
        #expect(text.contains("实时成绩，尚未确认"))
        let row = canvas.lines().firstIndex { $0.contains("欧阳娜娜") }!
        #expect(canvas.lines()[row].hasSuffix("暂定 │"))
        #expect(canvas[20, row].style == Style(.provisional))

        // Frozen: later marks stay off the board until publication.
        try b.run(.freeze(s01Final), boardStaff)
        try b.complete("C3", m: 4000, j: 3, skill: "S01")   // 100.00, after the freeze
        m = boardModel(b, page: .skill("S01"))
        let frozen = Self.everything(m, now: boardNow)
        #expect(!frozen.contains("100.00"))
        #expect(m.state.standings(s01Final).entries.first?.raw == Fixed2(100), "staff see it")
    }

    @Test("a skill that is not public shows progress only: no names, no scores, no ranks")
    func progressOnly() {
        let b = boardBench()
        let canvas = boardCanvas(boardModel(b, page: .skill("S02")), width: 200, height: 60)
        let page = canvas.lines().map { String($0.prefix(126)) }.joined(separator: "\n")   // the page, not the side column
        #expect(page.contains("评分中 50%"))
        #expect(Self.shows(page, any: Self.s02Names + ["名次", "70.00", "25.00"]).isEmpty)
    }
}
