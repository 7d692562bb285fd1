import Foundation
import Testing
@testable import PodiumCore

/// What each actor may see (Visibility): a judge sees totals and ranks of their own skills and
/// only public results of the others; panel scores stay hidden until the panel is complete,
/// except from the chief judge and staff.
@Suite("Visibility")
struct VisibilityTests {
    @Test("a judge sees the standings of their own skills, of others only what is public")
    func standings() throws {
        var b = Bench(markingDefinition())
        // J4 judges S01 only; J5 judges S02 only.
        try b.complete("C1", m: 3550, j: [2, 2, 3])
        try b.complete("D1", m: 2000, j: [1, 1, 1], skill: "S02", round: "pre")
        let s02 = RoundKey(skill: "S02", round: "pre")
        let j4 = Actor(.judge, "J4"), j5 = Actor(.judge, "J5")
        #expect(Visibility.standings(s01, for: j4, on: b.state, now: b.now)?.entries.first?.competitor == "C1")
        #expect(Visibility.standings(s02, for: j4, on: b.state, now: b.now) == nil, "another skill, unpublished")
        #expect(Visibility.standings(s02, for: j5, on: b.state, now: b.now) != nil)
        #expect(Visibility.standings(s01, for: j5, on: b.state, now: b.now) == nil)
        #expect(Visibility.standings(s02, for: Actor(.staff, "desk"), on: b.state, now: b.now) != nil)
        #expect(Visibility.standings(s01, for: Actor(.spectator, "x"), on: b.state, now: b.now) == nil)
        // An unknown judge id sees only the public view.
        #expect(Visibility.standings(s01, for: Actor(.judge, "NOBODY"), on: b.state, now: b.now) == nil)
        // Once S01 is complete, signed off and published, everyone sees it.
        try b.complete("C2", m: 1000, j: [1, 1, 1])
        try b.complete("C3", m: 1000, j: [0, 0, 0])
        try b.run(.lockModule(skill: "S01", round: "final", module: "A"), Actor(.chief, "K1"))
        try b.run(.publish(s01), Actor(.staff, "desk"))
        #expect(Visibility.standings(s01, for: j5, on: b.state, now: b.now)?.status == .published)
    }

    @Test("panel status: who has scored; values once the panel is complete; the chief always")
    func panel() throws {
        var b = Bench(markingDefinition())
        try b.mark("J1", "C1", "A2", .judgement(2))
        try b.mark("J2", "C1", "A2", .judgement(3))
        let j1 = Visibility.panel(s01, competitor: "C1", aspect: "A2", for: Actor(.judge, "J1"), on: b.state)!
        // C1 is of JD: J3 (JD) is not in the panel.
        #expect(j1.seats.map(\.judge) == ["J1", "J2", "J4", "K1"])
        #expect(j1.seats.map(\.scored) == [true, true, false, false])
        #expect(j1.seats.map(\.score) == [2, nil, nil, nil], "only my own score until the panel is complete")
        #expect(!j1.valuesShown && j1.scored == 2 && j1.needed == 3 && !j1.complete)
        let chief = Visibility.panel(s01, competitor: "C1", aspect: "A2", for: Actor(.chief, "K1"), on: b.state)!
        #expect(chief.valuesShown && chief.seats.map(\.score) == [2, 3, nil, nil])
        try b.mark("J4", "C1", "A2", .judgement(2))
        let after = Visibility.panel(s01, competitor: "C1", aspect: "A2", for: Actor(.judge, "J1"), on: b.state)!
        #expect(after.complete && after.valuesShown && after.seats.map(\.score) == [2, 3, 2, nil])
        // Not assigned to the skill, or not a judgement aspect: nothing.
        #expect(Visibility.panel(s01, competitor: "C1", aspect: "A2", for: Actor(.judge, "J5"), on: b.state) == nil)
        #expect(Visibility.panel(s01, competitor: "C1", aspect: "A1", for: Actor(.judge, "J1"), on: b.state) == nil)
        #expect(Visibility.seesAllScores(Actor(.chief, "K1"), of: "S01", on: b.state))
        #expect(!Visibility.seesAllScores(Actor(.judge, "J1"), of: "S01", on: b.state))
        // A judge claiming the chief's role is still judged by the definition.
        #expect(!Visibility.seesAllScores(Actor(.chief, "J1"), of: "S01", on: b.state))
    }
}
