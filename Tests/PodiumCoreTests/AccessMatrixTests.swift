import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// Who may do what: every role against every `Command` case, decided in the core.
/// The table is an exhaustive `switch`, so a new command case does not compile here until it
/// has its row (and its sample, checked by `everyCaseHasASample`).
enum AccessMatrix {
    /// The roles of the matrix. A judge and the chief judge act under their own judge ids.
    enum Who: String, CaseIterable, CustomStringConvertible {
        case spectator, judge, chief, otherJudge, staff, admin, system
        var description: String { rawValue }
        var actor: Actor {
            switch self {
            case .spectator: return Actor(.spectator, "hall")
            case .judge: return Actor(.judge, "J1")        // assigned to S01, not chief
            case .chief: return Actor(.chief, "K1")        // chief judge of S01
            case .otherJudge: return Actor(.judge, "J9")   // no such judge at the competition
            case .staff: return Actor(.staff, "wang")
            case .admin: return Actor(.admin, "root")
            case .system: return Actor(.system, "init")
            }
        }
    }

    static let staffSide: Set<Who> = [.staff, .admin, .system]

    /// The row of each command: its case number, name, and who may issue it.
    static func row(_ c: Command) -> (index: Int, name: String, allowed: Set<Who>) {
        switch c {
        case .defineCompetition: return (0, "defineCompetition", [.admin, .system])
        case .announce: return (1, "announce", staffSide)
        case .withdrawAnnouncement: return (2, "withdrawAnnouncement", staffSide)
        case .submitMarks: return (3, "submitMarks", [.judge, .chief])
        case .lockModule: return (4, "lockModule", [.chief])
        case .unlockModule: return (5, "unlockModule", staffSide)
        case .requestRemark: return (6, "requestRemark", [.chief])
        case .publish: return (7, "publish", staffSide)
        case .freeze: return (8, "freeze", staffSide)
        case .finalize: return (9, "finalize", staffSide)
        case .registerCompetitors: return (10, "registerCompetitors", staffSide)
        case .registerJudges: return (11, "registerJudges", staffSide)
        case .importMarks: return (12, "importMarks", staffSide)
        case .recordLogin: return (13, "recordLogin", [.system])
        case .recordPINSet: return (14, "recordPINSet", staffSide)
        case .startSession: return (15, "startSession", staffSide)
        case .finishSession: return (16, "finishSession", staffSide)
        case .delaySession: return (17, "delaySession", staffSide)
        case .moveSession: return (18, "moveSession", staffSide)
        case .cancelSession: return (19, "cancelSession", staffSide)
        case .setClosing: return (20, "setClosing", staffSide)
        case .pauseCountdown: return (21, "pauseCountdown", staffSide)
        case .resumeCountdown: return (22, "resumeCountdown", staffSide)
        case .startCeremony: return (23, "startCeremony", staffSide)
        case .ceremonyNext: return (24, "ceremonyNext", staffSide)
        case .ceremonyBack: return (25, "ceremonyBack", staffSide)
        case .endCeremony: return (26, "endCeremony", staffSide)
        case .registerKey: return (27, "registerKey", staffSide)
        case .recordCheckpoint: return (28, "recordCheckpoint", staffSide)
        }
    }
    /// Bump with every new case (and add its sample below).
    static let caseCount = 29

    static let key = RoundKey(skill: "S01", round: "final")
    static var samples: [Command] {
        [
            .defineCompetition(ImportTests.definition()),
            .announce(text: "午餐 12:00", priority: .normal, until: nil),
            .withdrawAnnouncement(id: "A1"),
            .submitMarks(skill: "S01", round: "final", marks: [MarkInput(competitor: "C1", aspect: "A1", value: .measurement(Fixed2(20)))], reason: nil),
            .lockModule(skill: "S01", round: "final", module: "B"),
            .unlockModule(skill: "S01", round: "final", module: "B", reason: "复核"),
            .requestRemark(skill: "S01", round: "final", competitor: "C1", aspect: "A2", note: "再评"),
            .publish(key), .freeze(key), .finalize(key),
            .registerCompetitors([Competitor(id: "C9", name: "新选手", delegation: "JD", skill: "S01")]),
            .registerJudges([Judge(id: "J8", name: "新裁判", delegation: "JD", skills: ["S01"])]),
            .importMarks([ImportedMark(row: 2, judge: "J1", competitor: "C1", aspect: "A1", scoreText: "20")]),
            .recordLogin(account: "J1", role: .judge, via: "pin", succeeded: false),
            .recordPINSet(account: "J1", role: .judge),
            .startSession("S01-final"), .finishSession("S01-final"), .delaySession("S01-final", minutes: 10),
            .moveSession("S01-final", site: "main", station: "2号馆"), .cancelSession("S01-final", reason: "停电"),
            .setClosing(Date(timeIntervalSince1970: 1_750_748_400)), .pauseCountdown, .resumeCountdown,
            .startCeremony, .ceremonyNext, .ceremonyBack, .endCeremony,
            .registerKey(RegisteredKey(id: "0011223344556677", publicKey: Data(repeating: 1, count: 32), holder: "jury")),
            .recordCheckpoint(Checkpoint(competition: "T", seq: 1, time: Date(timeIntervalSince1970: 0), head: [UInt8](repeating: 0, count: 32),
                                         key: "0011223344556677", signature: [UInt8](repeating: 0, count: 64))),
        ]
    }
}

@Suite("Access matrix")
struct AccessMatrixTests {
    @Test("Every Command case has exactly one sample in the matrix")
    func everyCaseHasASample() {
        let indices = AccessMatrix.samples.map { AccessMatrix.row($0).index }
        #expect(indices.sorted() == Array(0..<AccessMatrix.caseCount))
    }

    @Test("Role × command: each refused pair is refused by Access.check and by Decide with a clear error, and appends nothing",
          arguments: AccessMatrix.Who.allCases)
    func matrix(who: AccessMatrix.Who) throws {
        let f = try ImportTests.Fixture()
        let venue = try Venue(directory: f.path)
        let actor = who.actor
        for command in AccessMatrix.samples {
            let (_, name, allowed) = AccessMatrix.row(command)
            let state = venue.state
            var accessError: CommandError?
            do { try Access.check(command, by: actor, on: state) } catch { accessError = error }
            if allowed.contains(who) {
                #expect(accessError == nil, "\(who) may \(name): \(accessError?.message ?? "")")
                // Decide may still refuse on the facts (a module with marks missing), but never as forbidden.
                do { _ = try Decide.decide(command, on: state, by: actor, now: Date()) } catch {
                    #expect(error.kind != .forbidden, "\(who) \(name): \(error.message)")
                }
            } else {
                let e = try #require(accessError, "\(who) must not be allowed to \(name)")
                #expect(e.kind == .forbidden, "\(who) \(name): \(e.message)")
                #expect(e.message.contains(actor.logName) || e.message.contains(actor.id), "the refusal names who: \(e.message)")
                #expect(!e.message.contains("\n") && e.message.count < 160, "one clear line: \(e.message)")
                let before = try LogReader(path: venue.logPath).records().count
                #expect { try venue.execute(command, as: actor) } throws: { error in
                    (error as? CommandError)?.kind == .forbidden
                }
                #expect(try LogReader(path: venue.logPath).records().count == before, "\(who) \(name) appended")
            }
        }
    }

    @Test("A judge acts only on the skills assigned; only the chief signs off; a judge's id is checked against the competition")
    func judgeScope() throws {
        let f = try ImportTests.Fixture()
        let state = f.venue.state
        let otherSkill = Command.submitMarks(skill: "S02", round: "pre", marks: [], reason: nil)
        #expect(throws: CommandError.forbidden("judge J1 is not assigned to skill S02")) { try Access.check(otherSkill, by: Actor(.judge, "J1"), on: state) }
        #expect(throws: CommandError.forbidden("judge J2 is not the chief judge of S01; only the chief may sign off a module")) {
            try Access.check(.lockModule(skill: "S01", round: "final", module: "A"), by: Actor(.chief, "J2"), on: state)
        }
        #expect(throws: CommandError.forbidden("staff:wang may not enter marks (judges only)")) {
            try Access.check(.submitMarks(skill: "S01", round: "final", marks: [], reason: nil), by: Actor(.staff, "wang"), on: state)
        }
        // A marks file is decided row by row as that row's judge: a row of a judge of another skill is refused.
        #expect(throws: CommandError.self) {
            try Decide.decide(.importMarks([ImportedMark(row: 2, judge: "J1", competitor: "D1", aspect: "A1", scoreText: "20", round: "pre")]),
                              on: state, by: Actor(.staff, "wang"), now: Date())
        }
    }
}

@Suite("Access: credentials")
struct CredentialAccessTests {
    @Test("The credentials file is refused on open whenever group or others may read or write it; 0600 and 0400 open")
    func fileModes() throws {
        let f = try ImportTests.Fixture()
        var store = try CredentialStore.open(directory: f.path)
        try store.setPIN(id: "J1", role: .judge, pin: "482913", parameters: .fastForTests)
        let path = CredentialStore.path(in: f.path)
        for mode in [0o644, 0o640, 0o604, 0o620, 0o602, 0o660, 0o666, 0o610] {
            chmod(path, mode_t(mode))
            #expect { _ = try CredentialStore.open(directory: f.path) } throws: { e in
                "\(e)".contains(path) && "\(e)".contains("refusing")
            }
        }
        for mode in [0o600, 0o400] {
            chmod(path, mode_t(mode))
            #expect(try CredentialStore.open(directory: f.path)["J1"] != nil, "mode \(String(mode, radix: 8))")
        }
    }

    @Test("PIN guessing from two consoles at once is counted together and locked out; then even the right PIN is refused")
    func guessing() throws {
        let f = try ImportTests.Fixture()
        var store = try CredentialStore.open(directory: f.path)
        try store.setPIN(id: "J1", role: .judge, pin: "482913", parameters: .fastForTests)
        let consoles = [f.venue, try Venue(directory: f.path)]
        let t0 = Date(timeIntervalSince1970: 1_750_000_000)
        var outcomes: [LoginOutcome] = []
        for i in 0..<6 {
            outcomes.append(try CredentialStore.verify(id: "J1", pin: String(100_000 + i), now: t0 + Double(i), venue: consoles[i % 2]))
        }
        #expect(outcomes.prefix(4) == [.wrong(attemptsLeft: 4), .wrong(attemptsLeft: 3), .wrong(attemptsLeft: 2), .wrong(attemptsLeft: 1)])
        guard case .lockedOut = outcomes[4], case .lockedOut = outcomes[5] else {
            Issue.record("not locked out after five wrong PINs: \(outcomes)"); return
        }
        guard case .lockedOut = try CredentialStore.verify(id: "J1", pin: "482913", now: t0 + 10, venue: consoles[1]) else {
            Issue.record("the right PIN got in during a lock-out"); return
        }
    }
}

@Suite("Terminal-escape injection")
struct InjectionTests {
    static let payloads = ["\u{1B}[2J\u{1B}[H", "\u{1B}]0;owned\u{07}", "evil\u{202E}txt", "a\u{9B}31m", "x\u{0D}y", "\u{7F}"]

    @Test("Every text field of every CSV import refuses control characters, naming row and column, and appends nothing")
    func csvFields() throws {
        let f = try ImportTests.Fixture()
        let files: [(kind: String, header: String, row: [String])] = [
            ("competitors", "id,name,delegation,skill,members", ["C7", "李雷", "JD", "S01", "韩梅梅;Lucy"]),
            ("judges", "id,name,delegation,skills,chief", ["J7", "陈静", "PD", "S01", "false"]),
            ("marks", "judge,competitor,aspect,score,round,reason", ["J1", "C1", "A1", "20.5", "final", "复核"]),
        ]
        var refusals = 0
        for file in files {
            let columns = file.header.split(separator: ",").map(String.init)
            for (c, column) in columns.enumerated() {
                for payload in Self.payloads {
                    var fields = file.row
                    fields[c] += payload
                    let csv = file.header + "\n" + fields.map { "\"\($0)\"" }.joined(separator: ",") + "\n"
                    let before = try f.recordCount()
                    do {
                        try f.run(file.kind, csv)
                        Issue.record("\(file.kind).csv column \(column) accepted \(payload.debugDescription)")
                    } catch {
                        let message = "\(error)"
                        #expect(message.hasPrefix("\(file.kind).csv: row 2, column \(column): ") || message.contains("row 2"), "\(message)")
                        refusals += 1
                    }
                    #expect(try f.recordCount() == before)
                }
            }
        }
        #expect(refusals == files.reduce(0) { $0 + $1.row.count } * Self.payloads.count)
    }

    @Test("Every string of competition.toml with an escape in it is refused (names and texts: as a control character)")
    func competitionTOMLFields() throws {
        let text = competitionTOMLExample
        _ = try CompetitionTOML.parse(text)
        // Every basic string "..." in the example, one at a time, with an ESC written as TOML's \u001B.
        let regex = try NSRegularExpression(pattern: "\"[^\"\\n]*\"")
        let ns = text as NSString
        let matches = regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).filter { m in
            // Not the quotes inside comments.
            let lineStart = ns.range(of: "\n", options: .backwards, range: NSRange(location: 0, length: m.range.location)).location
            let before = ns.substring(with: NSRange(location: lineStart == NSNotFound ? 0 : lineStart, length: m.range.location - (lineStart == NSNotFound ? 0 : lineStart)))
            return !before.contains("#")
        }
        #expect(matches.count > 40)
        var asControl = 0
        for m in matches {
            let original = ns.substring(with: m.range)
            let injected = String(original.dropLast()) + "\\u001B[2J\""
            let damaged = ns.replacingCharacters(in: m.range, with: injected)
            do {
                let d = try CompetitionTOML.parse(damaged)
                Issue.record("accepted \(injected) (\(DefinitionTexts.all(d).count) texts)")
            } catch {
                if "\(error)".contains("control character (U+001B)") { asControl += 1 }
                #expect(!"\(error)".contains("\n"))
            }
        }
        // Ids, names, texts, members and stations say "control character"; enums, dates and references fail as themselves.
        #expect(asControl >= 25, "\(asControl) of \(matches.count)")
    }

    @Test("The core refuses a control character in a registered id, whoever calls it")
    func coreIDs() throws {
        let f = try ImportTests.Fixture()
        let staff = Actor(.staff, "wang")
        #expect(throws: CommandError.self) {
            try f.venue.execute(.registerCompetitors([Competitor(id: "C\u{1B}[2J", name: "李雷", delegation: "JD", skill: "S01")]), as: staff)
        }
        #expect(throws: CommandError.self) {
            try f.venue.execute(.registerJudges([Judge(id: "J\u{07}", name: "陈静", delegation: "JD", skills: ["S01"])]), as: staff)
        }
    }
}
