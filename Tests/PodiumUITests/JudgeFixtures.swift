import Foundation
@testable import PodiumCore
@testable import PodiumUI
#if canImport(Glibc)
import Glibc
#endif

/// The judge console's fixture: a real venue on disk (the same Decide, fold and log as in a
/// hall) holding skill S01 工业机器人 with modules A (A1 M 40, A2 J 30) and B (B1 M 10, B2 J 20),
/// three competitors of three delegations, four judges and a chief, and skill S02 焊接 none of
/// them judge. Friday 20 June 2025, 10:00 in Shanghai, during the S01 final's session.
enum JudgeFixture {
    static let now = Date(timeIntervalSince1970: 1_750_384_800) // 2025-06-20T10:00:00+08:00
    static let pins = ["J1": "2468", "J2": "1357", "J3": "1111", "J4": "4444", "K1": "9090"]

    static func definition() -> CompetitionDefinition {
        var info = CompetitionInfo(id: "t", name: LocalizedText(zh: "上海市测试技能大赛", en: "Shanghai Test Skills Competition"),
                                   timezone: "Asia/Shanghai", closing: Date(timeIntervalSince1970: 1_750_748_400))
        info.resultsPolicy = .onPublish
        var d = CompetitionDefinition(competition: info)
        d.sites = [Site(id: "main", name: LocalizedText(zh: "主赛区", en: "Main venue"))]
        d.delegations = [("JD", "嘉定区", "Jiading"), ("PD", "浦东新区", "Pudong"), ("YP", "杨浦区", "Yangpu")]
            .map { Delegation(id: $0.0, name: LocalizedText(zh: $0.1, en: $0.2)) }
        d.skills = [
            Skill(id: "S01", name: LocalizedText(zh: "工业机器人", en: "Industrial Robots"), origin: .worldskills, kind: .official,
                  panel: 3, rounds: [Round(id: "final", name: LocalizedText(zh: "决赛", en: "Final"))], modules: [
                    Module(id: "A", name: LocalizedText(zh: "编程", en: "Programming"), aspects: [
                        Aspect(id: "A1", type: .M, max: Fixed2(40), text: "程序完整运行"),
                        Aspect(id: "A2", type: .J, max: Fixed2(30), text: "路径质量"),
                    ]),
                    Module(id: "B", name: LocalizedText(zh: "安全", en: "Safety"), aspects: [
                        Aspect(id: "B1", type: .M, max: Fixed2(10), text: "安全操作"),
                        Aspect(id: "B2", type: .J, max: Fixed2(20), text: "职业素养"),
                    ]),
                  ]),
            Skill(id: "S02", name: LocalizedText(zh: "焊接", en: "Welding"), origin: .national, kind: .official, panel: 3,
                  rounds: [Round(id: "final", name: LocalizedText(zh: "决赛", en: "Final"))], modules: [
                    Module(id: "A", name: LocalizedText("A"), aspects: [Aspect(id: "A1", type: .M, max: Fixed2(100), text: "焊缝")]),
                  ]),
        ]
        d.competitors = [
            Competitor(id: "C1", name: "张伟", delegation: "JD", skill: "S01"),
            Competitor(id: "C2", name: "王芳", delegation: "PD", skill: "S01"),
            Competitor(id: "C3", name: "李强", delegation: "YP", skill: "S01"),
            Competitor(id: "W1", name: "赵敏", delegation: "JD", skill: "S02"),
        ]
        d.judges = [
            Judge(id: "J1", name: "孙丽", delegation: "PD", skills: ["S01"]),
            Judge(id: "J2", name: "周涛", delegation: "YP", skills: ["S01"]),
            Judge(id: "J3", name: "吴刚", delegation: "JD", skills: ["S01"]),
            Judge(id: "J4", name: "郑红", delegation: "PD", skills: ["S01"]),
            Judge(id: "K1", name: "马丁", delegation: "YP", skills: ["S01"], chief: true),
            Judge(id: "W9", name: "钱进", delegation: "PD", skills: ["S02"]),
        ]
        d.sessions = [Session(id: "S01-final", skill: "S01", round: "final", site: "main", station: "1号馆 A区",
                              start: Date(timeIntervalSince1970: 1_750_379_400), end: Date(timeIntervalSince1970: 1_750_411_800))]
        return d
    }
}

/// A fresh venue directory (removed when dropped) with the fixture's log and PINs.
final class JudgeVenue {
    let directory: String
    let venue: Venue

    init() throws {
        var template = Array("\(NSTemporaryDirectory())/podium-judge-test-XXXXXX".utf8CString)
        directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        venue = try Venue.create(directory: directory + "/v", definition: JudgeFixture.definition(), now: JudgeFixture.now)
        var store = try CredentialStore.open(directory: venue.directory)
        for (id, pin) in JudgeFixture.pins.sorted(by: { $0.key < $1.key }) {
            try store.setPIN(id: id, role: id == "K1" ? .chief : .judge, pin: pin, parameters: .fastForTests)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Another console's marks, straight through the core (as a second process would).
    func mark(_ judge: String, _ competitor: String, _ marks: [(String, MarkValue)], reason: String? = nil) throws {
        let role: Actor.Role = judge == "K1" ? .chief : .judge
        try venue.execute(.submitMarks(skill: "S01", round: "final",
                                       marks: marks.map { MarkInput(competitor: competitor, aspect: $0.0, value: $0.1) }, reason: reason),
                          as: Actor(role, judge), now: JudgeFixture.now)
    }

    /// Every mark of module `module` by a full, agreeing panel (scores `j`), A1/B1 = `m`: the
    /// first three of J1, J2, J3, K1, J4 not of the competitor's delegation (so J4 scores C3 only).
    func complete(module: String, m: Fixed2 = Fixed2(8), j: Int = 2) throws {
        let (mAspect, jAspect) = module == "A" ? ("A1", "A2") : ("B1", "B2")
        for c in ["C1", "C2", "C3"] {
            try mark("J2", c, [(mAspect, .measurement(m))])
            let delegation = venue.state.competitors[c]!.delegation
            let panel = ["J1", "J2", "J3", "K1", "J4"].filter { venue.state.judges[$0]!.delegation != delegation }
            for judge in panel.prefix(3) { try mark(judge, c, [(jAspect, .judgement(j))]) }
        }
    }

    func session(judge: String? = nil, lang: Language = .zh) throws -> JudgeSession {
        try JudgeSession(backend: VenueJudgeBackend(directory: venue.directory), options: JudgeOptions(lang: lang, judgeID: judge))
    }
}

/// A backend that refuses to write, as a full or failing disk would: for the "input stays for
/// a retry" path.
final class FailingBackend: JudgeBackend {
    let real: VenueJudgeBackend
    var failWrites = true
    init(_ real: VenueJudgeBackend) { self.real = real }
    func verify(id: String, pin: String, now: Date) throws -> LoginOutcome { try real.verify(id: id, pin: pin, now: now) }
    func execute(_ command: Command, as actor: Actor, now: Date) throws -> AppendReceipt? {
        if failWrites { throw LogError.io(path: "events.log", operation: "fdatasync", errno: EIO) }
        return try real.execute(command, as: actor, now: now)
    }
    func readNew() throws -> [EventRecord] { try real.readNew() }
    func startState() throws -> VenueState { try real.startState() }
}

extension JudgeSession {
    /// Types each key in turn (text as characters, named keys as given).
    func type(_ keys: [Key], now: Date = JudgeFixture.now) {
        for k in keys { _ = handle(k, now: now) }
    }
    func type(_ text: String, now: Date = JudgeFixture.now) { type(text.map { Key.char($0) }, now: now) }

    func screen(_ width: Int = 80, _ height: Int = 24) -> String {
        PodiumUITests.screen(render(width: width, height: height, now: JudgeFixture.now))
    }

    /// Logged in as `id`, at home.
    func logIn(_ id: String) {
        type(id); type([.enter]); type(JudgeFixture.pins[id]!); type([.enter])
    }
}
