import Foundation
import Testing
@testable import PodiumCore

/// The built-in demo competition and the competition.toml writer.
///
/// `docs/examples/competition.toml` is `CompetitionTOML.render(DemoCompetition.definition())`;
/// after changing either, regenerate it with
/// `PODIUM_REGENERATE_EXAMPLES=1 swift test --filter DemoCompetitionTests`.
@Suite struct DemoCompetitionTests {
    let demo = DemoCompetition.definition()

    // MARK: Determinism and time

    @Test func sameStartGivesTheSameDefinition() {
        #expect(DemoCompetition.definition() == demo)
        #expect(DemoCompetition.definition(start: DemoCompetition.referenceStart) == demo)
        #expect(CompetitionTOML.render(DemoCompetition.definition()) == CompetitionTOML.render(demo))
    }

    @Test func anotherStartShiftsEveryTimeAndNothingElse() {
        let shift: TimeInterval = 123 * 86_400
        let moved = DemoCompetition.definition(start: DemoCompetition.referenceStart.addingTimeInterval(shift))
        #expect(moved.competition.closing == demo.competition.closing.addingTimeInterval(shift))
        #expect(moved.sessions.count == demo.sessions.count)
        for (a, b) in zip(moved.sessions, demo.sessions) {
            #expect(a.id == b.id)
            #expect(a.start == b.start.addingTimeInterval(shift))
            #expect(a.end == b.end.addingTimeInterval(shift))
        }
        var back = moved
        back.competition.closing = demo.competition.closing
        back.sessions = demo.sessions
        #expect(back == demo)
    }

    @Test func referenceStartAndClosingAreFixedShanghaiTimes() {
        let tz = TimeZone(identifier: "Asia/Shanghai")
        #expect(CompetitionTOML.renderDate(DemoCompetition.referenceStart, timeZone: tz) == "2025-06-18T00:00:00+08:00")
        #expect(CompetitionTOML.renderDate(demo.competition.closing, timeZone: tz) == "2025-06-24T15:00:00+08:00")
    }

    // MARK: Contents

    @Test func competitionSettings() {
        let c = demo.competition
        #expect(c.id == "sh-demo")
        #expect(c.name.zh == "上海市第二届职业技能大赛（演示）")
        #expect(c.name.en == "2nd Shanghai Vocational Skills Competition (demo)")
        #expect(c.timezone == "Asia/Shanghai")
        #expect(c.resultsPolicy == .onPublish)
        #expect(c.standardisation == .none)
        #expect(c.excellence == .topFraction(Fraction(perTenThousand: 5000)))
        #expect(c.teamTable == .points)
        #expect(demo.sites.first?.id == "main")
        #expect(demo.sites.first?.name.zh == "东方绿舟主赛区")
        #expect((3...4).contains(demo.sites.count))
    }

    @Test func theSixteenDistricts() {
        #expect(demo.delegations.map(\.id) == ["HP", "XH", "CN", "JA", "PT", "HK", "YP", "MH",
                                               "BS", "JD", "PD", "JS", "SJ", "QP", "FX", "CM"])
        #expect(demo.delegations.first { $0.id == "PD" }?.name == LocalizedText(zh: "浦东新区", en: "Pudong"))
        #expect(demo.delegations.first { $0.id == "JA" }?.name.en == "Jing'an")
    }

    @Test func counts() {
        #expect(demo.skills.count >= 24)
        #expect(Set(demo.skills.map(\.origin)) == Set(SkillOrigin.allCases))
        #expect(Set(demo.skills.map(\.kind)) == Set(SkillKind.allCases))
        #expect(demo.skills.filter { $0.kind == .official }.count >= 20)
        #expect(demo.skills.filter { $0.kind == .exhibition }.count >= 2)
        #expect(demo.skills.filter { $0.kind == .interactive }.count >= 2)
        #expect(demo.competitors.count >= 400)
        #expect(demo.competitors.filter { !$0.members.isEmpty }.count >= 10)
        #expect(demo.judges.count >= demo.skills.filter { $0.kind == .official }.count * 5 - 10)
        #expect(demo.sessions.count >= demo.skills.count)
    }

    @Test func idsAreUniqueAndWellFormed() {
        func unique(_ ids: [String]) -> Bool { Set(ids).count == ids.count }
        #expect(unique(demo.sites.map(\.id)))
        #expect(unique(demo.delegations.map(\.id)))
        #expect(unique(demo.skills.map(\.id)))
        #expect(unique(demo.competitors.map(\.id)))
        #expect(unique(demo.judges.map(\.id)))
        #expect(unique(demo.sessions.map(\.id)))
        for s in demo.skills {
            #expect(unique(s.rounds.map(\.id)))
            #expect(unique(s.modules.map(\.id)))
            #expect(unique(s.modules.flatMap { $0.aspects.map(\.id) }))
        }
        #expect(demo.skills.map(\.id) == (1...demo.skills.count).map { String(format: "S%02d", $0) })
        #expect(demo.competitors.map(\.id) == (1...demo.competitors.count).map { String(format: "C%04d", $0) })
        #expect(demo.judges.map(\.id) == (1...demo.judges.count).map { String(format: "J%03d", $0) })
        #expect(demo.sessions.contains { $0.id == "S03-final-1" })
        #expect(demo.sessions.contains { $0.id == "S05-prelim" })
    }

    @Test func everyNameIsDistinct() {
        let people = demo.competitors.flatMap { $0.members.isEmpty ? [$0.name] : $0.members } + demo.judges.map(\.name)
        #expect(Set(people).count == people.count)
        #expect(people.allSatisfy { (2...3).contains($0.count) })
    }

    @Test func officialSchemesAddUpToOneHundred() {
        for s in demo.skills where s.kind == .official {
            #expect((2...4).contains(s.modules.count), "\(s.id)")
            let total = s.modules.flatMap(\.aspects).reduce(Fixed2.zero) { $0 + $1.max }
            #expect(total == Fixed2(100), "\(s.id): \(total)")
            let types = Set(s.modules.flatMap(\.aspects).map(\.type))
            #expect(types == [.M, .J], "\(s.id) mixes measurement and judgement")
            #expect(s.modules.flatMap(\.aspects).allSatisfy { $0.max >= Fixed2(2) && $0.max.hundredths % 50 == 0 })
            #expect(s.panel >= 3)
        }
        #expect(demo.skills.contains { $0.panel == 4 })
        #expect(demo.skills.contains { $0.panel == 5 })
    }

    @Test func exhibitionAndInteractiveItemsHaveSessionsButNoMarks() {
        for s in demo.skills where s.kind != .official {
            #expect(s.modules.isEmpty, "\(s.id)")
            #expect(demo.sessions.contains { $0.skill == s.id }, "\(s.id)")
            #expect(!demo.competitors.contains { $0.skill == s.id }, "\(s.id)")
        }
    }

    @Test func roundsAndAdvancement() {
        let official = demo.skills.filter { $0.kind == .official }
        let threeRounds = official.filter { $0.rounds.map(\.id) == ["prelim", "selection", "final"] }
        #expect(threeRounds.count >= 2)
        #expect(official.filter { $0.rounds.map(\.id) == ["final"] }.count > official.count / 2)
        for s in demo.skills {
            for (i, r) in s.rounds.enumerated() {
                let last = i == s.rounds.count - 1
                #expect(last == (r.advance == nil && r.advanceFraction == nil), "\(s.id) \(r.id)")
            }
            let entrants = demo.competitors.filter { $0.skill == s.id }.count
            if let n = s.rounds.first?.advance, s.rounds.count > 1 { #expect(n < entrants, "\(s.id)") }
        }
        #expect(demo.skills.contains { $0.rounds.contains { $0.advanceFraction != nil } })
    }

    @Test func competitorsReferToKnownDelegationsAndSkills() {
        let delegations = Set(demo.delegations.map(\.id))
        let skills = Dictionary(uniqueKeysWithValues: demo.skills.map { ($0.id, $0) })
        for c in demo.competitors {
            #expect(delegations.contains(c.delegation), "\(c.id)")
            #expect(skills[c.skill]?.kind == .official, "\(c.id)")
        }
        for s in demo.skills where s.kind == .official {
            let entries = demo.competitors.filter { $0.skill == s.id }
            let from = Set(entries.map(\.delegation))
            #expect((8...16).contains(from.count), "\(s.id) has entrants from \(from.count) delegations")
            #expect(entries.count >= 8, "\(s.id)")
        }
        // every district is in the competition, in many skills
        for g in demo.delegations {
            #expect(Set(demo.competitors.filter { $0.delegation == g.id }.map(\.skill)).count >= 8, "\(g.id)")
        }
    }

    @Test func teamEntries() {
        let teams = demo.competitors.filter { !$0.members.isEmpty }
        #expect(Set(teams.map(\.skill)).count >= 2)
        for t in teams { #expect(t.members.count >= 2) }
        // a whole skill is teams or individuals
        for s in Set(teams.map(\.skill)) {
            #expect(demo.competitors.filter { $0.skill == s }.allSatisfy { !$0.members.isEmpty })
        }
        #expect(teams.contains { $0.name.hasSuffix("代表队一队") })
        #expect(teams.contains { $0.name == $0.members.joined(separator: "、") })
    }

    @Test func judgePanels() {
        let delegations = Set(demo.delegations.map(\.id))
        let skills = Set(demo.skills.map(\.id))
        for j in demo.judges {
            #expect(delegations.contains(j.delegation), "\(j.id)")
            #expect((1...2).contains(j.skills.count), "\(j.id)")
            #expect(j.skills.allSatisfy(skills.contains), "\(j.id)")
        }
        #expect(demo.judges.contains { $0.skills.count == 2 })
        for s in demo.skills where s.kind == .official {
            let onSkill = demo.judges.filter { $0.skills.contains(s.id) }
            let chiefs = onSkill.filter(\.chief)
            let experts = onSkill.filter { !$0.chief }
            #expect(chiefs.count == 1, "\(s.id)")
            #expect(experts.count >= s.panel + 1, "\(s.id)")
            // experts come from distinct delegations, so standing aside from a compatriot
            // always leaves a full panel
            #expect(Set(experts.map(\.delegation)).count == experts.count, "\(s.id)")
            for c in Set(demo.competitors.filter { $0.skill == s.id }.map(\.delegation)) {
                #expect(experts.filter { $0.delegation != c }.count >= s.panel, "\(s.id) \(c)")
            }
        }
        #expect(!demo.judges.contains { $0.chief && $0.skills.count > 1 })
    }

    @Test func sessionsAreConsistent() {
        let sites = Set(demo.sites.map(\.id))
        let skills = Dictionary(uniqueKeysWithValues: demo.skills.map { ($0.id, $0) })
        for s in demo.sessions {
            #expect(s.end > s.start, "\(s.id)")
            #expect(sites.contains(s.site), "\(s.id)")
            #expect(!s.station.isEmpty, "\(s.id)")
            #expect(skills[s.skill]?.rounds.contains { $0.id == s.round } == true, "\(s.id)")
            #expect(s.start >= DemoCompetition.referenceStart, "\(s.id)")
        }
        // every round has a session, and a skill's rounds follow one another
        for skill in demo.skills {
            var previousEnd: Date? = nil
            for r in skill.rounds {
                let own = demo.sessions.filter { $0.skill == skill.id && $0.round == r.id }
                #expect(!own.isEmpty, "\(skill.id) \(r.id)")
                if let p = previousEnd, let first = own.map(\.start).min() { #expect(first >= p, "\(skill.id) \(r.id)") }
                previousEnd = own.map(\.end).max()
            }
        }
        // sorted by start, spread over a week
        #expect(demo.sessions.map(\.start) == demo.sessions.map(\.start).sorted())
        let days = Set(demo.sessions.map { Int($0.start.timeIntervalSince(DemoCompetition.referenceStart) / 86_400) })
        #expect(days == Set(0...6))
    }

    @Test func noStationIsDoubleBooked() {
        let byStation = Dictionary(grouping: demo.sessions) { "\($0.site)/\($0.station)" }
        for (station, sessions) in byStation {
            let sorted = sessions.sorted { $0.start < $1.start }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(b.start >= a.end, "\(station): \(a.id) and \(b.id) overlap")
            }
        }
        #expect(byStation.values.contains { Set($0.map(\.skill)).count > 1 }, "some station is shared over the week")
    }

    @Test func noJudgeIsInTwoPlacesAtOnce() {
        for j in demo.judges where j.skills.count > 1 {
            let sessions = demo.sessions.filter { j.skills.contains($0.skill) }.sorted { $0.start < $1.start }
            for (a, b) in zip(sessions, sessions.dropFirst()) {
                #expect(b.start >= a.end, "\(j.id): \(a.id) and \(b.id) overlap")
            }
        }
    }

    @Test func closingCeremonyAfterTheLastSession() throws {
        let lastEnd = try #require(demo.sessions.map(\.end).max())
        #expect(demo.competition.closing > lastEnd)
        #expect(demo.competition.closing.timeIntervalSince(lastEnd) <= 6 * 3600)
    }

    @Test func passesTheDefinitionValidator() {
        let errors = DefinitionValidator.validate(demo, file: "demo")
        #expect(errors.isEmpty, "\(errors.prefix(5).map(\.description))")
    }

    // MARK: The TOML writer

    @Test func roundTripsThroughTheParser() throws {
        let text = CompetitionTOML.render(demo)
        let parsed = try CompetitionTOML.parse(text, file: "demo.toml")
        #expect(parsed == demo)
        #expect(CompetitionTOML.render(parsed) == text)
    }

    @Test func roundTripsAnotherStartAndOtherSettings() throws {
        var d = DemoCompetition.definition(start: Date(timeIntervalSince1970: 1_800_000_000))
        d.competition.excellence = .threshold(Fixed2(700))
        d.competition.standardisation = .scale700
        d.competition.scaleK = Fixed2(hundredths: 2550)
        d.competition.resultsPolicy = .atCeremony
        d.competition.tieBreak = .modules
        d.competition.teamTable = .gold
        d.competition.points = MedalPoints(gold: 7, silver: 5, bronze: 3, excellence: 0)
        d.competition.judgeOwnDelegation = true
        d.competition.name = LocalizedText(zh: "只有中文")
        d.skills[0].rounds = [Round(id: "r1", name: LocalizedText(en: "Heat"), advanceFraction: Fraction(perTenThousand: 3333)),
                              Round(id: "final", name: LocalizedText(zh: "决赛", en: "Final"))]
        d.skills[0].modules[0].aspects[0].max = d.skills[0].modules[0].aspects[0].max - Fixed2(hundredths: 25)
        d.skills[0].modules[0].aspects[1].max = d.skills[0].modules[0].aspects[1].max + Fixed2(hundredths: 25)
        d.competitors[0].name = "Space here \"quoted\" back\\slash #1 = 换行"
        d.sites[1].name = LocalizedText(zh: "Chinese only: 分赛区 #1 = \"B\"")
        let text = CompetitionTOML.render(d)
        let parsed = try CompetitionTOML.parse(text, file: "other.toml")
        #expect(parsed == d)
        #expect(text.contains("excellence = { threshold = 700.0 }"))
        #expect(text.contains("advance_fraction = 0.3333"))
        #expect(text.contains("scale_k = 25.5 "))

        // Control characters are escaped by the writer, and the parser refuses them in names
        // (they would reach the big screens), naming the line, table and key.
        d.competitors[0].name = "Tab\there\u{01}\u{7F} 换行\n"
        let hostile = CompetitionTOML.render(d)
        #expect(!hostile.unicodeScalars.contains { $0.value == 0x09 || $0.value == 0x01 || $0.value == 0x7F })
        #expect(throws: (any Error).self) { try CompetitionTOML.parse(hostile, file: "other.toml") }
        do {
            _ = try CompetitionTOML.parse(hostile, file: "other.toml")
        } catch {
            #expect("\(error)".contains("other.toml:"), "\(error)")
            #expect("\(error)".contains("key \"name\": contains a control character (U+0009)"), "\(error)")
        }
    }

    @Test func stringsAreEscaped() {
        #expect(CompetitionTOML.renderString("plain 中文") == "\"plain 中文\"")
        #expect(CompetitionTOML.renderString("a\"b\\c") == #""a\"b\\c""#)
        #expect(CompetitionTOML.renderString("\t\n\r\u{08}\u{0C}") == #""\t\n\r\b\f""#)
        #expect(CompetitionTOML.renderString("\u{00}\u{1F}\u{7F}") == #""\u0000\u001F\u007F""#)
        #expect(CompetitionTOML.renderString("😀") == "\"😀\"")
    }

    @Test func numbersAndDates() {
        #expect(CompetitionTOML.renderFixed2(Fixed2(40)) == "40.0")
        #expect(CompetitionTOML.renderFixed2(Fixed2(hundredths: 1250)) == "12.5")
        #expect(CompetitionTOML.renderFixed2(Fixed2(hundredths: 1225)) == "12.25")
        #expect(CompetitionTOML.renderFixed2(Fixed2(hundredths: 5)) == "0.05")
        #expect(CompetitionTOML.renderFixed2(Fixed2(hundredths: -350)) == "-3.5")
        #expect(CompetitionTOML.renderFraction(Fraction(perTenThousand: 5000)) == "0.5")
        #expect(CompetitionTOML.renderFraction(Fraction(perTenThousand: 10_000)) == "1.0")
        #expect(CompetitionTOML.renderFraction(Fraction(perTenThousand: 125)) == "0.0125")
        let t = Date(timeIntervalSince1970: 1_750_404_600)   // 2025-06-20T07:30:00Z
        #expect(CompetitionTOML.renderDate(t, timeZone: TimeZone(identifier: "Asia/Shanghai")) == "2025-06-20T15:30:00+08:00")
        #expect(CompetitionTOML.renderDate(t, timeZone: TimeZone(identifier: "America/New_York")) == "2025-06-20T03:30:00-04:00")
        #expect(CompetitionTOML.renderDate(t, timeZone: nil) == "2025-06-20T07:30:00Z")
        #expect(CompetitionTOML.renderDate(t.addingTimeInterval(0.25), timeZone: nil) == "2025-06-20T07:30:00.25Z")
        #expect(CompetitionTOML.renderDate(Date(timeIntervalSince1970: -1), timeZone: nil) == "1969-12-31T23:59:59Z")
        #expect(CompetitionTOML.renderDate(Date(timeIntervalSince1970: 951_782_400), timeZone: nil) == "2000-02-29T00:00:00Z")
    }

    @Test func layoutFollowsTheDocumentedFormat() {
        let text = CompetitionTOML.render(demo)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("[competition]"))
        #expect(lines.contains { $0.hasPrefix("closing = \"2025-06-24T15:00:00+08:00\"") })
        #expect(lines.contains("name = { zh = \"东方绿舟主赛区\", en = \"Oriental Land main venue\" }"))
        #expect(lines.contains("  [[skills.modules]]"))
        #expect(lines.filter { $0 == "[[competitors]]" }.count == demo.competitors.count)
        #expect(lines.filter { $0 == "[[sessions]]" }.count == demo.sessions.count)
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
        #expect(!lines.contains { $0.hasSuffix(" ") })
    }

    @Test func exampleFileIsTheRenderedDemo() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("docs/examples/competition.toml")
        let rendered = Data(CompetitionTOML.render(demo).utf8)
        if ProcessInfo.processInfo.environment["PODIUM_REGENERATE_EXAMPLES"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rendered.write(to: url)
        }
        let onDisk = try #require(FileManager.default.contents(atPath: url.path),
                                  "missing \(url.path); run PODIUM_REGENERATE_EXAMPLES=1 swift test --filter DemoCompetitionTests")
        #expect(onDisk == rendered, "docs/examples/competition.toml is stale; run PODIUM_REGENERATE_EXAMPLES=1 swift test --filter DemoCompetitionTests")
    }
}
