import Foundation
import Testing
@testable import PodiumCore

/// `Fixtures/golden-v1.log` and `golden-v2.log` were written once, each by the build that
/// introduced its format; each must decode to exactly these events forever. Write a fixture only
/// for a new format version (PODIUM_WRITE_GOLDEN=N writes golden-vN.log).
enum Golden {
    static let created: Int64 = 1_750_000_000_000_000
    static let shanghai = Date(timeIntervalSince1970: 1_750_748_400) // 2025-06-24T15:00:00+08:00

    static var batches: [(actor: String, events: [Event])] {
        var info = CompetitionInfo(id: "sh2025", name: LocalizedText(zh: "上海市第二届职业技能大赛", en: "2nd Shanghai Vocational Skills Competition"),
                                   timezone: "Asia/Shanghai", closing: shanghai)
        info.standardisation = .scale700
        info.excellence = .threshold(Fixed2(700))
        info.tieBreak = .modules
        info.teamTable = .gold
        info.points = MedalPoints(gold: 5, silver: 3, bronze: 2, excellence: 1)
        let skill = Skill(id: "S01", name: LocalizedText(zh: "工业机器人", en: "Industrial Robotics"), origin: .worldskills, kind: .official,
                          panel: 3, rounds: [Round(id: "pre", name: LocalizedText(zh: "预赛", en: "Preliminary"), advanceFraction: Fraction(perTenThousand: 5000)),
                                             Round(id: "final", name: LocalizedText(zh: "决赛", en: "Final"))],
                          modules: [Module(id: "A", name: LocalizedText(zh: "编程"), aspects: [
                              Aspect(id: "A1", type: .M, max: Fixed2(hundredths: 4025), text: "程序完整运行"),
                              Aspect(id: "A2", type: .J, max: Fixed2(hundredths: 5975), text: "Path quality")])])
        return [
            ("system:init", [
                .competitionDefined(info),
                .siteDefined(Site(id: "main", name: LocalizedText(zh: "东方绿舟主赛区", en: "Oriental Land"))),
                .delegationDefined(Delegation(id: "JD", name: LocalizedText(zh: "嘉定区", en: "Jiading"))),
                .skillDefined(skill),
                .competitorRegistered(Competitor(id: "C001", name: "张伟", delegation: "JD", skill: "S01")),
                .competitorRegistered(Competitor(id: "T01", name: "嘉定一队", delegation: "JD", skill: "S01", members: ["王芳", "李强"])),
                .judgeRegistered(Judge(id: "J01", name: "李华", delegation: "PD", skills: ["S01"], chief: true)),
                .sessionScheduled(Session(id: "S01-final", skill: "S01", round: "final", site: "main", station: "1号馆",
                                          start: Date(timeIntervalSince1970: 1_750_379_400), end: Date(timeIntervalSince1970: 1_750_390_200))),
            ]),
            ("staff:wang", [.announcementPosted(Announcement(id: "A1", text: "决赛 10:00 开始", priority: .urgent, until: shanghai))]),
            ("staff:wang", [.announcementWithdrawn(id: "A1")]),
        ]
    }

    static func write(_ path: String, version: UInt32) throws {
        try LogWriter.create(at: path, createdMicros: created, version: version)
        let w = try LogWriter(path: path)
        for (i, b) in batches.enumerated() {
            try w.append(actor: b.actor, timeMicros: created + Int64(i) * 60_000_000) { _ in b.events.map(\.entry) }
        }
    }

    /// `golden-v1.log` (format 1, written by the first build) and `golden-v2.log` (format 2, group
    /// commit's `synced` field in every frame, written by the build that introduced it).
    static func fixture(version: UInt32) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden-v\(version).log").path
    }
}

@Suite("Golden log")
struct GoldenLogTests {
    @Test("golden-v1.log and golden-v2.log decode to the same events, and this build writes the same bytes in each format",
          arguments: LogFormat.readableVersions)
    func goldenDecodes(version: UInt32) throws {
        let fixture = Golden.fixture(version: version)
        if ProcessInfo.processInfo.environment["PODIUM_WRITE_GOLDEN"] == "\(version)" {
            try? FileManager.default.removeItem(atPath: fixture)
            try Golden.write(fixture, version: version)
            try? FileManager.default.removeItem(atPath: fixture + ".mark")
        }
        let records = try LogReader(path: fixture).records().map { try EventRecord($0) }
        let expected = Golden.batches.flatMap { b in b.events.map { (b.actor, $0) } }
        #expect(records.count == expected.count)
        for (r, (actor, event)) in zip(records, expected) {
            #expect(r.actor == actor)
            #expect(r.event == event)
        }
        #expect(records.map(\.seq) == Array(1...UInt64(expected.count)))
        #expect(records.last!.time == Date(timeIntervalSince1970: Double(Golden.created + 120_000_000) / 1_000_000))
        #expect(try LogVerifier.verify(path: fixture).ok)

        let dir = TempDir(memory: true)
        try Golden.write(dir.file("again.log"), version: version)
        #expect(readBytes(dir.file("again.log")) == readBytes(fixture), "the encoder must not drift from format v\(version)")
    }

    @Test("Every event survives the binary codec and has a JSON line with seq, time, type, actor and data")
    func codecRoundTrip() throws {
        for (actor, event) in Golden.batches.flatMap({ b in b.events.map { (b.actor, $0) } }) {
            let back = try Event.decode(tag: event.tag, body: event.encodeBody())
            #expect(back == event)
            let line = try EventRecord(seq: 7, time: Golden.shanghai, actor: actor, event: event).jsonLine()
            #expect(line.hasPrefix("{\"seq\":7,\"time\":\"2025-06-24T07:00:00Z\",\"type\":\"\(event.typeName)\",\"actor\":\"\(actor)\",\"data\":{"))
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
    }

    @Test("A damaged body is refused with the record's seq, never misread")
    func damagedBody() throws {
        let body = Event.announcementPosted(Announcement(id: "A1", text: "你好")).encodeBody()
        for cut in 0..<body.count {
            #expect(throws: WireError.self) { try Event.decode(tag: 20, body: Array(body.prefix(cut))) }
        }
        let raw = RawRecord(seq: 42, timeMicros: 0, actor: "x", type: 77, batchRemaining: 0, body: [], chain: ChainHash(digest: [UInt8](repeating: 0, count: 32)), offset: 0)
        #expect { try EventRecord(raw) } throws: { ($0 as? WireError)?.message.contains("seq 42") == true }
    }
}
