import Foundation
import Testing
import PodiumCore
@testable import PodiumPostgres
import PodiumTestSupport

/// `podium_place`: the server puts a batch after the head when no record appended since its
/// writer's view could have changed the decision (`ReadSet`), and computes seq, time and chain.
@Suite("PostgreSQL: the server places a batch", .serialized)
struct PlacementTests {
    init() { StoreKinds.register(PostgresStoreKind()) }

    /// A venue on the shared server, two writers on it, and what `prepare` was shown each call.
    final class Desk {
        let url: String
        init(placement: Bool = true) throws {
            let server = try SharedServer.get()
            url = server.url(database: try server.createDatabase(prefix: "place"))
            try PostgresStoreKind().create(url, genesis: FileHeader(createdMicros: 1_750_000_000_000_000),
                                           asyncCommit: true, placement: placement)
        }
        func writer() throws -> EventStore { try PostgresStoreKind().openStore(url) { _ in } }
        func records() throws -> [RawRecord] { try PostgresStoreKind().openReader(url).records() }
    }

    static func entry(_ text: String, scope: String?) -> RawEntry {
        RawEntry(type: 999, body: Array(text.utf8), scope: scope)
    }

    /// Appends `entries` reading `reads`; returns the receipt and the record lists `prepare` was handed.
    static func append(_ w: EventStore, actor: String = "judge:张三", time: Int64? = nil, reads: ReadSet,
                       _ entries: [RawEntry]) throws -> (AppendReceipt?, [[UInt64]]) {
        var calls: [[UInt64]] = []
        let r = try w.append(actor: actor, timeMicros: time, reads: reads) { fresh in
            calls.append(fresh.map(\.seq))
            return entries
        }
        return (r, calls)
    }

    @Test("A batch whose decision read other scopes goes in after records its writer never saw, decided once; the skipped records come back; the server's chain is the file's")
    func placedAfterUnseen() throws {
        let desk = try Desk()
        let a = try desk.writer(), b = try desk.writer()
        _ = try Self.append(a, reads: .everything, [Self.entry("genesis of the day", scope: "definition")])
        _ = try b.append(actor: "staff:x", timeMicros: nil, reads: .everything) { _ in [] } // b has seen seq 1
        // a appends two batches b does not see: marks of skill A, an announcement.
        _ = try Self.append(a, reads: .everything, [Self.entry("A 模块一 8.5", scope: "skill:A"), Self.entry("A 模块二 7.0", scope: "skill:A")])
        _ = try Self.append(a, actor: "staff:台前", reads: .everything, [Self.entry("午餐 12:00", scope: "announcements")])
        // b's sheet for skill B read skill B and the registry only.
        let (receipt, calls) = try Self.append(b, reads: .scopes(["skill:B", "registry"]),
                                               [Self.entry("B 模块一 9.0", scope: "skill:B"), Self.entry("B 模块二 6.5", scope: "skill:B"),
                                                Self.entry("B 模块三 8.0", scope: "skill:B")])
        #expect(calls == [[]], "decided once, on what b had seen")
        #expect(receipt?.first == 5 && receipt?.last == 7)
        #expect(receipt?.skipped.map(\.seq) == [2, 3, 4])
        #expect(b.lastSeq == 7)
        let rows = try desk.records()
        #expect(rows.map(\.seq) == Array(1...7))
        #expect(rows.suffix(3).map(\.batchRemaining) == [2, 1, 0])
        #expect(rows.last?.chain == b.chainHead)
        // Every row's chain value recomputed from its content, as the file computes it.
        var chain = RecordChain.genesis(FileHeader(createdMicros: 1_750_000_000_000_000))
        for r in rows {
            chain = RecordChain.next(prev: chain, seq: r.seq, timeMicros: r.timeMicros, actor: Array(r.actor.utf8), type: r.type,
                                     batchRemaining: r.batchRemaining, body: r.body)
            #expect(chain == r.chain, "seq \(r.seq)")
        }
        #expect(try PostgresStoreKind().verify(desk.url).ok)
        // And the writer goes on from there: its next append follows its own batch.
        let (next, nextCalls) = try Self.append(b, reads: .everything, [Self.entry("B 签字", scope: "skill:B")])
        #expect(nextCalls == [[]] && next?.first == 8 && next?.skipped == [])
    }

    @Test("A record in between that the decision read (its scope, or an unknown scope) makes the writer decide again on it; a decision that read nothing never does; .everything always does")
    func conflictsDecideAgain() throws {
        let desk = try Desk()
        let a = try desk.writer(), b = try desk.writer()
        _ = try Self.append(a, reads: .everything, [Self.entry("start", scope: "definition")])
        _ = try b.append(actor: "staff:x", timeMicros: nil, reads: .everything) { _ in [] }
        // Same skill: b's decision must see it.
        _ = try Self.append(a, reads: .everything, [Self.entry("B 锁定模块一", scope: "skill:B")])
        var (r, calls) = try Self.append(b, reads: .scopes(["skill:B"]), [Self.entry("B 模块一 9.0", scope: "skill:B")])
        #expect(calls == [[], [2]] && r?.first == 3 && r?.skipped == [])
        // Unknown scope: may have changed anything.
        _ = try Self.append(a, reads: .everything, [Self.entry("import", scope: nil)])
        (r, calls) = try Self.append(b, reads: .scopes(["skill:B"]), [Self.entry("B 模块二", scope: "skill:B")])
        #expect(calls == [[], [4]] && r?.first == 5)
        // Read nothing: goes in after an unknown-scope record without deciding again.
        _ = try Self.append(a, reads: .everything, [Self.entry("import 2", scope: nil)])
        (r, calls) = try Self.append(b, reads: .scopes([]), [Self.entry("bench", scope: nil)])
        #expect(calls == [[]] && r?.first == 7 && r?.skipped.map(\.seq) == [6])
        // The whole state: any record in between.
        _ = try Self.append(a, reads: .everything, [Self.entry("announcement", scope: "announcements")])
        (r, calls) = try Self.append(b, reads: .everything, [Self.entry("B", scope: "skill:B")])
        #expect(calls == [[], [8]] && r?.first == 9 && r?.skipped == [])
        #expect(try PostgresStoreKind().verify(desk.url).ok)
    }

    @Test("A placed batch's time never goes back before the head's")
    func timeNeverGoesBack() throws {
        let desk = try Desk()
        let a = try desk.writer(), b = try desk.writer()
        _ = try Self.append(a, reads: .everything, [Self.entry("start", scope: "definition")])
        _ = try b.append(actor: "staff:x", timeMicros: nil, reads: .everything) { _ in [] }
        _ = try Self.append(a, time: 1_800_000_000_000_000, reads: .everything, [Self.entry("late clock", scope: "announcements")])
        let (r, _) = try Self.append(b, time: 1_700_000_000_000_000, reads: .scopes(["skill:B"]), [Self.entry("B", scope: "skill:B")])
        #expect(r?.timeMicros == 1_800_000_000_000_000)
        #expect(try desk.records().last?.timeMicros == 1_800_000_000_000_000)
        #expect(try PostgresStoreKind().verify(desk.url).ok)
    }

    @Test("Writers waiting together are placed by one of them in one transaction, in the order they came; one whose view is stale and read everything is sent back to decide again")
    func waitingWritersCombine() throws {
        let desk = try Desk()
        let first = try desk.writer()
        _ = try Self.append(first, reads: .everything, [Self.entry("start", scope: "definition")])
        // Hold the venue's queue lock, so the writers below put their batches in and wait.
        let holder = try PostgresSession(PostgresURL(desk.url))
        try holder.run("BEGIN")
        try holder.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.queueLockKey))")
        let writers = try (0..<4).map { _ in try desk.writer() }
        for w in writers { _ = try w.append(actor: "staff:x", timeMicros: nil, reads: .everything) { _ in [] } } // all have seen seq 1
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var receipts: [Int: AppendReceipt] = [:]
            var calls: [Int: [[UInt64]]] = [:]
            var errors: [String] = []
        }
        let results = Results()
        let group = DispatchGroup()
        let counter = try PostgresSession(PostgresURL(desk.url))
        for (k, w) in writers.enumerated() {
            // Writer 3 read everything: by its turn the others are in, so it must decide again.
            let reads: ReadSet = k == 3 ? .everything : .scopes(["skill:S\(k)"])
            group.enter()
            nonisolated(unsafe) let w = w // used by this thread alone
            Thread {
                defer { group.leave() }
                do {
                    let (r, c) = try Self.append(w, reads: reads, [Self.entry("S\(k) 第一页", scope: "skill:S\(k)"), Self.entry("S\(k) 第二页", scope: "skill:S\(k)")])
                    results.lock.lock(); results.receipts[k] = r; results.calls[k] = c; results.lock.unlock()
                } catch {
                    results.lock.lock(); results.errors.append("\(error)"); results.lock.unlock()
                }
            }.start()
            // Let each one's batch go in before the next's, so their order is known.
            let deadline = Date().addingTimeInterval(30)
            while try (counter.value(Self.waiting, as: Int64.self) ?? 0) < Int64(k + 1), Date() < deadline { usleep(2000) }
        }
        #expect(try counter.value(Self.waiting, as: Int64.self) == 4)
        try holder.run("COMMIT")
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(results.errors.isEmpty, "\(results.errors)")
        #expect((0..<3).map { results.receipts[$0]?.first } == [2, 4, 6], "placed in the order they came")
        #expect((0..<3).allSatisfy { results.calls[$0] == [[]] }, "decided once")
        #expect(results.receipts[3]?.first == 8 && results.calls[3] == [[], [2, 3, 4, 5, 6, 7]], "sent back, decided on them, then placed")
        // The three placed together are one transaction: one commit, one flush.
        #expect(try counter.value("SELECT count(DISTINCT xmin::text) FROM podium_events WHERE seq BETWEEN 2 AND 7", as: Int64.self) == 1)
        #expect(try counter.value(Self.waiting, as: Int64.self) == 0, "every batch answered")
        #expect(try counter.value("SELECT count(*) FROM podium_slots", as: Int64.self) == 4, "one row per writer session")
        #expect(try counter.value("SELECT count(*) FROM podium_slots WHERE bodies IS NOT NULL", as: Int64.self) == 0, "answered batches let go")
        #expect(try PostgresStoreKind().verify(desk.url).ok)
        #expect(try desk.records().map(\.seq) == Array(1...9))
    }

    static let waiting = "SELECT count(*) FROM podium_slots WHERE first_seq IS NULL"

    @Test("A batch that could not go into the log is refused before it waits or is placed, so it can never undo another writer's round")
    func badBatchRefusedAtTheDoor() throws {
        let desk = try Desk()
        let raw = try PostgresSession(PostgresURL(desk.url))
        try raw.run("SET lock_timeout = '2s'") // a batch let in would wait for the lock below: fail, don't hang
        // Hold the queue lock: a batch let in would wait in podium_slots.
        let holder = try PostgresSession(PostgresURL(desk.url))
        try holder.run("BEGIN")
        try holder.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.queueLockKey))")
        let good = "ARRAY['\\x00'::bytea]"
        for held in [true, false] {
            if !held { try holder.run("COMMIT") } // and with the lock free: placed at once
            for bad in [
                "0, 0, 'x', ARRAY[1, 2], \(good), \(good), ARRAY[''], NULL",                     // arrays of different lengths
                "0, 0, 'x', ARRAY[1], ARRAY[NULL::bytea], \(good), ARRAY[''], NULL",              // a NULL field
                "0, 0, 'x', ARRAY[70000], \(good), \(good), ARRAY[''], NULL",                    // a type out of range
                "0, 0, 'x', '{}'::integer[], '{}'::bytea[], '{}'::bytea[], '{}'::text[], NULL",   // an empty batch
                "0, 0, 'x', '[0:0]={1}'::integer[], '[0:0]={\"\\\\x00\"}'::bytea[], '[0:0]={\"\\\\x00\"}'::bytea[], '[0:0]={\"\"}'::text[], NULL", // arrays not counted from 1
                "NULL, 0, 'x', ARRAY[1], \(good), \(good), ARRAY[''], ARRAY['skill:A']",         // an unknown view
                "0, 0, NULL, ARRAY[1], \(good), \(good), ARRAY[''], NULL",                       // no actor
            ] {
                #expect(throws: (any Error).self, "\(bad)") {
                    try raw.run("CALL podium_combine_durable(\(bad), NULL, NULL, NULL)")
                }
            }
            #expect(try raw.value("SELECT count(*) FROM podium_slots", as: Int64.self) == 0)
            #expect(try raw.value("SELECT count(*) FROM podium_events", as: Int64.self) == 0)
        }
        let (r, _) = try Self.append(try desk.writer(), reads: .everything, [Self.entry("still fine", scope: "announcements")])
        #expect(r?.first == 1)
        #expect(try PostgresStoreKind().verify(desk.url).ok)
    }

    @Test("A writer session's first wait clears the rows of sessions that have ended, whose batches were never acknowledged")
    func slotsOfEndedSessions() throws {
        let desk = try Desk()
        let raw = try PostgresSession(PostgresURL(desk.url))
        // Two sessions that have ended (no backend has pid 0 or -1) with their batches still
        // waiting; the second one's row is locked, as a round placing it would hold it: the
        // clearing skips it rather than wait (the round might be waiting for a row it holds).
        for pid in [0, -1] {
            try raw.run("INSERT INTO podium_slots (pid, ticket, expected, t, who, types, fields, bodies, scopes) VALUES (\(pid), nextval('podium_ticket'), 0, 0, 'gone', ARRAY[1], ARRAY['\\x00'::bytea], ARRAY['\\x00'::bytea], ARRAY[''])")
        }
        let rowHolder = try PostgresSession(PostgresURL(desk.url))
        try rowHolder.run("BEGIN")
        try rowHolder.run("SELECT 1 FROM podium_slots WHERE pid = -1 FOR UPDATE")
        let holder = try PostgresSession(PostgresURL(desk.url))
        try holder.run("BEGIN")
        try holder.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.queueLockKey))")
        let w = try desk.writer()
        final class Box: @unchecked Sendable { var r: AppendReceipt?; var error: String? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let writer = w
        Thread {
            do { box.r = try Self.append(writer, reads: .scopes([]), [Self.entry("after the gone one", scope: "announcements")]).0 } catch { box.error = "\(error)" }
            done.signal()
        }.start()
        let deadline = Date().addingTimeInterval(15)
        while try (raw.value(Self.waiting + " AND pid > 0", as: Int64.self) ?? 0) < 1
                || (raw.value("SELECT count(*) FROM podium_slots WHERE pid = 0", as: Int64.self) ?? 0) > 0,
              Date() < deadline { usleep(2000) }
        #expect(try raw.value("SELECT count(*) FROM podium_slots WHERE pid = 0", as: Int64.self) == 0, "the ended session's row is gone")
        #expect(try raw.value(Self.waiting + " AND pid > 0", as: Int64.self) == 1, "the writer's batch went in without waiting for the locked row")
        #expect(try raw.value("SELECT count(*) FROM podium_slots WHERE pid = -1", as: Int64.self) == 1, "the locked row was skipped")
        try rowHolder.run("ROLLBACK")
        try raw.run("DELETE FROM podium_slots WHERE pid = -1") // (else the round below would place it)
        try holder.run("COMMIT")
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(box.error == nil, "\(box.error ?? "")")
        #expect(box.r?.first == 1, "the gone session's batch was never placed")
        #expect(try desk.records().map { String(decoding: $0.body, as: UTF8.self) } == ["after the gone one"])
    }

    @Test("A venue made before podium_combine_durable: a stale writer decides again, whatever it read")
    func venueWithoutPlacement() throws {
        let desk = try Desk(placement: false)
        let a = try desk.writer(), b = try desk.writer()
        _ = try Self.append(a, reads: .everything, [Self.entry("start", scope: "definition")])
        _ = try b.append(actor: "staff:x", timeMicros: nil, reads: .everything) { _ in [] }
        _ = try Self.append(a, reads: .everything, [Self.entry("A", scope: "skill:A")])
        let (r, calls) = try Self.append(b, reads: .scopes(["skill:B"]), [Self.entry("B", scope: "skill:B")])
        #expect(calls == [[], [2]] && r?.first == 3 && r?.skipped == [])
        #expect(try PostgresStoreKind().verify(desk.url).ok)
    }
}
