import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// The judge model without a disk: the key rules of a mark field, and leaving sheets.
@Suite("Judge model")
struct JudgeModelTests {
    static func state() -> VenueState {
        var s = VenueState()
        let events = try! Decide.decide(.defineCompetition(JudgeFixture.definition()), on: s, by: Actor(.system, "init"), now: JudgeFixture.now)
        for e in events { s.apply(EventRecord(seq: s.lastSeq + 1, time: JudgeFixture.now, actor: "system:init", event: e)) }
        return s
    }

    func field(_ text: String, cursor: Int? = nil) -> TextField {
        var f = TextField(text: text)
        if let cursor { f.moveHome(); for _ in 0..<cursor { f.moveRight() } }
        return f
    }

    @Test("measurement keys: a prefix of 0..max with up to two decimals, wherever the cursor is")
    func measurementKeys() {
        let a = Aspect(id: "A1", type: .M, max: Fixed2(40), text: "x")
        let ok: [(String, Int?, Character)] = [("", nil, "4"), ("4", nil, "0"), ("40", nil, "."), ("40.", nil, "0"), ("3", nil, "."),
                                                ("39.9", nil, "9"), ("", nil, "."), ("0", nil, "."), ("5", 0, "3")]
        for (text, cursor, c) in ok {
            #expect(JudgeModel.refusal(inserting: c, into: field(text, cursor: cursor), aspect: a, lang: .en) == nil, "\(text) + \(c)")
        }
        let refused: [(String, Int?, Character, String)] = [
            ("4", nil, "1", "41 is above the maximum 40.00 of A1"), ("40.", nil, "1", "above the maximum"),
            ("3.25", nil, "1", "two decimals"), ("3.", nil, ".", "one decimal point"), ("0", nil, "5", "does not start with 0"),
            ("5", 0, "9", "95 is above"), ("12.5", 0, ".", "one decimal point"),
        ]
        for (text, cursor, c, why) in refused {
            let r = JudgeModel.refusal(inserting: c, into: field(text, cursor: cursor), aspect: a, lang: .en)
            #expect(r?.contains(why) == true, "\(text) + \(c): \(String(describing: r))")
        }
        #expect(JudgeModel.value(of: "12.", aspect: a) == .measurement(Fixed2(12)))
        #expect(JudgeModel.value(of: ".5", aspect: a) == .measurement(Fixed2(hundredths: 50)))
        #expect(JudgeModel.value(of: "", aspect: a) == nil)
    }

    @Test("judgement keys: one digit 0-3")
    func judgementKeys() {
        let a = Aspect(id: "A2", type: .J, max: Fixed2(30), text: "x")
        for c in "0123" { #expect(JudgeModel.refusal(inserting: c, into: field(""), aspect: a, lang: .zh) == nil) }
        #expect(JudgeModel.refusal(inserting: "4", into: field(""), aspect: a, lang: .zh) == "4 超出范围：评价分为 0–3")
        #expect(JudgeModel.refusal(inserting: ".", into: field(""), aspect: a, lang: .zh)?.contains("整数") == true)
        #expect(JudgeModel.refusal(inserting: "1", into: field("2"), aspect: a, lang: .zh)?.contains("一位数字") == true)
    }

    @Test("leaving a sheet: an empty one at once, a typed one only after y")
    func leavingSheets() {
        var m = JudgeModel(state: Self.state(), options: JudgeOptions(lang: .zh), actor: Actor(.judge, "J2"))
        for k in [Key.enter, .enter, .enter] { _ = m.handle(k, now: JudgeFixture.now) }
        guard case .sheet = m.page else { Issue.record("\(m.page)"); return }
        _ = m.handle(.escape, now: JudgeFixture.now)
        #expect(m.draft == nil)
        #expect(m.page == .competitors(RoundKey(skill: "S01", round: "final"), module: "A"))
        _ = m.handle(.enter, now: JudgeFixture.now)
        _ = m.handle(.char("7"), now: JudgeFixture.now)
        _ = m.handle(.escape, now: JudgeFixture.now)
        #expect(m.overlay == .discard)
        _ = m.handle(.char("n"), now: JudgeFixture.now)
        #expect(m.draft?.fields["A1"]?.text == "7")
        _ = m.handle(.escape, now: JudgeFixture.now)
        _ = m.handle(.char("y"), now: JudgeFixture.now)
        #expect(m.draft == nil && m.overlay == nil)
        // q backs out a page at a time; only at home does it quit.
        _ = m.handle(.char("q"), now: JudgeFixture.now)
        #expect(m.page == .modules(RoundKey(skill: "S01", round: "final")))
        _ = m.handle(.char("q"), now: JudgeFixture.now)
        #expect(m.page == .home)
        guard case .quit = m.handle(.char("q"), now: JudgeFixture.now) else { Issue.record("q at home"); return }
    }
}
