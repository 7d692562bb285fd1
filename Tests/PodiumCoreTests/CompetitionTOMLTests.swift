import Foundation
import Testing
@testable import PodiumCore

/// `competition.toml` as interfaces.md gives it, with the delegations its judge and a team
/// award need (PD, YP), so that it validates.
let competitionTOMLExample = """
[competition]
id = "sh2025"
name = { zh = "上海市第二届职业技能大赛", en = "2nd Shanghai Vocational Skills Competition" }
timezone = "Asia/Shanghai"
closing = "2025-06-24T15:00:00+08:00"        # the closing ceremony the big countdown aims at
results_policy = "on-publish"                # live | on-publish | at-ceremony
standardisation = "none"                     # none | scale700
excellence = { top_fraction = 0.5 }          # or { threshold = 700 }
tie_break = "none"                           # none | modules
team_table = "points"                        # gold | count | points
points = { gold = 4, silver = 3, bronze = 2, excellence = 1 }

[[sites]]
id = "main"
name = { zh = "东方绿舟主赛区", en = "Oriental Land main venue" }

[[delegations]]
id = "JD"
name = { zh = "嘉定区", en = "Jiading" }

[[delegations]]
id = "PD"
name = { zh = "浦东新区", en = "Pudong" }

[[delegations]]
id = "YP"
name = { zh = "杨浦区", en = "Yangpu" }

[[skills]]
id = "S01"
name = { zh = "工业机器人操作与示教", en = "Industrial Robot Operation" }
origin = "worldskills"                       # worldskills | national | shanghai
kind = "official"                            # official | exhibition | interactive
panel = 3                                    # judges per judgement panel
rounds = [ { id = "final", name = { zh = "决赛", en = "Final" } } ]
  [[skills.modules]]
  id = "A"
  name = { zh = "编程", en = "Programming" }
  aspects = [
    { id = "A1", type = "M", max = 40.0, text = "Program runs the full cycle" },
    { id = "A2", type = "J", max = 60.0, text = "Quality of the path" },
  ]

[[competitors]]                              # a team entry: add members = ["…", "…"]
id = "C001"
name = "张伟"
delegation = "JD"
skill = "S01"

[[judges]]
id = "J01"
name = "李华"
delegation = "PD"
skills = ["S01"]
chief = true

[[sessions]]
id = "S01-final"
skill = "S01"
round = "final"
site = "main"
station = "1号馆"
start = "2025-06-20T08:30:00+08:00"
end = "2025-06-20T11:30:00+08:00"
"""

@Suite("competition.toml")
struct CompetitionTOMLTests {
    /// The example with each `old` replaced by `new` (each must occur exactly once).
    func edited(_ replacements: (String, String)...) -> String {
        var text = competitionTOMLExample
        for (old, new) in replacements {
            precondition(text.components(separatedBy: old).count == 2, "\(old) must occur once")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    func parseError(_ text: String) throws -> DefinitionError {
        do {
            _ = try CompetitionTOML.parse(text)
        } catch let e as DefinitionError {
            return e
        }
        Issue.record("expected a DefinitionError")
        throw CancellationError()
    }

    func loadError(_ path: String) throws -> DefinitionError {
        do {
            _ = try CompetitionTOML.load(path: path)
        } catch let e as DefinitionError {
            return e
        }
        Issue.record("expected a DefinitionError")
        throw CancellationError()
    }

    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("podium-toml-\(UUID().uuidString).toml").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func utc(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    // MARK: - The valid example

    @Test func fullExampleParses() throws {
        let d = try CompetitionTOML.parse(competitionTOMLExample)
        let c = d.competition
        #expect(c.id == "sh2025")
        #expect(c.name == LocalizedText(zh: "上海市第二届职业技能大赛", en: "2nd Shanghai Vocational Skills Competition"))
        #expect(c.timezone == "Asia/Shanghai")
        #expect(c.closing == Self.utc("2025-06-24T07:00:00Z"))
        #expect(c.resultsPolicy == .onPublish)
        #expect(c.standardisation == Standardisation.none)
        #expect(c.excellence == .topFraction(Fraction(perTenThousand: 5000)))
        #expect(c.tieBreak == TieBreak.none)
        #expect(c.teamTable == .points)
        #expect(c.points == MedalPoints(gold: 4, silver: 3, bronze: 2, excellence: 1))
        #expect(c.scaleK == Fixed2(30))
        #expect(c.judgeOwnDelegation == false)
        #expect(c.ceremonyExcellence == true, "the ceremony's excellence step is on unless switched off")

        #expect(d.sites == [Site(id: "main", name: LocalizedText(zh: "东方绿舟主赛区", en: "Oriental Land main venue"))])
        #expect(d.delegations.map(\.id) == ["JD", "PD", "YP"])
        #expect(d.delegations[0].name == LocalizedText(zh: "嘉定区", en: "Jiading"))

        let skill = Skill(
            id: "S01", name: LocalizedText(zh: "工业机器人操作与示教", en: "Industrial Robot Operation"),
            origin: .worldskills, kind: .official, panel: 3,
            rounds: [Round(id: "final", name: LocalizedText(zh: "决赛", en: "Final"))],
            modules: [Module(id: "A", name: LocalizedText(zh: "编程", en: "Programming"), aspects: [
                Aspect(id: "A1", type: .M, max: Fixed2(40), text: "Program runs the full cycle"),
                Aspect(id: "A2", type: .J, max: Fixed2(60), text: "Quality of the path"),
            ])])
        #expect(d.skills == [skill])
        #expect(d.competitors == [Competitor(id: "C001", name: "张伟", delegation: "JD", skill: "S01")])
        #expect(d.judges == [Judge(id: "J01", name: "李华", delegation: "PD", skills: ["S01"], chief: true)])
        #expect(d.sessions == [Session(id: "S01-final", skill: "S01", round: "final", site: "main", station: "1号馆",
                                       start: Self.utc("2025-06-20T00:30:00Z"), end: Self.utc("2025-06-20T03:30:00Z"))])
        #expect(DefinitionValidator.validate(d, file: "competition.toml").isEmpty)
    }

    @Test func otherFormsAndDefaults() throws {
        let text = """
        [competition]
        id = "x"
        name = "Test"
        timezone = "Asia/Shanghai"
        closing = 2025-06-24T15:00:00+08:00
        standardisation = "scale700"
        scale_k = 25.5
        excellence = { threshold = 700 }
        judge_own_delegation = true
        ceremony_excellence = false
        points = { gold = 5 }

        [[delegations]]
        id = "JD"
        name = { en = "Jiading" }

        [[sites]]
        id = "main"
        name = "Main"

        [[skills]]
        id = "S02"
        name = "Cooking"
        origin = "shanghai"
        rounds = [
          { id = "pre", name = "Preliminary", advance_fraction = 0.25 },
          { id = "sel", name = "Selection", advance = 8 },
          { id = "final", name = "Final" },
        ]
          [[skills.modules]]
          id = "A"
          name = "Prep"
          [[skills.modules.aspects]]
          id = "A1"
          type = "M"
          max = 99
          text = "Mise en place"
          [[skills.modules.aspects]]
          id = "A2"
          type = "M"
          max = 0.75
          text = "Hygiene"
          [[skills.modules]]
          id = "B"
          name = "Plate"
          aspects = [{ id = "B1", type = "M", max = 0.25, text = "Finish" }]

        [[skills]]
        id = "X1"
        name = "Show"
        origin = "national"
        kind = "exhibition"
        rounds = [{ id = "show", name = "Show" }]

        [[competitors]]
        id = "T01"
        name = "Team Jiading"
        delegation = "JD"
        skill = "S02"
        members = ["王芳", "陈静"]

        [[judges]]
        id = "J02"
        name = "Li"
        delegation = "JD"
        skills = ["S02", "X1"]

        [[sessions]]
        id = "X1-show"
        skill = "X1"
        round = "show"
        site = "main"
        start = "2025-06-21T09:00:00Z"
        end = 2025-06-21T17:00:00.5+08:00
        """
        let d = try CompetitionTOML.parse(text)
        #expect(d.competition.name == LocalizedText("Test"))
        #expect(d.competition.closing == Self.utc("2025-06-24T07:00:00Z"))
        #expect(d.competition.resultsPolicy == .onPublish)
        #expect(d.competition.standardisation == .scale700)
        #expect(d.competition.scaleK == Fixed2(hundredths: 2550))
        #expect(d.competition.excellence == .threshold(Fixed2(700)))
        #expect(d.competition.judgeOwnDelegation)
        #expect(d.competition.ceremonyExcellence == false)
        #expect(d.competition.points == MedalPoints(gold: 5, silver: 3, bronze: 2, excellence: 1))
        #expect(d.delegations[0].name == LocalizedText(zh: nil, en: "Jiading"))
        let s = d.skills[0]
        #expect(s.kind == .official && s.panel == 3 && s.origin == .shanghai)
        #expect(s.rounds.map(\.advance) == [nil, 8, nil])
        #expect(s.rounds[0].advanceFraction == Fraction(perTenThousand: 2500))
        #expect(s.modules.flatMap(\.aspects).map(\.max) == [Fixed2(99), Fixed2(hundredths: 75), Fixed2(hundredths: 25)])
        #expect(d.skills[1].modules.isEmpty && d.skills[1].kind == .exhibition)
        #expect(d.competitors[0].members == ["王芳", "陈静"])
        #expect(d.judges[0].chief == false)
        #expect(d.sessions[0].station == "")
        #expect(d.sessions[0].start == Self.utc("2025-06-21T09:00:00Z"))
        #expect(d.sessions[0].end == Date(timeIntervalSince1970: Self.utc("2025-06-21T09:00:00Z").timeIntervalSince1970 + 0.5))
    }

    @Test func manyCompetitorsValidate() throws {
        var text = competitionTOMLExample
        for i in 2...1_400 {
            text += "\n[[competitors]]\nid = \"C\(i)\"\nname = \"选手\(i)\"\ndelegation = \"\(["JD", "PD", "YP"][i % 3])\"\nskill = \"S01\"\n"
        }
        let d = try CompetitionTOML.parse(text)
        #expect(d.competitors.count == 1_400)
        #expect(d.competitors.last == Competitor(id: "C1400", name: "选手1400", delegation: "YP", skill: "S01"))
    }

    // MARK: - One test per error

    @Test func unknownDelegation() throws {
        let e = try parseError(edited(("delegation = \"JD\"\nskill", "delegation = \"XX\"\nskill")))
        #expect(e.table == "competitors[0] (C001)")
        #expect(e.key == "delegation")
        #expect(e.line == 47)
        #expect(e.description == #"competition.toml:47: [[competitors]] #1 "C001", key "delegation": no [[delegations]] entry has id "XX""#)
    }

    @Test func unknownSkill() throws {
        let competitor = try parseError(edited(("skill = \"S01\"\n\n[[judges]]", "skill = \"S09\"\n\n[[judges]]")))
        #expect(competitor.description == #"competition.toml:48: [[competitors]] #1 "C001", key "skill": no [[skills]] entry has id "S09""#)

        let judge = try parseError(edited(("skills = [\"S01\"]", "skills = [\"S01\", \"S07\"]")))
        #expect(judge.table == "judges[0] (J01)" && judge.key == "skills")
        #expect(judge.message == #"no [[skills]] entry has id "S07""#)

        let session = try parseError(edited(("id = \"S01-final\"\nskill = \"S01\"", "id = \"S01-final\"\nskill = \"S02\"")))
        #expect(session.table == "sessions[0] (S01-final)" && session.key == "skill")
    }

    @Test func maximaNotAddingUpTo100() throws {
        let e = try parseError(edited(("max = 60.0", "max = 55.0")))
        #expect(e.table == "skills[0] (S01)")
        #expect(e.key == "modules")
        #expect(e.description == #"competition.toml:36: [[skills]] #1 "S01", key "modules": aspect maxima add up to 95.00, expected 100.00"#)

        // An official skill with no marking scheme at all.
        var d = try CompetitionTOML.parse(competitionTOMLExample)
        d.skills[0].modules = []
        #expect(DefinitionValidator.validate(d, file: "c.toml").map(\.message)
            == ["an official skill needs a marking scheme: modules whose aspect maxima add up to 100.00"])
        // An exhibition skill may have none.
        d.skills[0].kind = .exhibition
        #expect(DefinitionValidator.validate(d, file: "c.toml").isEmpty)
    }

    @Test func duplicateIDs() throws {
        let competitor = try parseError(competitionTOMLExample + """

        [[competitors]]
        id = "C001"
        name = "王芳"
        delegation = "PD"
        skill = "S01"
        """)
        #expect(competitor.table == "competitors[1] (C001)" && competitor.key == "id")
        #expect(competitor.description == #"competition.toml:66: [[competitors]] #2 "C001", key "id": duplicate id "C001": [[competitors]] #1 has it too"#)

        let aspect = try parseError(edited(("{ id = \"A2\"", "{ id = \"A1\"")))
        #expect(aspect.table == "skills[0] (S01).modules[0] (A).aspects[1] (A1)" && aspect.key == "id")
        #expect(aspect.description == #"competition.toml:39: [[skills]] #1 "S01", modules #1 "A", aspects #2 "A1", key "id": duplicate aspect id "A1" in this skill: module #1 "A", aspect #1 has it too"#)

        // Every kind at once, through the validator, in document order.
        var d = try CompetitionTOML.parse(competitionTOMLExample)
        d.sites.append(d.sites[0])
        d.delegations.append(d.delegations[0])
        d.skills[0].rounds = [Round(id: "final", name: LocalizedText("Semi"), advance: 4),
                              Round(id: "final", name: LocalizedText("Final"))]
        d.skills[0].modules.append(Module(id: "A", name: LocalizedText("Again"),
                                          aspects: [Aspect(id: "A1", type: .M, max: Fixed2(1), text: "x")]))
        d.skills[0].modules[0].aspects[0].max = Fixed2(39)
        d.skills.append(d.skills[0])
        d.judges.append(d.judges[0])
        d.sessions.append(d.sessions[0])
        let errors = DefinitionValidator.validate(d, file: "c.toml")
        #expect(errors.map { "\($0.table) \($0.key ?? "")" } == [
            "sites[1] (main) id",
            "delegations[3] (JD) id",
            "skills[0] (S01).rounds[1] (final) id",
            "skills[0] (S01).modules[1] (A) id",
            "skills[0] (S01).modules[1] (A).aspects[0] (A1) id",
            "skills[1] (S01) id",
            "skills[1] (S01).rounds[1] (final) id",
            "skills[1] (S01).modules[1] (A) id",
            "skills[1] (S01).modules[1] (A).aspects[0] (A1) id",
            "judges[1] (J01) id",
            "sessions[1] (S01-final) id",
        ])
        #expect(errors[2].message == #"duplicate id "final": round #1 has it too"#)
        #expect(errors[5].description == #"c.toml: [[skills]] #2 "S01", key "id": duplicate id "S01": [[skills]] #1 has it too"#)
    }

    @Test func sessionEndingBeforeItStarts() throws {
        let e = try parseError(edited(("end = \"2025-06-20T11:30:00+08:00\"", "end = \"2025-06-20T08:00:00+08:00\"")))
        #expect(e.table == "sessions[0] (S01-final)" && e.key == "end")
        #expect(e.description == #"competition.toml:64: [[sessions]] #1 "S01-final", key "end": the session ends before it starts: start 2025-06-20T08:30:00+08:00, end 2025-06-20T08:00:00+08:00"#)

        let same = try parseError(edited(("end = \"2025-06-20T11:30:00+08:00\"", "end = 2025-06-20T00:30:00Z")))
        #expect(same.message.contains("ends at the moment it starts"))
    }

    @Test func unknownTimeZone() throws {
        let e = try parseError(edited(("timezone = \"Asia/Shanghai\"", "timezone = \"Asia/Shangai\"")))
        #expect(e.description == #"competition.toml:4: [competition], key "timezone": unknown time zone "Asia/Shangai"; use an IANA name such as "Asia/Shanghai""#)
    }

    @Test func missingRequiredKey() throws {
        let e = try parseError(edited(("site = \"main\"\n", "")))
        #expect(e.table == "sessions[0] (S01-final)" && e.key == "site")
        #expect(e.description == #"competition.toml:57: [[sessions]] #1 "S01-final", key "site": required key is missing"#)

        let origin = try parseError(edited(("origin = \"worldskills\"", "")))
        #expect(origin.message == "required key is missing; expected one of worldskills, national, shanghai")

        let noCompetition = try parseError("[[sites]]\nid = \"main\"\nname = \"Main\"\n")
        #expect(noCompetition.description == #"competition.toml: top level, key "competition": the [competition] table is missing"#)
    }

    @Test func wrongType() throws {
        let e = try parseError(edited(("panel = 3", "panel = \"3\"")))
        #expect(e.description == #"competition.toml:34: [[skills]] #1 "S01", key "panel": expected an integer, found a string"#)

        let maxError = try parseError(edited(("max = 40.0", "max = \"40\"")))
        #expect(maxError.table == "skills[0] (S01).modules[0] (A).aspects[0] (A1)" && maxError.key == "max")
        #expect(maxError.message == "expected a number, found a string")

        let threeDecimals = try parseError(edited(("max = 40.0", "max = 40.125")))
        #expect(threeDecimals.message == "40.125 has more than two decimals; marks are kept to two decimals")

        let sites = try parseError(edited(("[[sites]]", "[sites]")))
        #expect(sites.key == "sites" && sites.message == "expected an array of tables ([[sites]] sections), found a table")

        let ceremony = try parseError(edited(("tie_break = \"none\"", "ceremony_excellence = 1\ntie_break = \"none\"")))
        #expect(ceremony.key == "ceremony_excellence" && ceremony.message == "expected a boolean (true or false), found an integer")

        let chief = try parseError(edited(("chief = true", "chief = \"yes\"")))
        #expect(chief.key == "chief" && chief.message == "expected a boolean (true or false), found a string")
    }

    @Test func unknownKey() throws {
        let e = try parseError(edited(("closing =", "closng =")))
        #expect(e.table == "competition" && e.key == "closng")
        #expect(e.description.hasPrefix(#"competition.toml:5: [competition], key "closng": unknown key (did you mean "closing"?); the keys here are id, name, timezone, closing"#))

        let nested = try parseError(edited(("{ top_fraction = 0.5 }", "{ top_fraction = 0.5, treshold = 700 }")))
        #expect(nested.key == "excellence.treshold")
        #expect(nested.message == #"unknown key (did you mean "excellence.threshold"?); excellence takes top_fraction or threshold"#)

        let aspect = try parseError(edited(("type = \"M\", max = 40.0", "type = \"M\", maximum = 40.0")))
        #expect(aspect.table == "skills[0] (S01).modules[0] (A).aspects[0] (A1)" && aspect.key == "maximum")

        let top = try parseError("[competiton]\nid = \"x\"\n")
        #expect(top.description.hasPrefix(#"competition.toml:1: top level, key "competiton": unknown key (did you mean "competition"?)"#))
    }

    @Test func badEnumValue() throws {
        let e = try parseError(edited(("results_policy = \"on-publish\"", "results_policy = \"onpublish\"")))
        #expect(e.description == #"competition.toml:6: [competition], key "results_policy": unknown value "onpublish"; expected one of live, on-publish, at-ceremony"#)

        let type = try parseError(edited(("type = \"J\"", "type = \"j\"")))
        #expect(type.table == "skills[0] (S01).modules[0] (A).aspects[1] (A2)")
        #expect(type.message == #"unknown value "j"; expected one of M, J"#)
    }

    @Test func nonUTF8Bytes() throws {
        // "name = " then 张伟 in GBK (D5 C5 CE B0), on line 3.
        let bytes = Array("[competition]\nid = \"x\"\nname = \"".utf8) + [0xD5, 0xC5, 0xCE, 0xB0] + Array("\"\n".utf8)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let e = try loadError(path)
        #expect(e.file == path)
        #expect(e.line == 3 && e.column == 9)
        #expect(e.description == "\(path):3:9: not UTF-8: byte 0xD5 at byte offset 31 is not valid UTF-8; save the file as UTF-8 (it may be in GBK or GB 18030)")

        // The same file in UTF-8 reads.
        let good = try temporaryFile(Array(competitionTOMLExample.utf8))
        defer { try? FileManager.default.removeItem(atPath: good) }
        #expect(try CompetitionTOML.load(path: good).competitors.count == 1)
    }

    @Test func emptyFile() throws {
        let path = try temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let e = try loadError(path)
        #expect(e.description == "\(path): the file is empty")
        #expect(try parseError("  \n\n").description == "competition.toml: the file is empty")

        let missing = try loadError("/nonexistent/competition.toml")
        #expect(missing.description == "/nonexistent/competition.toml: no such file")
    }

    @Test func syntaxErrorWithLine() throws {
        let e = try parseError(edited(("panel = 3", "panel = ")))
        #expect(e.line == 34)
        #expect(e.column != nil)
        #expect(e.table == "" && e.key == nil)
        #expect(e.description.hasPrefix("competition.toml:34:"))
        #expect(e.message.hasPrefix("TOML syntax error: "))
    }

    /// The file the fuzzer found (line 29 `[@skills]]`): toml++ asserted in `parse_key` and podium
    /// aborted (exit 134); now it is one error naming the file, line and column.
    @Test func tableHeaderThatCannotStartAKeyIsRefused() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fuzz/crashes/competition-toml/table-header-assert-full.toml").path
        let e = try loadError(path)
        #expect(e.description == "\(path):29:2: table header: expected a table name after '[', saw '@'; write [name] or [[name]]")
        #expect(try parseError("[@skills]]\n").description
            == "competition.toml:1:2: table header: expected a table name after '[', saw '@'; write [name] or [[name]]")

        let cases: [(String, Int, Int, String)] = [
            ("[[=x]]", 1, 3, "after '[[', saw '='"),
            ("[[ [a]]]", 1, 4, "after '[[', saw '['"),
            ("[[[a]]]", 1, 3, "after '[[', saw '['"),
            ("x = 1\n  [ .a]", 2, 5, "after '[', saw '.'"),
            ("[\t#c", 1, 3, "after '[', saw '#'"),
            ("[competition]\n[\nid = 1", 2, 2, "after '[', saw the end of the line"),
            ("[\r\nid = 1", 1, 2, "after '[', saw the end of the line"),
            ("[ 上海]", 1, 3, "after '[', saw '上'"),
        ]
        for (text, line, column, what) in cases {
            let e = try parseError(text)
            #expect(e.description == "competition.toml:\(line):\(column): table header: expected a table name \(what); write [name] or [[name]]", "\(text)")
        }
        // What toml++ checks itself before its assertion stays its own syntax error.
        for text in ["[]", "[ [a]]", "x = 1\n[", "[[ ]]"] {
            #expect(try parseError(text).message.hasPrefix("TOML syntax error: "), "\(text)")
        }
        // A `[` that starts a line inside a multi-line string or an array, or sits in a comment or
        // a string, is not a header; quoted and dotted header names are fine.
        let inside = #"""
        a = """
        [@ not a header \""" still inside
        [= still """"
        b = '''
        [@ neither'''''
        c = [
          [1, 2], # ]
          [ "]", '[' ],
        [3]]
        d = { e = [ "x" ] }
        e = "[" # [@
        ["@t"]
        [ 'x'.y ]
        [[ -z ]]
        """#
        #expect(TableHeaderScan.firstBadHeader(Array(inside.utf8)) == nil)
        #expect(TableHeaderScan.firstBadHeader(Array((inside + "\n[@]").utf8)) == .init(line: 15, column: 2,
            message: "table header: expected a table name after '[', saw '@'; write [name] or [[name]]"))
        // toml++ reads it as valid TOML: the first error is the mapping's, not a syntax error.
        let mapped = try parseError(inside).description
        #expect(!mapped.contains("syntax") && !mapped.contains("table header"), "\(mapped)")
    }

    /// The second assertion the fuzzer reached: `}` where an array's value is due.
    @Test func closingBraceWhereAnArrayValueIsDueIsRefused() throws {
        let cases: [(String, Int, Int)] = [
            ("a = [}", 1, 6), ("a = [1, }", 1, 9), ("a = [1,\r\n  # c\n  }\n", 3, 3),
            ("a = [ [ ], { b = [}] } ]", 1, 19),
        ]
        for (text, line, column) in cases {
            #expect(try parseError(text).description == "competition.toml:\(line):\(column): array: expected a value or ']', saw '}'", "\(text)")
        }
        // After a value toml++ reports the missing comma itself; inline tables check their own.
        for text in ["a = [1 }", "a = { b = 1, }", "a = [ { } }"] {
            #expect(try parseError(text).message.hasPrefix("TOML syntax error: "), "\(text)")
        }
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fuzz/crashes/competition-toml/array-brace-assert-fuzzed.toml").path
        #expect(try loadError(path).description == "\(path):21:11: array: expected a value or ']', saw '}'")
    }

    /// `podium init` on such a file: a non-zero exit (not an abort), one line on stderr, no venue.
    @Test func initRefusesTheAssertingFileCleanly() throws {
        let tmp = TempDir()
        let toml = tmp.file("competition.toml")
        let text = competitionTOMLExample.replacingOccurrences(of: "[[sites]]", with: "[@sites]]")
        #expect(text != competitionTOMLExample)
        try text.write(toFile: toml, atomically: true, encoding: .utf8)
        let venue = tmp.file("venue")
        let r = try runPodium(["init", venue, "--from", toml])
        #expect(r.status == 1)
        #expect(r.err.split(separator: "\n").count == 1 && r.err.hasSuffix("\n"), "\(r.err)")
        #expect(r.err.contains("\(toml):13:2: table header: expected a table name after '[', saw '@'"), "\(r.err)")
        #expect(r.out.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: venue))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["competition.toml"])
    }

    @Test func linesAreFoundPastMultiLineStringsAndArrays() throws {
        let doc = """
        [competition]
        id = "x"
        name = \"\"\"\\
        [[skills]] \\
        not a header \"\"\"
        timezone = "Asia/Shanghai"   # [[skills]]
        closing = "2025-06-24T15:00:00+08:00"
        [[delegations]]
        id = "JD"
        name = 'Jiading [[skills]]'
        [[skills]]
        id = "S01"
        name = "A"
        origin = "national"
        rounds = [
          { id = "final", name = "Final" },
        ]
        [[skills.modules]]
        id = "A"
        name = "A"
        aspects = [
          { id = "A1", type = "M", max = 50, text = "x" },
        ]
        [[skills]]
        id = "S02"
        name = "B"
        origin = "national"
        rounds = [
          [1, 2],
        ]
        """
        #expect(try parseError(doc).description
            == #"competition.toml:28: [[skills]] #2 "S02", key "rounds": element #1: expected a table, found an array"#)
        let fixed = doc.replacingOccurrences(of: "[1, 2],", with: #"{ id = "final", name = "Final" },"#)
        #expect(try parseError(fixed).description
            == #"competition.toml:18: [[skills]] #1 "S01", key "modules": aspect maxima add up to 50.00, expected 100.00"#)
        let second = fixed.replacingOccurrences(of: "max = 50", with: "max = 100")
            + "\n[[skills.modules]]\nid = \"A\"\nname = \"A\"\naspects = [\n  { id = \"A1\", type = \"M\", max = 0, text = \"x\" },\n]\n"
        #expect(try parseError(second).description
            == #"competition.toml:34: [[skills]] #2 "S02", modules #1 "A", aspects #1 "A1", key "max": must be more than 0, found 0.00"#)
    }

    @Test func localDateTimeNeedsAnOffset() throws {
        let e = try parseError(edited(("closing = \"2025-06-24T15:00:00+08:00\"", "closing = 2025-06-24T15:00:00")))
        #expect(e.description == "competition.toml:5: [competition], key \"closing\": the local date-time 2025-06-24T15:00:00 has no UTC offset; write one, e.g. 2025-06-24T15:00:00+08:00")
    }

    // MARK: - Other rules

    @Test func otherValidatorRules() throws {
        var d = try CompetitionTOML.parse(competitionTOMLExample)
        d.competition.name = LocalizedText(zh: " ", en: nil)
        d.competition.excellence = .threshold(Fixed2(700))
        d.competition.points.bronze = -1
        d.skills[0].panel = 2
        d.skills[0].rounds = [Round(id: "pre", name: LocalizedText("Pre")), Round(id: "final", name: LocalizedText("Final"), advance: 0)]
        d.skills[0].modules[0].aspects[0].max = Fixed2(0)
        d.skills[0].modules[0].aspects[1].max = Fixed2(100)
        d.competitors[0].name = ""
        d.sessions[0].site = "sub"
        d.sessions[0].round = "semi"
        let errors = DefinitionValidator.validate(d, file: "c.toml")
        #expect(errors.map { "\($0.table) \($0.key ?? ""): \($0.message)" } == [
            "competition name: must not be empty",
            #"competition excellence.threshold: 700.00 can never be reached: with standardisation = "none" scores run from 0 to 100"#,
            "competition points.bronze: must not be negative, found -1",
            "skills[0] (S01) panel: a skill with judgement (J) aspects needs a panel of at least 3 judges, found 2",
            "skills[0] (S01).rounds[0] (pre) advance: every round but the last needs advance = N or advance_fraction = x",
            "skills[0] (S01).rounds[1] (final) advance: the last round has no next round to advance to; remove it",
            "skills[0] (S01).rounds[1] (final) advance: must be at least 1, found 0",
            "skills[0] (S01).modules[0] (A).aspects[0] (A1) max: must be more than 0, found 0.00",
            "competitors[0] (C001) name: must not be empty",
            #"sessions[0] (S01-final) round: skill "S01" has no round "semi"; its rounds are pre, final"#,
            #"sessions[0] (S01-final) site: no [[sites]] entry has id "sub""#,
        ])
        d.skills[0].rounds = []
        #expect(DefinitionValidator.validate(d, file: "c.toml").contains { $0.key == "rounds" && $0.message == "a skill needs at least one round" })
    }
}
