import Foundation
@testable import PodiumCore
@testable import PodiumUI

/// 2025-06-21 10:00:00 +08:00, a Saturday, three days before the closing ceremony.
let boardNow = Date(timeIntervalSince1970: 1_750_471_200)
/// 2025-06-24 15:00:00 +08:00.
let boardClosing = Date(timeIntervalSince1970: 1_750_748_400)

/// A time on a competition day, in Shanghai: `boardTime(day: 21, 8, 30)`.
func boardTime(day: Int, _ hour: Int, _ minute: Int) -> Date {
    // 2025-06-21 00:00 +08:00 is 1_750_435_200.
    let seconds: Int = (day - 21) * 86_400 + hour * 3600 + minute * 60
    return Date(timeIntervalSince1970: 1_750_435_200 + TimeInterval(seconds))
}

/// A small competition for the board's tests: two sites, four delegations, S01 (published),
/// S02 (half marked), S04 (nothing yet) and an exhibition item; Chinese, full-width and
/// combining names.
func boardDefinition(policy: ResultsPolicy = .onPublish) -> CompetitionDefinition {
    var info = CompetitionInfo(id: "sh2025", name: LocalizedText(zh: "上海市第二届职业技能大赛", en: "2nd Shanghai Vocational Skills Competition"),
                               timezone: "Asia/Shanghai", closing: boardClosing)
    info.resultsPolicy = policy
    var d = CompetitionDefinition(competition: info)
    d.sites = [Site(id: "main", name: LocalizedText(zh: "东方绿舟主赛区", en: "Oriental Land main venue")),
               Site(id: "expo", name: LocalizedText(zh: "世博展览馆分赛区", en: "Expo Hall sub-venue"))]
    d.delegations = [("JD", "嘉定区", "Jiading"), ("PD", "浦东新区", "Pudong"), ("YP", "杨浦区", "Yangpu"), ("XH", "徐汇区", "Xuhui")]
        .map { Delegation(id: $0.0, name: LocalizedText(zh: $0.1, en: $0.2)) }
    let module = Module(id: "A", name: LocalizedText(zh: "编程", en: "Programming"), aspects: [
        Aspect(id: "A1", type: .M, max: Fixed2(40), text: "程序运行"),
        Aspect(id: "A2", type: .J, max: Fixed2(60), text: "路径质量"),
    ])
    let final = [Round(id: "final", name: LocalizedText(zh: "决赛", en: "Final"))]
    d.skills = [
        Skill(id: "S01", name: LocalizedText(zh: "工业机器人", en: "Industrial Robotics"), origin: .worldskills, kind: .official,
              rounds: final, modules: [module]),
        Skill(id: "S02", name: LocalizedText(zh: "焊接", en: "Welding"), origin: .worldskills, kind: .official,
              rounds: final, modules: [module]),
        Skill(id: "S03", name: LocalizedText(zh: "非遗面塑展示", en: "Dough Figurine Show"), origin: .shanghai, kind: .exhibition,
              rounds: [Round(id: "show", name: LocalizedText(zh: "展示赛", en: "Exhibition"))], modules: []),
        Skill(id: "S04", name: LocalizedText(zh: "网络安全", en: "Cyber Security"), origin: .worldskills, kind: .official,
              rounds: final, modules: [module]),
    ]
    d.competitors = [
        Competitor(id: "C1", name: "张伟", delegation: "JD", skill: "S01"),
        Competitor(id: "C2", name: "欧阳娜娜", delegation: "PD", skill: "S01"),
        Competitor(id: "C3", name: "Jose\u{301} Mu\u{308}ller", delegation: "YP", skill: "S01"),
        Competitor(id: "C4", name: "Ａｌｉｃｅ Brown", delegation: "XH", skill: "S01"),
        Competitor(id: "D1", name: "李强", delegation: "JD", skill: "S02"),
        Competitor(id: "D2", name: "王芳", delegation: "PD", skill: "S02"),
        Competitor(id: "D3", name: "陈杰", delegation: "YP", skill: "S02"),
        Competitor(id: "E1", name: "赵敏", delegation: "XH", skill: "S04"),
        Competitor(id: "E2", name: "刘洋", delegation: "PD", skill: "S04"),
    ]
    d.judges = [
        Judge(id: "J1", name: "孙丽", delegation: "PD", skills: ["S01", "S02", "S04"]),
        Judge(id: "J2", name: "周涛", delegation: "YP", skills: ["S01", "S02", "S04"]),
        Judge(id: "J3", name: "吴刚", delegation: "JD", skills: ["S01", "S02", "S04"]),
        Judge(id: "J4", name: "郑红", delegation: "XH", skills: ["S01", "S02", "S04"]),
        Judge(id: "K1", name: "马丁", delegation: "XH", skills: ["S01", "S02", "S04"], chief: true),
    ]
    d.sessions = [
        Session(id: "S01-final", skill: "S01", round: "final", site: "main", station: "1号馆 A区",
                start: boardTime(day: 20, 8, 30), end: boardTime(day: 20, 17, 0)),
        Session(id: "S02-final", skill: "S02", round: "final", site: "main", station: "2号馆 B区",
                start: boardTime(day: 21, 8, 30), end: boardTime(day: 21, 12, 0)),
        Session(id: "S03-show", skill: "S03", round: "show", site: "expo", station: "3号展厅",
                start: boardTime(day: 21, 9, 0), end: boardTime(day: 21, 16, 30)),
        Session(id: "S04-final", skill: "S04", round: "final", site: "expo", station: "1号展厅 A区",
                start: boardTime(day: 21, 13, 30), end: boardTime(day: 21, 17, 0)),
        Session(id: "S01-final-2", skill: "S01", round: "final", site: "main", station: "1号馆 A区",
                start: boardTime(day: 22, 8, 30), end: boardTime(day: 22, 12, 0)),
    ]
    return d
}

/// Decides and folds in memory, as a venue does, keeping every record (for the ticker's news).
struct BoardBench {
    var state = VenueState()
    var records: [EventRecord] = []
    var now = boardTime(day: 20, 18, 0)

    init(_ def: CompetitionDefinition) {
        try! run(.defineCompetition(def), Actor(.system, "init"))
    }

    mutating func run(_ c: Command, _ a: Actor) throws(CommandError) {
        let events = try Decide.decide(c, on: state, by: a, now: now)
        for e in events {
            let r = EventRecord(seq: state.lastSeq + 1, time: now, actor: a.logName, event: e)
            state.apply(r)
            records.append(r)
        }
    }

    /// A1 (measurement, hundredths) and A2 by a full agreeing panel without compatriots.
    mutating func complete(_ competitor: String, m: Int64, j: Int, skill: String) throws(CommandError) {
        try run(.submitMarks(skill: skill, round: "final", marks: [MarkInput(competitor: competitor, aspect: "A1", value: .measurement(Fixed2(hundredths: m)))], reason: nil),
                Actor(.judge, "J1"))
        let delegation = state.competitors[competitor]!.delegation
        let panel = ["J1", "J2", "J3", "J4"].filter { state.judges[$0]!.delegation != delegation }.prefix(3)
        for judge in panel {
            try run(.submitMarks(skill: skill, round: "final", marks: [MarkInput(competitor: competitor, aspect: "A2", value: .judgement(j))], reason: nil),
                    Actor(.judge, judge))
        }
    }

    mutating func measure(_ competitor: String, m: Int64, skill: String) throws(CommandError) {
        try run(.submitMarks(skill: skill, round: "final", marks: [MarkInput(competitor: competitor, aspect: "A1", value: .measurement(Fixed2(hundredths: m)))], reason: nil),
                Actor(.judge, "J1"))
    }
}

let boardStaff = Actor(.staff, "wang")
let boardChief = Actor(.chief, "K1")
let s01Final = RoundKey(skill: "S01", round: "final")
let s02Final = RoundKey(skill: "S02", round: "final")

/// The standard scene: S01 marked, locked and published (at 09:50 on the 21st), S02 half
/// marked, two announcements.
func boardBench(policy: ResultsPolicy = .onPublish, publish: Bool = true) -> BoardBench {
    var b = BoardBench(boardDefinition(policy: policy))
    try! b.complete("C1", m: 3550, j: 3, skill: "S01")   // 95.50
    try! b.complete("C2", m: 3725, j: 2, skill: "S01")   // 77.25
    try! b.complete("C3", m: 2000, j: 3, skill: "S01")   // 80.00
    try! b.complete("C4", m: 1000, j: 1, skill: "S01")   // 30.00
    try! b.complete("D1", m: 3000, j: 2, skill: "S02")
    try! b.measure("D2", m: 2500, skill: "S02")
    b.now = boardTime(day: 21, 9, 40)
    try! b.run(.announce(text: "15:00 在主赛区举行技能展示互动活动，欢迎观众参与", priority: .normal, until: nil), boardStaff)
    if publish {
        b.now = boardTime(day: 21, 9, 50)
        try! b.run(.lockModule(skill: "S01", round: "final", module: "A"), boardChief)
        try! b.run(.publish(s01Final), boardStaff)
    }
    return b
}

/// A board on the bench's records, fed through `apply` as the controller does.
func boardModel(_ b: BoardBench, lang: Language = .zh, page: BoardPage = .countdown, now: Date = boardNow,
                site: String? = nil, kiosk: Bool = false) -> BoardModel {
    var m = BoardModel(state: VenueState(), now: now, options: BoardOptions(lang: lang, site: site, pageSeconds: 10, kiosk: kiosk), page: page)
    for r in b.records { m.apply(r) }
    return m
}

func boardCanvas(_ m: BoardModel, width: Int, height: Int, now: Date = boardNow) -> Canvas {
    BoardScreen.render(m, theme: .builtIn, width: width, height: height, now: now)
}
