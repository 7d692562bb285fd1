import Foundation
import Testing
@testable import PodiumCore

/// The fold's interned marks book: ids as indices, integer sums, marks folded from their body
/// bytes. Each is checked against the plain form it replaces: `Scoring`'s rational rules
/// recomputed from the marks, the full decode of each record, `String(validating:)`.
@Suite struct MarksBookTests {
    // MARK: - Sums: the kept total equals Scoring's, recomputed from the marks

    /// Scoring's total from nothing but the sheet's marks: the latest measurement of an M aspect,
    /// the latest scores of a J aspect's judges.
    static func recomputed(_ sheet: CompetitorSheet, _ skill: Skill) -> Scoring.Total {
        Scoring.total(modules: skill.modules.map { m in
            m.aspects.map { a in
                switch a.type {
                case .M: return Scoring.measurement(sheet.measurements[a.id])
                case .J: return Scoring.judgement(scores: Array((sheet.judgements[a.id] ?? [:]).values), max: a.max, panel: skill.panel)
                }
            }
        })
    }

    @Test func everySheetOfASimulatedWeekTotalsAsScoringRecomputesIt() {
        let run = RehearsalFeedTests.shared
        var checked = 0
        for key in run.state.roundKeys {
            guard let skill = run.state.skills[key.skill], let round = run.state.rounds[key] else { continue }
            for (competitor, sheet) in round.sheets {
                let expected = Self.recomputed(sheet, skill)
                #expect(sheet.total == expected, "\(key) \(competitor)")
                #expect(sheet.aspectsCounting == sheet.outcomes.joined().filter(\.counts).count)
                #expect(sheet.outcomes.map { $0 } == skill.modules.map { m in m.aspects.map { a in
                    a.type == .M ? Scoring.measurement(sheet.measurements[a.id])
                        : Scoring.judgement(scores: Array((sheet.judgements[a.id] ?? [:]).values), max: a.max, panel: skill.panel)
                } })
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    /// Thirds, more scores than the panel (the exact lane), a dispute healed, corrections both
    /// ways, after every single mark.
    @Test func workedSheetAfterEveryMark() throws {
        var b = Bench(markingDefinition())
        let skill = b.state.skills["S01"]!
        let steps: [(String, String, MarkValue)] = [
            ("J1", "A2", .judgement(2)),          // incomplete panel
            ("J2", "A2", .judgement(2)),
            ("J4", "A2", .judgement(3)),          // 7/9 × 60 = 46.666… → 46.67
            ("J1", "A1", .measurement(Fixed2(hundredths: 1_005))),
            ("K1", "A2", .judgement(3)),          // four scores on a panel of 3: 10/12 × 60 = 50
            ("J1", "A2", .judgement(0)),          // spread 3: disputed
            ("J1", "A2", .judgement(2)),          // healed: 10/12 × 60 = 50 again
            ("J1", "A1", .measurement(Fixed2(hundredths: 3_999))),
            ("J2", "A2", .judgement(3)),          // 11/12 × 60 = 55
        ]
        let expected: [Fixed2?] = [.zero, .zero, Fixed2(hundredths: 4_667), Fixed2(hundredths: 5_672), Fixed2(hundredths: 6_005),
                                   Fixed2(hundredths: 1_005), Fixed2(hundredths: 6_005), Fixed2(hundredths: 8_999), Fixed2(hundredths: 9_499)]
        for (i, (judge, aspect, value)) in steps.enumerated() {
            try b.run(.submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: "C1", aspect: aspect, value: value)],
                                   reason: i > 2 ? "更正" : nil), Actor(judge == "K1" ? .chief : .judge, judge))
            let sheet = b.state.rounds[s01]!.sheets["C1"]!
            #expect(sheet.total == Self.recomputed(sheet, skill), "step \(i)")
            #expect(sheet.total.rawRounded == expected[i], "step \(i)")
        }
        #expect(b.state.rounds[s01]!.sheets["C1"]!.total.provisional == false)
        #expect(b.state.standings(s01).entries.first { $0.competitor == "C1" }?.raw == Fixed2(hundredths: 9_499))
    }

    // MARK: - Marks from their bytes: the same state as the full decode

    @Test func foldingMarksFromTheirBytesGivesTheStateTheFullDecodeGives() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        let records = RehearsalFeedTests.demoRecords + RehearsalFeedTests.shared.records
        try LogWriter.create(at: path)
        let w = try LogWriter(path: path)
        for chunk in stride(from: 0, to: records.count, by: 500) {
            try w.append(actor: "test:t", timeMicros: nil) { _ in records[chunk..<min(chunk + 500, records.count)].map(\.event.entry) }
        }
        let raws = try LogReader(path: path).records()
        var fast = VenueState(), decoded = VenueState()
        for raw in raws {
            try fast.apply(raw: raw)
            decoded.apply(try EventRecord(raw))
        }
        #expect(fast.lastSeq == decoded.lastSeq && fast.lastTime == decoded.lastTime)
        #expect(RehearsalFeedTests.differences(fast, decoded, at: fast.lastSeq).isEmpty)
        for key in decoded.roundKeys {
            let a = fast.rounds[key], b = decoded.rounds[key]
            #expect((a == nil) == (b == nil))
            guard let a, let b else { continue }
            #expect(a.remarkRequests == b.remarkRequests && a.lockedModules == b.lockedModules && a.frozenAt == b.frozenAt)
            for (c, sheet) in b.sheets {
                let other = a.sheets[c]
                #expect(other?.total == sheet.total && other?.disputed == sheet.disputed, "\(key) \(c)")
                #expect(Dictionary(uniqueKeysWithValues: Array(other?.measurements ?? b.sheets[c]!.measurements)) == Dictionary(uniqueKeysWithValues: Array(sheet.measurements)))
                #expect(Dictionary(uniqueKeysWithValues: Array(other?.judgements ?? b.sheets[c]!.judgements)) == Dictionary(uniqueKeysWithValues: Array(sheet.judgements)))
            }
        }
    }

    /// A mark body the full decode refuses is refused the same way, with the record named.
    @Test func aDamagedMarkBodyIsRefusedAsTheFullDecodeRefusesIt() throws {
        var state = RehearsalFeedTests.definitionState
        let skill = state.skills.items.first { $0.kind == .official }!
        let competitor = state.competitorsBySkill[skill.id]![0]
        let judge = state.judges.items.first { $0.skills.contains(skill.id) }!
        let aspect = skill.modules[0].aspects.first { $0.type == .M }!
        let entry = MarkEntry(skill: skill.id, round: skill.rounds[0].id, competitor: competitor, aspect: aspect.id, judge: judge.id,
                              value: .measurement(Fixed2(1)), reason: "坏")
        var body = Event.markEntered(entry).encodeBody()
        body[body.count - 1] = 0xFF  // the reason's last byte: no longer UTF-8
        let raw = RawRecord(seq: state.lastSeq + 1, timeMicros: 1_750_000_000_000_000, actor: "test:t", type: 30, batchRemaining: 0,
                            body: body, chain: ChainHash(digest: [UInt8](repeating: 0, count: 32)), offset: 0)
        let before = state.lastSeq
        var expected: WireError?
        do { _ = try EventRecord(raw) } catch { expected = error as? WireError }
        #expect(expected?.message.contains("record seq") == true)
        #expect(throws: expected!) { try state.apply(raw: raw) }
        #expect(state.lastSeq == before)
        #expect(state.rounds[RoundKey(skill: skill.id, round: skill.rounds[0].id)] == nil)
    }

    // MARK: - Standings derived once per state

    /// A copy shares what the original derived until either changes; each then derives its own.
    @Test func derivedStandingsNeverOutliveTheStateTheyCameFrom() throws {
        var a = Bench(markingDefinition())
        try a.complete("C1", m: 3000, j: [3, 3, 3])
        try a.complete("C2", m: 2000, j: [2, 2, 2])
        let before = a.state.standings(s01)
        #expect(before.entries.map(\.competitor).prefix(2) == ["C1", "C2"])
        var b = a
        #expect(b.state.standings(s01).entries == before.entries)
        try b.mark("J1", "C2", "A1", .measurement(Fixed2(40)), reason: "更正")  // C2: 40 + 40 = 80 (C1: 30 + 60)
        #expect(b.entry("C2").raw == Fixed2(80))
        #expect(a.state.standings(s01).entries == before.entries, "the original is untouched")
        try a.mark("J1", "C1", "A1", .measurement(Fixed2(1)), reason: "更正")
        #expect(a.entry("C1").raw == Fixed2(61))
        #expect(b.entry("C1").raw == Fixed2(90))
        #expect(a.entry("C2").raw == Fixed2(60) && b.entry("C2").raw == Fixed2(80))
    }

    // MARK: - Pieces

    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 7)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                                    0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<rng.below(7)).map { _ in interesting[rng.below(interesting.count)] }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBytes { WireReader.isValidUTF8($0) } == valid, "\(bytes)")
        }
        for text in ["复核更正", "Ünïcødé", "😀 ok", ""] {
            #expect(Array(text.utf8).withUnsafeBytes { WireReader.isValidUTF8($0) })
        }
    }

    @Test func idTableInternsInOrderAndFindsByBytes() {
        var t = IdTable()
        let ids = (0..<5_000).map { "C\($0)" } + ["", "裁判", "C1 "]
        for (i, id) in ids.enumerated() { #expect(t.intern(id) == i) }
        for (i, id) in ids.enumerated() {
            #expect(t.index(id) == i)
            #expect(t.intern(id) == i)
            #expect(Array(id.utf8).withUnsafeBytes { t.index(bytes: $0) } == i)
        }
        #expect(t.index("C5000") == nil && t.index("c1") == nil && t.count == ids.count)
        #expect(t.ids == ids)
    }
}
