import Foundation
import Testing
@testable import PodiumCore

/// `podium import`: the CSV reader, the column mappings, and marks checked row by row exactly as
/// typed at a judge console. Every refusal names its row and column and appends nothing.
@Suite("CSV import")
struct ImportTests {
    /// Three delegations; S01 (final only): module A = A1 (M, 30) + A2 (J, 30), module B = B1 (M, 40);
    /// S02 (pre, then final) with the same scheme. Judges J1-J4 and the chief K1.
    static func definition() -> CompetitionDefinition {
        let info = CompetitionInfo(id: "imp", name: LocalizedText(zh: "导入测试", en: "Import test"), timezone: "Asia/Shanghai",
                                   closing: Date(timeIntervalSince1970: 1_750_748_400))
        var d = CompetitionDefinition(competition: info)
        d.sites = [Site(id: "main", name: LocalizedText("主赛区"))]
        d.delegations = ["JD", "PD", "YP"].map { Delegation(id: $0, name: LocalizedText($0)) }
        let modules = [
            Module(id: "A", name: LocalizedText("编程"), aspects: [
                Aspect(id: "A1", type: .M, max: Fixed2(30), text: "程序运行"),
                Aspect(id: "A2", type: .J, max: Fixed2(30), text: "路径质量"),
            ]),
            Module(id: "B", name: LocalizedText("调试"), aspects: [Aspect(id: "B1", type: .M, max: Fixed2(40), text: "精度")]),
        ]
        d.skills = [
            Skill(id: "S01", name: LocalizedText("工业机器人"), origin: .worldskills, kind: .official, panel: 3,
                  rounds: [Round(id: "final", name: LocalizedText("决赛"))], modules: modules),
            Skill(id: "S02", name: LocalizedText("焊接"), origin: .national, kind: .official, panel: 3,
                  rounds: [Round(id: "pre", name: LocalizedText("预赛"), advance: 1), Round(id: "final", name: LocalizedText("决赛"))],
                  modules: modules),
        ]
        d.competitors = [
            Competitor(id: "C1", name: "张伟", delegation: "JD", skill: "S01"),
            Competitor(id: "C2", name: "王芳", delegation: "PD", skill: "S01"),
            Competitor(id: "D1", name: "赵敏", delegation: "YP", skill: "S02"),
        ]
        d.judges = [
            Judge(id: "J1", name: "孙丽", delegation: "PD", skills: ["S01"]),
            Judge(id: "J2", name: "周涛", delegation: "YP", skills: ["S01", "S02"]),
            Judge(id: "J3", name: "吴刚", delegation: "JD", skills: ["S01"]),
            Judge(id: "J4", name: "郑红", delegation: "YP", skills: ["S01"]),
            Judge(id: "K1", name: "马丁", delegation: "PD", skills: ["S01"], chief: true),
        ]
        return d
    }

    /// A venue on disk, and the import paths a script would take.
    final class Fixture {
        let dir = TempDir()
        let venue: Venue
        var path: String { dir.path + "/venue" }
        static let staff = Actor(.staff, "wang")

        init() throws { venue = try Venue.create(directory: dir.path + "/venue", definition: ImportTests.definition()) }

        func recordCount() throws -> Int { try LogReader(path: Venue.logPath(path)).records().count }

        /// Reads `csv` as `kind` (file name "KIND.csv") and executes it; errors as the CLI words them.
        @discardableResult
        func run(_ kind: String, _ csv: String) throws -> AppendReceipt? {
            try run(kind, bytes: Array(csv.utf8))
        }

        @discardableResult
        func run(_ kind: String, bytes: [UInt8], encoding: TextEncoding = .utf8) throws -> AppendReceipt? {
            let file = "\(kind).csv"
            do {
                let table = try CSVReader.parse(bytes, file: file, encoding: encoding)
                let command: Command
                switch kind {
                case "competitors": command = .registerCompetitors(try Importer.competitors(table, against: venue.state))
                case "judges": command = .registerJudges(try Importer.judges(table, against: venue.state))
                default: command = .importMarks(try Importer.marks(table))
                }
                return try venue.execute(command, as: Fixture.staff)
            } catch let e as CommandError {
                throw ImportError(file: file, message: e.said) // "marks.csv: row N, column C: …", as the CLI prints it
            }
        }

        /// The import is refused with exactly `message`, and the log is unchanged.
        func refuses(_ kind: String, _ csv: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            try refuses(kind, bytes: Array(csv.utf8), message, sourceLocation: sourceLocation)
        }

        func refuses(_ kind: String, bytes: [UInt8], encoding: TextEncoding = .utf8, _ message: String,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
            let before = try recordCount()
            do {
                try run(kind, bytes: bytes, encoding: encoding)
                Issue.record("expected the refusal \"\(message)\"", sourceLocation: sourceLocation)
            } catch {
                #expect("\(error)" == message, sourceLocation: sourceLocation)
            }
            #expect(try recordCount() == before, "a refused import appended records", sourceLocation: sourceLocation)
            #expect(try Venue(directory: path).state.lastSeq == UInt64(before), sourceLocation: sourceLocation)
        }

        func sheet(_ competitor: String, skill: String = "S01", round: String = "final") -> CompetitorSheet? {
            venue.state.rounds[RoundKey(skill: skill, round: round)]?.sheets[competitor]
        }
    }

    // MARK: Valid imports

    @Test("Competitors: every column, a quoted name with a comma, ;-separated members, in one batch")
    func competitors() throws {
        let f = try Fixture()
        let before = try f.recordCount()
        let receipt = try #require(try f.run("competitors", """
            id,name,delegation,skill,members
            C3,李强,YP,S01,
            T1,"Team ""East"", Pudong",PD,S01,张三; 李四 ;
            """))
        #expect(receipt.last - receipt.first == 1)
        #expect(try f.recordCount() == before + 2)
        #expect(f.venue.state.competitors["C3"] == Competitor(id: "C3", name: "李强", delegation: "YP", skill: "S01"))
        #expect(f.venue.state.competitors["T1"] == Competitor(id: "T1", name: "Team \"East\", Pudong", delegation: "PD", skill: "S01",
                                                              members: ["张三", "李四"]))
        #expect(f.venue.state.competitorsBySkill["S01"] == ["C1", "C2", "C3", "T1"])
    }

    @Test("Judges: skills ;-separated, chief as true/false, yes/no or 1/0, columns in any order and case")
    func judges() throws {
        let f = try Fixture()
        try f.run("judges", """
            Chief,ID,name,delegation,skills
            no,J5,钱进,JD,S01;S02
            YES,K2,冯宁,YP,S02
            0,J6,褚亮,PD,S02
            """)
        #expect(f.venue.state.judges["J5"] == Judge(id: "J5", name: "钱进", delegation: "JD", skills: ["S01", "S02"], chief: false))
        #expect(f.venue.state.judges["K2"]?.chief == true)
        #expect(f.venue.state.judges["J6"]?.chief == false)
    }

    @Test("Marks: M and J rows, the round defaulting to a one-round skill's only round, or given")
    func marks() throws {
        let f = try Fixture()
        let before = try f.recordCount()
        let receipt = try #require(try f.run("marks", """
            judge,competitor,aspect,score,round,reason
            J1,C1,A1,25.5,,
            J1,C1,A2,2,final,
            J2,C1,A2,3,,
            J2,D1,B1,12.25,pre,
            J4,C1,A2,2.0,,
            """))
        #expect(receipt.last - receipt.first == 4)
        #expect(try f.recordCount() == before + 5)
        let sheet = try #require(f.sheet("C1"))
        #expect(sheet.measurements["A1"] == Fixed2(hundredths: 2550))
        #expect(sheet.judgements["A2"] == ["J1": 2, "J2": 3, "J4": 2])
        #expect(f.sheet("D1", skill: "S02", round: "pre")?.measurements["B1"] == Fixed2(hundredths: 1225))
        // The log records the judge in the mark and the importer as the actor.
        let last = try EventRecord(try LogReader(path: Venue.logPath(f.path)).records().last!)
        #expect(last.actor == "staff:wang")
        #expect(last.event == .markEntered(MarkEntry(skill: "S01", round: "final", competitor: "C1", aspect: "A2", judge: "J4", value: .judgement(2))))
    }

    @Test("A UTF-8 BOM is skipped, CRLF line ends and a final line without one are read, blank rows skipped but counted")
    func bomAndCRLF() throws {
        let f = try Fixture()
        try f.run("marks", bytes: [0xEF, 0xBB, 0xBF] + Array("judge,competitor,aspect,score\r\nJ1,C1,A1,10\r\n\r\nJ1,C2,A1,11".utf8))
        #expect(f.sheet("C1")?.measurements["A1"] == Fixed2(10))
        #expect(f.sheet("C2")?.measurements["A1"] == Fixed2(11))
        // The blank row 3 still counts: the error below is on row 4.
        try f.refuses("marks", "judge,competitor,aspect,score\r\nJ1,C1,A2,1\r\n\r\nJ1,C2,A2,9\r\n",
                      "marks.csv: row 4, column score: 9 is out of range for A2: a judgement score is a whole 0, 1, 2 or 3")
    }

    @Test("The reader: quoted line breaks, escaped quotes, rows numbered as a spreadsheet shows them")
    func reader() throws {
        let t = try CSVReader.parse("a,b\n\"x\r\ny\",\"\"\"q\"\"\"\n,\n3,\n", file: "t.csv")
        #expect(t.header == ["a", "b"])
        #expect(t.rows == [CSVRow(number: 2, fields: ["x\r\ny", "\"q\""]), CSVRow(number: 4, fields: ["3", ""])])
    }

    // MARK: Refusals: the file

    @Test("An empty file (or only a BOM, or blank lines) is refused")
    func emptyFile() throws {
        let f = try Fixture()
        try f.refuses("marks", "", "marks.csv: the file is empty")
        try f.refuses("marks", bytes: [0xEF, 0xBB, 0xBF], "marks.csv: the file is empty")
        try f.refuses("competitors", "\n\r\n", "competitors.csv: the file is empty")
        try f.refuses("marks", "judge,competitor,aspect,score\n", "marks.csv: no rows below the header: nothing to import")
    }

    @Test("Header problems: a missing column, an unknown one, one given twice")
    func header() throws {
        let f = try Fixture()
        try f.refuses("competitors", "id,name,delegation\nC3,李强,YP\n", "competitors.csv: row 1, column skill: the required column is missing")
        try f.refuses("marks", "judge,competitor,aspect,score,note\nJ1,C1,A1,1,x\n",
                      "marks.csv: row 1, column note: unknown column (the columns are judge,competitor,aspect,score, optional round,reason)")
        try f.refuses("marks", "judge,competitor,aspect,score,Score\nJ1,C1,A1,1,2\n",
                      "marks.csv: row 1, column Score: the column is given twice (columns 4 and 5)")
    }

    @Test("Malformed CSV: an unterminated quote, stray quotes, the wrong number of fields, bytes that are not UTF-8")
    func malformed() throws {
        let f = try Fixture()
        try f.refuses("competitors", "id,name,delegation,skill\nC3,李强,YP,S01\nC4,\"王\n五,PD,S01\n",
                      "competitors.csv: row 3, column name: a quoted field is never closed (a \" is missing; a quote inside a quoted field is written \"\")")
        try f.refuses("competitors", "id,name,delegation,skill\nC3,李\"强\",YP,S01\n",
                      "competitors.csv: row 2, column name: a quote inside a field that does not start with one (quote the whole field, and write the quote as \"\")")
        try f.refuses("competitors", "id,name,delegation,skill\nC3,\"李强\"x,YP,S01\n",
                      "competitors.csv: row 2, column name: text after a closing quote (a quote inside a quoted field is written \"\")")
        try f.refuses("marks", "judge,competitor,aspect,score\nJ1,C1,A1,1\nJ1,C2,A1\n",
                      "marks.csv: row 3: 3 fields, expected 4 as in the header")
        // 张 in GBK is D5 C5: a file saved from a spreadsheet in the legacy encoding.
        let gbk = Array("id,name,delegation,skill\nC3,".utf8) + [0xD5, 0xC5] + Array(",YP,S01\n".utf8)
        // Not UTF-8, but the whole file reads as GB 18030: the error names the flag.
        try f.refuses("competitors", bytes: gbk,
                      "competitors.csv: line 2: character 4 (byte 0xD5) is not UTF-8, but the whole file reads as GB 18030 (as Excel saves CSV on a Chinese Windows): import it with --encoding gb18030")
        // Neither: the plain advice. 0xFF starts no sequence in either encoding.
        try f.refuses("competitors", bytes: gbk + [0xFF, 0x0A],
                      "competitors.csv: line 2: character 4 (byte 0xD5) is not UTF-8; save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet)")
    }

    // MARK: Refusals: competitors and judges

    @Test("Competitors and judges: unknown delegation or skill, ids taken or repeated, bad chief, empty values")
    func registrationRows() throws {
        let f = try Fixture()
        try f.refuses("competitors", "id,name,delegation,skill\nC3,李强,YP,S01\nC4,王五,XX,S01\n",
                      "competitors.csv: row 3, column delegation: no delegation \"XX\" at this competition (JD, PD, YP)")
        try f.refuses("competitors", "id,name,delegation,skill\nC3,李强,YP,S09\n",
                      "competitors.csv: row 2, column skill: no skill \"S09\" at this competition (S01, S02)")
        try f.refuses("competitors", "id,name,delegation,skill\nC1,李强,YP,S01\n",
                      "competitors.csv: row 2, column id: competitor C1 is already registered at this competition")
        try f.refuses("competitors", "id,name,delegation,skill\nC3,李强,YP,S01\nC3,王五,PD,S01\n",
                      "competitors.csv: row 3, column id: competitor C3 is also on row 2")
        try f.refuses("competitors", "id,name,delegation,skill\nC3, ,YP,S01\n", "competitors.csv: row 2, column name: empty")
        try f.refuses("judges", "id,name,delegation,skills,chief\nJ5,钱进,JD,S01;S07,no\n",
                      "judges.csv: row 2, column skills: no skill \"S07\" at this competition (S01, S02)")
        try f.refuses("judges", "id,name,delegation,skills,chief\nJ5,钱进,JD,S01,maybe\n",
                      "judges.csv: row 2, column chief: \"maybe\" is not true or false (nor yes/no, 1/0)")
        try f.refuses("judges", "id,name,delegation,skills,chief\nJ5,钱进,ZZ,S01,no\n",
                      "judges.csv: row 2, column delegation: no delegation \"ZZ\" at this competition (JD, PD, YP)")
    }

    // MARK: Refusals: marks, as at a judge console

    @Test("Unknown judge, competitor or aspect; a judge not on the skill; a missing round")
    func markReferences() throws {
        let f = try Fixture()
        let head = "judge,competitor,aspect,score,round\nJ1,C1,A1,10,\n"
        try f.refuses("marks", head + "J9,C1,A1,10,\n", "marks.csv: row 3, column judge: no judge \"J9\" at this competition")
        try f.refuses("marks", head + "J1,C9,A1,10,\n", "marks.csv: row 3, column competitor: no competitor \"C9\" at this competition")
        try f.refuses("marks", head + "J1,C2,Z1,10,\n", "marks.csv: row 3, column aspect: skill S01 has no aspect \"Z1\"")
        try f.refuses("marks", head + "J1,D1,A1,10,pre\n",
                      "marks.csv: row 3, column judge: judge J1 is not assigned to skill S02 (competitor D1 is in S02)")
        try f.refuses("marks", head + "J2,D1,A1,10,\n", "marks.csv: row 3, column round: skill S02 has rounds pre, final: say which")
        try f.refuses("marks", head + "J2,D1,A1,10,semi\n", "marks.csv: row 3, column round: skill S02 has no round \"semi\" (rounds: pre, final)")
    }

    @Test("Scores out of range: M above its max or below 0, J = 4, J = 1.5, not a number")
    func ranges() throws {
        let f = try Fixture()
        let head = "judge,competitor,aspect,score\nJ1,C1,A1,10\n"
        try f.refuses("marks", head + "J1,C2,A1,30.01\n", "marks.csv: row 3, column score: 30.01 is out of range for A1: a measurement mark is 0 to 30.00")
        try f.refuses("marks", head + "J1,C2,A1,-1\n", "marks.csv: row 3, column score: -1.00 is out of range for A1: a measurement mark is 0 to 30.00")
        try f.refuses("marks", head + "J1,C2,A1,12.345\n",
                      "marks.csv: row 3, column score: \"12.345\" is not a mark: A1 is a measurement aspect, 0 to 30.00 with up to two decimals")
        try f.refuses("marks", head + "J1,C1,A2,4\n", "marks.csv: row 3, column score: 4 is out of range for A2: a judgement score is a whole 0, 1, 2 or 3")
        try f.refuses("marks", head + "J1,C1,A2,1.5\n", "marks.csv: row 3, column score: 1.5 is out of range for A2: a judgement score is a whole 0, 1, 2 or 3")
        try f.refuses("marks", head + "J1,C1,A2,good\n",
                      "marks.csv: row 3, column score: \"good\" is not a score: A2 is a judgement aspect, a whole 0, 1, 2 or 3")
        try f.refuses("marks", head + "J1,C1,A2,\n", "marks.csv: row 3, column score: empty")
    }

    @Test("A judgement score for a compatriot is refused, naming the judge column")
    func compatriot() throws {
        let f = try Fixture()
        try f.refuses("marks", "judge,competitor,aspect,score\nJ1,C1,A2,2\nJ3,C1,A2,2\n",
                      "marks.csv: row 3, column judge: judge J3 (JD) may not give judgement scores to a competitor of the same delegation")
        // A measurement mark for a compatriot is allowed, as at the console.
        try f.run("marks", "judge,competitor,aspect,score\nJ3,C1,A1,20\n")
        #expect(f.sheet("C1")?.measurements["A1"] == Fixed2(20))
    }

    @Test("A second score for the same judge and aspect is a correction: refused without a reason, accepted with one")
    func corrections() throws {
        let f = try Fixture()
        // Within one file: the second row sees the first, as the console would.
        try f.refuses("marks", "judge,competitor,aspect,score,reason\nJ1,C1,A2,2,\nJ1,C1,A2,3,\n",
                      "marks.csv: row 3, column reason: judge J1 has already scored A2 for C1: a correction needs a reason")
        try f.refuses("marks", "judge,competitor,aspect,score\nJ1,C1,A1,10\nJ2,C1,A1,11\n",
                      "marks.csv: row 3, column reason: A1 already has a mark for C1: a correction needs a reason")
        try f.run("marks", "judge,competitor,aspect,score,reason\nJ1,C1,A2,2,\nJ1,C1,A2,3,\"typed 2, meant 3\"\n")
        #expect(f.sheet("C1")?.judgements["A2"] == ["J1": 3])
        // Across files: the log already holds J1's score.
        try f.refuses("marks", "judge,competitor,aspect,score\nJ1,C1,A2,1\n",
                      "marks.csv: row 2, column reason: judge J1 has already scored A2 for C1: a correction needs a reason")
        try f.run("marks", "judge,competitor,aspect,score,reason\nJ1,C1,A2,1,re-marked\n")
        #expect(f.sheet("C1")?.judgements["A2"] == ["J1": 1])
        let entry = try EventRecord(try LogReader(path: Venue.logPath(f.path)).records().last!)
        #expect(entry.event == .markEntered(MarkEntry(skill: "S01", round: "final", competitor: "C1", aspect: "A2", judge: "J1",
                                                      value: .judgement(1), reason: "re-marked")))
    }

    @Test("A row for a signed-off (locked) module is refused, naming the aspect; the whole file with it")
    func lockedModule() throws {
        let f = try Fixture()
        try f.run("marks", "judge,competitor,aspect,score\nJ1,C1,B1,30\nJ1,C2,B1,35.5\n")
        try f.venue.execute(.lockModule(skill: "S01", round: "final", module: "B"), as: Actor(.chief, "K1"))
        try f.refuses("marks", "judge,competitor,aspect,score,reason\nJ1,C1,A1,10,\nJ1,C2,B1,36,recount\n",
                      "marks.csv: row 3, column aspect: module B of S01/final is signed off (locked); staff must unlock it, with a reason, before marks change")
        #expect(f.sheet("C1")?.measurements["A1"] == nil)
        // Module A is still open.
        try f.run("marks", "judge,competitor,aspect,score\nJ1,C1,A1,10\n")
        #expect(f.sheet("C1")?.measurements["A1"] == Fixed2(10))
    }

    @Test("Only staff may import marks")
    func access() throws {
        let f = try Fixture()
        #expect(throws: CommandError.forbidden("judge:J1 may not import marks (staff only)")) {
            try f.venue.execute(.importMarks([ImportedMark(row: 2, judge: "J1", competitor: "C1", aspect: "A1", scoreText: "1")]),
                                as: Actor(.judge, "J1"))
        }
    }

    // MARK: The command line

    @Test("podium import: a bad row exits non-zero with one line naming it, the log unchanged; then a good file imports")
    func commandLine() throws {
        let f = try Fixture()
        let before = try f.recordCount()
        let csv = f.dir.file("marks.csv")
        try "judge,competitor,aspect,score\nJ1,C1,A1,10\nJ1,C1,A2,4\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let bad = try runPodium(["import", f.path, "marks", csv])
        #expect(bad.status != 0)
        #expect(bad.out.isEmpty)
        #expect(bad.err == "podium: \(csv): row 3, column score: 4 is out of range for A2: a judgement score is a whole 0, 1, 2 or 3\n")
        #expect(try f.recordCount() == before)

        try "judge,competitor,aspect,score\nJ1,C1,A1,10\nJ1,C1,A2,3\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let good = try runPodium(["import", "marks", csv], env: ["PODIUM_VENUE": f.path, "PODIUM_ACTOR": "li"])
        #expect(good.status == 0, "\(good.err)")
        #expect(good.out == "imported 2 marks as seq \(before + 1)–\(before + 2)\n")
        #expect(try f.recordCount() == before + 2)

        let missing = try runPodium(["import", f.path, "marks", f.dir.file("nope.csv")])
        #expect(missing.status != 0)
        #expect(missing.err == "podium: \(f.dir.file("nope.csv")): no such file\n")
    }
}
