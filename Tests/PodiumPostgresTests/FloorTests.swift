import Foundation
import Testing
import PodiumCore
@testable import PodiumPostgres
import PodiumTestSupport

/// The bench's floor steps (`podium bench log --store URL --only floor`) are what the table says
/// they are: each replaces a venue's `podium_combine_durable` and takes appends through the
/// store's own call; the whole placed append one writer at a time writes the log's records, with
/// the file's chain, and sends a stale writer back to decide again.
@Suite("PostgreSQL: the bench's floor steps", .serialized)
struct FloorTests {
    init() { StoreKinds.register(PostgresStoreKind()) }

    static func venue(_ step: PostgresAnchor.FloorStep) throws -> String {
        let server = try SharedServer.get()
        let url = server.url(database: try server.createDatabase(prefix: "floor"))
        try PostgresStoreKind().create(url, genesis: FileHeader(createdMicros: 1_750_000_000_000_000))
        try PostgresAnchor(url: PostgresURL(url)).createFloor(step)
        return url
    }

    @Test("The steps that write the anchor's table put one row there per append, through the store's call", arguments: [
        PostgresAnchor.FloorStep.call, .locked, .head,
    ])
    func anchorSteps(step: PostgresAnchor.FloorStep) throws {
        let url = try Self.venue(step)
        let w = try PostgresStoreKind().openStore(url) { _ in }
        for i in 1...3 {
            let r = try #require(try w.append(actor: "bench:甲", timeMicros: nil, entries: [RawEntry(type: 999, body: Array("第\(i)条".utf8))]))
            #expect(r.first == UInt64(i) && r.last == UInt64(i))
        }
        let s = try PostgresSession(PostgresURL(url))
        #expect(try s.value("SELECT count(*) FROM bare", as: Int64.self) == 3)
        #expect(try s.value("SELECT count(*) FROM podium_events", as: Int64.self) == 0)
        #expect(try s.value("SELECT last_seq FROM podium_venue", as: Int64.self) == (step == .head ? 3 : 0))
    }

    @Test("One writer at a time: the records, their chain and the read-set check are the log's")
    func serialStepIsAWholeAppend() throws {
        let url = try Self.venue(.serial)
        let a = try PostgresStoreKind().openStore(url) { _ in }
        let b = try PostgresStoreKind().openStore(url) { _ in }
        try a.append(actor: "judge:张三", timeMicros: nil, reads: .scopes(["skill:1"])) { _ in
            [RawEntry(type: 999, body: Array("甲".utf8), scope: "skill:1"), RawEntry(type: 999, body: Array("乙".utf8), scope: "skill:1")]
        }
        // b has not seen a's records: a decision that read skill 2 is placed after them, one
        // that read skill 1 is sent back and decided again on them.
        var shown: [[UInt64]] = []
        let r2 = try b.append(actor: "judge:李四", timeMicros: nil, reads: .scopes(["skill:2"])) { fresh in
            shown.append(fresh.map(\.seq)); return [RawEntry(type: 999, body: Array("丙".utf8), scope: "skill:2")]
        }
        #expect(r2?.first == 3 && shown == [[]])
        shown = []
        let c = try PostgresStoreKind().openStore(url) { _ in } // its view ends at seq 3, before a's next append
        try a.append(actor: "judge:张三", timeMicros: nil, reads: .scopes(["skill:1"])) { _ in [RawEntry(type: 999, body: Array("丁".utf8), scope: "skill:1")] }
        let r4 = try c.append(actor: "judge:王五", timeMicros: nil, reads: .scopes(["skill:1"])) { fresh in
            shown.append(fresh.map(\.seq)); return [RawEntry(type: 999, body: Array("戊".utf8), scope: "skill:1")]
        }
        #expect(r4?.first == 5)
        #expect(shown.first == [], "decided first on its own view")
        #expect(shown.count == 2 && shown.last == [4], "then again on the record that could have changed it")
        let report = try PostgresStoreKind().verify(url)
        #expect(report.ok && report.records == 5)
        let records = try PostgresStoreKind().openReader(url).records()
        #expect(records.map { String(decoding: $0.body, as: UTF8.self) } == ["甲", "乙", "丙", "丁", "戊"])
        #expect(records.map(\.batchRemaining) == [1, 0, 0, 0, 0])
    }
}
