import Foundation
import Testing
@testable import PodiumCore

/// A small competition in code: S01 (final only) and S02 (preliminary, top 2 advance, then final),
/// each with module A = A1 (M, max 40) + A2 (J, max 60).
func markingDefinition(policy: ResultsPolicy = .onPublish) -> CompetitionDefinition {
    var info = CompetitionInfo(id: "t", name: LocalizedText(zh: "测试赛", en: "Test"), timezone: "Asia/Shanghai",
                               closing: Date(timeIntervalSince1970: 1_750_748_400))
    info.resultsPolicy = policy
    var d = CompetitionDefinition(competition: info)
    d.sites = [Site(id: "main", name: LocalizedText("主赛区"))]
    d.delegations = ["JD", "PD", "YP"].map { Delegation(id: $0, name: LocalizedText($0)) }
    let module = Module(id: "A", name: LocalizedText("编程"), aspects: [
        Aspect(id: "A1", type: .M, max: Fixed2(40), text: "程序运行"),
        Aspect(id: "A2", type: .J, max: Fixed2(60), text: "路径质量"),
    ])
    d.skills = [
        Skill(id: "S01", name: LocalizedText("工业机器人"), origin: .worldskills, kind: .official, panel: 3,
              rounds: [Round(id: "final", name: LocalizedText("决赛"))], modules: [module]),
        Skill(id: "S02", name: LocalizedText("焊接"), origin: .national, kind: .official, panel: 3,
              rounds: [Round(id: "pre", name: LocalizedText("预赛"), advance: 2), Round(id: "final", name: LocalizedText("决赛"))],
              modules: [module]),
    ]
    d.competitors = [
        Competitor(id: "C1", name: "张伟", delegation: "JD", skill: "S01"),
        Competitor(id: "C2", name: "王芳", delegation: "PD", skill: "S01"),
        Competitor(id: "C3", name: "李强", delegation: "YP", skill: "S01"),
        Competitor(id: "D1", name: "赵敏", delegation: "JD", skill: "S02"),
        Competitor(id: "D2", name: "陈杰", delegation: "PD", skill: "S02"),
        Competitor(id: "D3", name: "刘洋", delegation: "YP", skill: "S02"),
    ]
    d.judges = [
        Judge(id: "J1", name: "孙丽", delegation: "PD", skills: ["S01", "S02"]),
        Judge(id: "J2", name: "周涛", delegation: "YP", skills: ["S01", "S02"]),
        Judge(id: "J3", name: "吴刚", delegation: "JD", skills: ["S01", "S02"]),
        Judge(id: "J4", name: "郑红", delegation: "PD", skills: ["S01"]),
        Judge(id: "J5", name: "冯雪", delegation: "PD", skills: ["S02"]),
        Judge(id: "K1", name: "马丁", delegation: "YP", skills: ["S01", "S02"], chief: true),
    ]
    return d
}

/// Decide and fold in memory, exactly as a venue does, without a disk.
struct Bench {
    var state = VenueState()
    var now = Date(timeIntervalSince1970: 1_750_400_000)

    init(_ def: CompetitionDefinition) {
        try! run(.defineCompetition(def), Actor(.system, "init"))
    }

    mutating func run(_ c: Command, _ a: Actor) throws(CommandError) {
        let events = try Decide.decide(c, on: state, by: a, now: now)
        for e in events { state.apply(EventRecord(seq: state.lastSeq + 1, time: now, actor: a.logName, event: e)) }
    }

    mutating func mark(_ judge: String, _ competitor: String, _ aspect: String, _ v: MarkValue, skill: String = "S01",
                       round: String = "final", reason: String? = nil) throws(CommandError) {
        try run(.submitMarks(skill: skill, round: round, marks: [MarkInput(competitor: competitor, aspect: aspect, value: v)], reason: reason),
                Actor(.judge, judge))
    }

    /// A1 measurement and A2 judgement by a full, agreeing panel that has no compatriot.
    mutating func complete(_ competitor: String, m: Int64, j: [Int], skill: String = "S01", round: String = "final") throws(CommandError) {
        try mark("J1", competitor, "A1", .measurement(Fixed2(hundredths: m)), skill: skill, round: round)
        let delegation = state.competitors[competitor]!.delegation
        let panel = ["J1", "J2", "J3", "J4", "J5", "K1"].filter { state.judges[$0]!.delegation != delegation && state.judges[$0]!.skills.contains(skill) }
        for (judge, score) in zip(panel, j) {
            try run(.submitMarks(skill: skill, round: round, marks: [MarkInput(competitor: competitor, aspect: "A2", value: .judgement(score))], reason: nil),
                    Actor(judge == "K1" ? .chief : .judge, judge))
        }
    }

    func entry(_ c: String, _ key: RoundKey = RoundKey(skill: "S01", round: "final")) -> StandingEntry {
        state.standings(key).entries.first { $0.competitor == c }!
    }
}

let s01 = RoundKey(skill: "S01", round: "final")
let chief = Actor(.chief, "K1")
let staff = Actor(.staff, "wang")

func refused(_ kind: CommandError.Kind, containing text: String, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a refusal containing \"\(text)\"")
    } catch let error as CommandError {
        #expect(error.kind == kind, "\(error)")
        #expect(error.message.contains(text), "\(error.message)")
    } catch {
        Issue.record("expected a CommandError, got \(error)")
    }
}

@Suite("Marking rules, worked through decide and the fold")
struct MarkingTests {
    @Test("Judgement mean: 2, 2, 3 of max 60 is 7/9 × 60 = 46.67; with A1 = 35.50 the raw total is 82.17")
    func judgementMean() throws {
        var b = Bench(markingDefinition())
        // C1 is Jiading; J3 is too, so the panel is J1, J2, J4.
        try b.complete("C1", m: 3550, j: [2, 2, 3])
        let e = b.entry("C1")
        // 35.50 + 46.666… = 82.1666… → 82.17 (rounded once, at the end).
        #expect(e.raw == Fixed2(hundredths: 8217))
        #expect(e.provisional == false)
        #expect(e.moduleTotals == [Fixed2(hundredths: 8217)])
    }

    @Test("A spread above 1 (1, 3, 2) is disputed: adds 0 and makes the entry provisional; a spread of exactly 1 counts")
    func spread() throws {
        var b = Bench(markingDefinition())
        try b.complete("C1", m: 4000, j: [1, 3, 2])
        #expect(b.entry("C1").raw == Fixed2(40))
        #expect(b.entry("C1").provisional)
        #expect(b.state.rounds[s01]!.sheets["C1"]!.disputed == ["A2"])
        try b.complete("C2", m: 4000, j: [2, 3, 2]) // spread 1: 7/9 × 60 = 46.67
        #expect(b.entry("C2").raw == Fixed2(hundredths: 8667))
        #expect(!b.entry("C2").provisional)
    }

    @Test("An incomplete panel (2 of 3 judges) adds 0 and is provisional")
    func incompletePanel() throws {
        var b = Bench(markingDefinition())
        try b.mark("J1", "C1", "A1", .measurement(Fixed2(30)))
        try b.mark("J1", "C1", "A2", .judgement(3))
        try b.mark("J2", "C1", "A2", .judgement(3))
        #expect(b.entry("C1").raw == Fixed2(30))
        #expect(b.entry("C1").provisional)
        try b.mark("J4", "C1", "A2", .judgement(3))
        #expect(b.entry("C1").raw == Fixed2(90))
        #expect(!b.entry("C1").provisional)
    }

    @Test("No judgement scores for one's own delegation (a measurement mark is allowed); the rule can be turned off")
    func compatriots() throws {
        var b = Bench(markingDefinition())
        refused(.forbidden, containing: "same delegation") { try b.mark("J3", "C1", "A2", .judgement(2)) }
        try b.mark("J3", "C1", "A1", .measurement(Fixed2(20)))
        var def = markingDefinition()
        def.competition.judgeOwnDelegation = true
        var open = Bench(def)
        try open.mark("J3", "C1", "A2", .judgement(2))
    }

    @Test("Corrections: a second entry needs a reason; the latest counts")
    func corrections() throws {
        var b = Bench(markingDefinition())
        try b.complete("C2", m: 2000, j: [1, 1, 1]) // 20 + 20 = 40
        // C2 is Pudong: the panel is J2, J3 and K1.
        refused(.invalid, containing: "needs a reason") { try b.mark("J2", "C2", "A2", .judgement(3)) }
        refused(.invalid, containing: "needs a reason") { try b.mark("J3", "C2", "A1", .measurement(Fixed2(30))) }
        try b.mark("J1", "C2", "A1", .measurement(Fixed2(30)), reason: "计时复核")
        try b.mark("J2", "C2", "A2", .judgement(2), reason: "misread the sheet")
        // A1 30 + A2 (2+1+1)/9 × 60 = 26.666… → 56.67
        #expect(b.entry("C2").raw == Fixed2(hundredths: 5667))
    }

    @Test("Ranges and types: M is 0…max in hundredths, J is a whole 0-3, and the type must match")
    func ranges() throws {
        var b = Bench(markingDefinition())
        refused(.invalid, containing: "out of range") { try b.mark("J1", "C1", "A1", .measurement(Fixed2(hundredths: 4001))) }
        refused(.invalid, containing: "out of range") { try b.mark("J1", "C1", "A1", .measurement(Fixed2(hundredths: -1))) }
        refused(.invalid, containing: "whole 0, 1, 2 or 3") { try b.mark("J1", "C1", "A2", .judgement(4)) }
        refused(.invalid, containing: "judgement aspect") { try b.mark("J1", "C1", "A2", .measurement(Fixed2(2))) }
        refused(.invalid, containing: "measurement aspect") { try b.mark("J1", "C1", "A1", .judgement(2)) }
        refused(.notFound, containing: "no aspect") { try b.mark("J1", "C1", "Z9", .judgement(2)) }
        refused(.notFound, containing: "no competitor") { try b.mark("J1", "D1", "A1", .measurement(Fixed2(1))) }
        #expect(b.state.rounds[s01] == nil, "nothing refused reached the fold")
    }

    @Test("Only judges assigned to the skill mark; staff and spectators never do")
    func assignment() throws {
        var b = Bench(markingDefinition())
        refused(.forbidden, containing: "not assigned") {
            try b.run(.submitMarks(skill: "S02", round: "pre", marks: [MarkInput(competitor: "D1", aspect: "A1", value: .measurement(Fixed2(1)))], reason: nil),
                      Actor(.judge, "J4"))
        }
        refused(.forbidden, containing: "judges only") {
            try b.run(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: "C1", aspect: "A1", value: .measurement(Fixed2(1)))], reason: nil), staff)
        }
        refused(.forbidden, containing: "no judge") {
            try b.run(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: "C1", aspect: "A1", value: .measurement(Fixed2(1)))], reason: nil),
                      Actor(.judge, "J99"))
        }
    }

    @Test("A sheet is all or nothing: one bad mark refuses the whole sheet")
    func atomicSheet() throws {
        var b = Bench(markingDefinition())
        refused(.invalid, containing: "mark 2 (C2 A1)") {
            try b.run(.submitMarks(skill: "S01", round: "final", marks: [
                MarkInput(competitor: "C1", aspect: "A1", value: .measurement(Fixed2(10))),
                MarkInput(competitor: "C2", aspect: "A1", value: .measurement(Fixed2(99))),
            ], reason: nil), Actor(.judge, "J1"))
        }
        #expect(b.state.rounds[s01] == nil)
    }

    @Test("Locks: only the chief signs off, only when complete and undisputed; locked marks cannot change; staff unlock with a reason")
    func locks() throws {
        var b = Bench(markingDefinition())
        try b.complete("C1", m: 3000, j: [2, 2, 2])
        try b.complete("C2", m: 3000, j: [1, 3, 3])
        refused(.forbidden, containing: "not the chief") { try b.run(.lockModule(skill: "S01", round: "final", module: "A"), Actor(.judge, "J1")) }
        refused(.conflict, containing: "disputed") { try b.run(.lockModule(skill: "S01", round: "final", module: "A"), chief) }
        try b.run(.requestRemark(skill: "S01", round: "final", competitor: "C2", aspect: "A2", note: "分差过大，请复评"), chief)
        #expect(b.state.rounds[s01]!.remarkRequests["C2"] == ["A2"])
        // Re-marking answers the request without a separate reason (C2's panel: J2 1, J3 3, K1 3).
        try b.mark("J2", "C2", "A2", .judgement(2))
        #expect(b.state.rounds[s01]!.remarkRequests["C2"] == nil)
        refused(.conflict, containing: "missing") { try b.run(.lockModule(skill: "S01", round: "final", module: "A"), chief) }
        try b.complete("C3", m: 1000, j: [1, 1, 1])
        try b.run(.lockModule(skill: "S01", round: "final", module: "A"), chief)
        #expect(b.state.status(s01) == .locked)
        refused(.conflict, containing: "locked") { try b.mark("J1", "C1", "A1", .measurement(Fixed2(1)), reason: "late fix") }
        refused(.forbidden, containing: "staff only") { try b.run(.unlockModule(skill: "S01", round: "final", module: "A", reason: "x"), chief) }
        refused(.invalid, containing: "needs a reason") { try b.run(.unlockModule(skill: "S01", round: "final", module: "A", reason: "  "), staff) }
        try b.run(.unlockModule(skill: "S01", round: "final", module: "A", reason: "申诉复核"), staff)
        #expect(b.state.status(s01) == .marking)
        try b.mark("J1", "C1", "A1", .measurement(Fixed2(31)), reason: "申诉复核")
        #expect(b.entry("C1").raw == Fixed2(71))
    }

    @Test("Publication: marking → locked → published → final, with their guards, under on-publish")
    func publication() throws {
        var b = Bench(markingDefinition())
        try b.complete("C1", m: 3000, j: [3, 3, 3]) // 90
        try b.complete("C2", m: 2000, j: [2, 2, 2]) // 60
        refused(.conflict, containing: "before every module is signed off") { try b.run(.publish(s01), staff) }
        refused(.conflict, containing: "missing or disputed") { try b.run(.finalize(s01), staff) }
        try b.complete("C3", m: 1000, j: [1, 1, 1]) // 30
        #expect(b.state.publicStandings(s01, now: b.now) == nil, "on-publish: nothing public while marking")
        try b.run(.lockModule(skill: "S01", round: "final", module: "A"), chief)
        #expect(b.state.publicStandings(s01, now: b.now) == nil, "locked is not yet published")
        refused(.conflict, containing: "published first") { try b.run(.finalize(s01), staff) }
        refused(.forbidden, containing: "staff only") { try b.run(.publish(s01), chief) }
        try b.run(.publish(s01), staff)
        #expect(b.state.status(s01) == .published)
        let shown = try #require(b.state.publicStandings(s01, now: b.now))
        #expect(shown.entries.map(\.competitor) == ["C1", "C2", "C3"])
        #expect(shown.entries.map(\.medal) == [.gold, .silver, .bronze])
        try b.run(.finalize(s01), staff)
        #expect(b.state.status(s01) == .final)
        refused(.conflict, containing: "final") { try b.run(.unlockModule(skill: "S01", round: "final", module: "A", reason: "x"), staff) }
        refused(.conflict, containing: "final") { try b.mark("J1", "C1", "A1", .measurement(Fixed2(1)), reason: "x") }
    }

    @Test("Live policy shows standings while marking; a freeze keeps the public view until publication")
    func liveAndFreeze() throws {
        var b = Bench(markingDefinition(policy: .live))
        try b.complete("C1", m: 1000, j: [1, 1, 1]) // 30
        try b.complete("C2", m: 2000, j: [2, 2, 2]) // 60
        #expect(b.state.publicStandings(s01, now: b.now)?.entries.first?.competitor == "C2")
        try b.run(.freeze(s01), staff)
        try b.complete("C3", m: 4000, j: [3, 3, 3]) // 100: leads, but after the freeze
        #expect(b.state.standings(s01).entries.first?.competitor == "C3")
        let frozen = b.state.publicStandings(s01, now: b.now)?.entries
        #expect(frozen?.map(\.competitor) == ["C2", "C1", "C3"], "the public sees the frozen view")
        #expect(frozen?.last?.raw == .zero)
        try b.run(.lockModule(skill: "S01", round: "final", module: "A"), chief)
        try b.run(.publish(s01), staff)
        #expect(b.state.publicStandings(s01, now: b.now)?.entries.first?.competitor == "C3")
    }

    @Test("At-ceremony policy: final results stay hidden until the closing ceremony")
    func atCeremony() throws {
        var b = Bench(markingDefinition(policy: .atCeremony))
        for (c, m) in [("C1", Int64(1000)), ("C2", 2000), ("C3", 3000)] { try b.complete(c, m: m, j: [2, 2, 2]) }
        try b.run(.lockModule(skill: "S01", round: "final", module: "A"), chief)
        try b.run(.publish(s01), staff)
        try b.run(.finalize(s01), staff)
        #expect(b.state.publicStandings(s01, now: b.now) == nil)
        let closing = b.state.competition!.closing
        #expect(b.state.publicStandings(s01, now: closing)?.entries.count == 3)
    }

    @Test("Advancement: the top 2 of the preliminary are the final's entrants; others cannot be marked there")
    func advancement() throws {
        var b = Bench(markingDefinition())
        let pre = RoundKey(skill: "S02", round: "pre"), fin = RoundKey(skill: "S02", round: "final")
        try b.complete("D1", m: 1000, j: [1, 1, 1], skill: "S02", round: "pre") // 30
        try b.complete("D2", m: 3000, j: [3, 3, 3], skill: "S02", round: "pre") // 90
        try b.complete("D3", m: 2000, j: [2, 2, 2], skill: "S02", round: "pre") // 60
        #expect(b.state.standings(pre).entries.map(\.advances) == [true, true, false])
        #expect(b.state.entrants(fin) == ["D2", "D3"])
        refused(.invalid, containing: "not in round final") {
            try b.mark("J1", "D1", "A1", .measurement(Fixed2(1)), skill: "S02", round: "final")
        }
        try b.mark("J1", "D2", "A1", .measurement(Fixed2(1)), skill: "S02", round: "final")
        #expect(b.state.standings(pre).entries.allSatisfy { $0.medal == nil }, "no medals in a preliminary")
    }

    @Test("Delegation tables come from final rounds, and list every delegation")
    func tables() throws {
        var b = Bench(markingDefinition())
        try b.complete("C1", m: 3000, j: [3, 3, 3]) // JD gold
        try b.complete("C2", m: 3000, j: [3, 3, 3]) // PD gold too (shared first)
        try b.complete("C3", m: 1000, j: [1, 1, 1]) // YP bronze (rank 3)
        let (t, awards) = b.state.medalTables()
        #expect(t.gold.map(\.delegation) == ["JD", "PD", "YP"])
        #expect(t.gold.map(\.rank) == [1, 1, 3])
        #expect(t.points.first { $0.delegation == "YP" }!.points == 2, "S02's final has no marks: it awards nothing yet")
        #expect(awards.gold == ["JD", "PD"])
        #expect(b.state.medalTables(publicOnly: true, now: b.now).tables.points.allSatisfy { $0.points == 0 },
                "nothing is public before publication")
    }
}

@Suite("Venue on disk")
struct VenueTests {
    @Test("A refused command appends nothing; an accepted one is durable and folds like a replay")
    func refusedAppendsNothing() throws {
        let dir = TempDir()
        let venue = try Venue.create(directory: dir.file("v"), definition: markingDefinition())
        let before = try LogReader(path: venue.logPath).records().count
        #expect(throws: CommandError.self) {
            try venue.execute(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: "C1", aspect: "A2", value: .judgement(2))], reason: nil),
                              as: Actor(.judge, "J3"))
        }
        #expect(try LogReader(path: venue.logPath).records().count == before)
        let receipt = try #require(try venue.execute(.submitMarks(skill: "S01", round: "final",
            marks: [MarkInput(competitor: "C1", aspect: "A1", value: .measurement(Fixed2(hundredths: 3725)))], reason: nil), as: Actor(.judge, "J1")))
        #expect(receipt.first == UInt64(before + 1))
        #expect(venue.lastAppended.map(\.seq) == [receipt.first], "execute keeps what it appended")
        #expect(venue.lastAppended.first?.event == .markEntered(MarkEntry(skill: "S01", round: "final", competitor: "C1", aspect: "A1",
                                                                           judge: "J1", value: .measurement(Fixed2(hundredths: 3725)))))
        let replayed = try Venue(directory: dir.file("v"))
        #expect(replayed.state.standings(s01).entries == venue.state.standings(s01).entries)
        #expect(replayed.state.lastSeq == venue.state.lastSeq)
    }

    @Test("Two venues on one log: each decides against what the other appended")
    func twoWriters() throws {
        let dir = TempDir()
        let a = try Venue.create(directory: dir.file("v"), definition: markingDefinition())
        let b = try Venue(directory: dir.file("v"))
        try a.execute(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: "C1", aspect: "A1", value: .measurement(Fixed2(10)))], reason: nil),
                      as: Actor(.judge, "J1"))
        // b has not read a's mark, but its append catches up first: a second mark needs a reason.
        #expect(throws: CommandError.self) {
            try b.execute(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: "C1", aspect: "A1", value: .measurement(Fixed2(20)))], reason: nil),
                          as: Actor(.judge, "J2"))
        }
        #expect(b.state.rounds[s01]?.sheets["C1"]?.measurements["A1"] == Fixed2(10))
    }

    @Test("init refuses a bad definition and leaves nothing behind")
    func badDefinition() throws {
        let dir = TempDir()
        var def = markingDefinition()
        def.competitors.append(Competitor(id: "C9", name: "x", delegation: "NOPE", skill: "S01"))
        #expect(throws: CommandError.self) { try Venue.create(directory: dir.file("v"), definition: def) }
        #expect(!FileManager.default.fileExists(atPath: dir.file("v")))
    }
}
