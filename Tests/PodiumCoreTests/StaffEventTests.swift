import Foundation
import Testing
@testable import PodiumCore

/// `Fixtures/golden-staff-v1.log` pins the staff events (type tags 50-60) as written by their
/// first build: it must decode to exactly these events forever (PODIUM_WRITE_GOLDEN=1 rewrites
/// it, for a new format version only).
enum StaffGolden {
    static var events: [Event] {
        [
            .sessionStarted(session: "S01-final"),
            .sessionFinished(session: "S01-final"),
            .sessionDelayed(SessionDelay(session: "S02-pre", minutes: 25)),
            .sessionMoved(SessionMove(session: "S02-pre", site: "expo", station: "3号馆 B区")),
            .sessionCancelled(SessionCancel(session: "S02-final", reason: "台风停赛")),
            .closingSet(Date(timeIntervalSince1970: 1_750_750_200)),
            .countdownPaused,
            .countdownResumed,
            .ceremonyStarted,
            .ceremonyStepped(step: 3),
            .ceremonyEnded,
        ]
    }

    static var fixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden-staff-v1.log").path
    }

    static func write(_ path: String) throws {
        try LogWriter.create(at: path, createdMicros: Golden.created, version: 1) // the fixture is format 1
        let w = try LogWriter(path: path)
        for (i, e) in events.enumerated() {
            try w.append(actor: "staff:wang", timeMicros: Golden.created + Int64(i) * 60_000_000) { _ in [e.entry] }
        }
    }
}

@Suite("Staff events: codec, JSON and the golden fixture")
struct StaffEventTests {
    @Test("golden-staff-v1.log decodes to the same events, and this build writes the same bytes")
    func golden() throws {
        if ProcessInfo.processInfo.environment["PODIUM_WRITE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(atPath: StaffGolden.fixture)
            try StaffGolden.write(StaffGolden.fixture)
        }
        let records = try LogReader(path: StaffGolden.fixture).records().map { try EventRecord($0) }
        #expect(records.map(\.event) == StaffGolden.events)
        #expect(records.map { $0.event.tag } == [50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60])
        let dir = TempDir(memory: true)
        try StaffGolden.write(dir.file("again.log"))
        #expect(readBytes(dir.file("again.log")) == readBytes(StaffGolden.fixture), "the encoder must not drift")
    }

    @Test("each staff event survives the codec, and its JSON data is what log-format.md shows")
    func json() throws {
        let expected = [
            #"{"session":"S01-final"}"#, #"{"session":"S01-final"}"#, #"{"minutes":25,"session":"S02-pre"}"#,
            #"{"session":"S02-pre","site":"expo","station":"3号馆 B区"}"#, #"{"reason":"台风停赛","session":"S02-final"}"#,
            #"{"closing":"2025-06-24T07:30:00Z"}"#, "{}", "{}", "{}", #"{"step":3}"#, "{}",
        ]
        for (event, data) in zip(StaffGolden.events, expected) {
            #expect(try Event.decode(tag: event.tag, body: event.encodeBody()) == event)
            let line = try EventRecord(seq: 9, time: Golden.shanghai, actor: "staff:wang", event: event).jsonLine()
            #expect(line == "{\"seq\":9,\"time\":\"2025-06-24T07:00:00Z\",\"type\":\"\(event.typeName)\",\"actor\":\"staff:wang\",\"data\":\(data)}")
        }
    }

    @Test("a damaged staff body is refused, never misread")
    func damaged() throws {
        for event in StaffGolden.events {
            let body = event.encodeBody()
            for cut in 0..<body.count {
                #expect(throws: WireError.self) { try Event.decode(tag: event.tag, body: Array(body.prefix(cut))) }
            }
        }
    }
}
