import Foundation
import Testing
import PodiumCore
@testable import PodiumPostgres
import PodiumTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The replay's read path: rows decoded straight from their bytes (`EventRowDecoder`) and
/// pages pipelined (`RowStream`), checked against the reader's page-at-a-time path and against
/// the file store's own decoding of the same venue copied to a file.
@Suite("PostgreSQL replay: rows decoded from their bytes, pages pipelined")
struct PostgresReplayTests {
    init() { StoreKinds.register(PostgresStoreKind()) }

    /// A record's content without where it is stored (a file record has an offset, a row none).
    static func content(_ r: RawRecord) -> RawRecord {
        var r = r
        r.offset = -1
        return r
    }

    /// Everything a `RowStream` delivers, and the error it stopped on (as text), if any.
    static func drain(_ stream: RowStream) -> (records: [RawRecord], error: String?) {
        var got: [RawRecord] = []
        do {
            while let chunk = try stream.next() { got += chunk }
            return (got, nil)
        } catch {
            return (got, "\(error)")
        }
    }

    @Test("The stream delivers the same records as the reader and as the file copy, across pages, chunks and a deferred page, from any seq")
    func streamEqualsReaderAndFile() throws {
        let server = try SharedServer.get()
        let log = try ContractLog(.postgres, server: server)
        let w = try log.writer()
        var n = 0
        // 25 batches of 101: batches span pages and chunks; actors alternate (one longer than
        // a small string, one Chinese), bodies of every length from 0 to 299 bytes.
        for b in 0..<25 {
            try w.append(actor: b % 2 == 0 ? "judge:张三-评分组-workshop-7" : "staff:desk", timeMicros: nil) { _ in
                (0..<101).map { i in
                    n += 1
                    return RawEntry(type: UInt16(900 + i % 3), body: [UInt8](repeating: UInt8(n % 251), count: n % 300))
                }
            }
        }
        let expected = try log.records()
        #expect(expected.count == 2525)
        #expect(expected.map(\.seq) == Array(1...2525))

        let tmp = NSTemporaryDirectory() + "/podium-replay-copy-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try LogCopy.copy(from: log.location, to: tmp)
        let fromFile = try FileStoreKind().openReader(tmp).records()
        #expect(fromFile.map(Self.content) == expected)

        let session = try PostgresSession(PostgresURL(log.location))
        for page in [10, 101, 1000, 2525, 20_000] {
            let stream = RowStream(session, after: 0, page: page)
            // Left unread, the first page ends with a page's worth waiting: the next page is
            // asked for only once the reader has caught up (the deferred path).
            if page == 10 { usleep(300_000) }
            let (got, error) = Self.drain(stream)
            #expect(error == nil, "page \(page): \(error ?? "")")
            #expect(got == expected, "page \(page): \(got.count) records")
        }
        let (tail, error) = Self.drain(RowStream(session, after: 1234, page: 100))
        #expect(error == nil)
        #expect(tail == Array(expected.dropFirst(1234)))
        #expect(Self.drain(RowStream(session, after: 2525)).records.isEmpty)

        // Opening the store replays the same records, and ends at the same chain head.
        var replayed: [RawRecord] = []
        let store = try log.kind.openStore(log.location) { replayed.append($0) }
        #expect(replayed == expected)
        #expect(store.chainHead == expected.last?.chain)
        #expect(store.lastSeq == 2525)
    }

    @Test("A server that stops answering: the replay's stream gives up at the session's query timeout, as unreachable, naming the server")
    func silentServerIsUnreachable() throws {
        let server = try SharedServer.get()
        let log = try ContractLog(.postgres, server: server)
        let w = try log.writer()
        try w.append(actor: "test:v", timeMicros: nil) { _ in (0..<30).map { RawEntry(type: 999, body: Array("rec\($0)".utf8)) } }
        let session = try PostgresSession(PostgresURL(log.location))
        session.queryTimeout = .seconds(1)
        guard let pid = try session.value("SELECT pg_backend_pid()", as: Int32.self) else { Issue.record("no backend pid"); return }
        // The backend is frozen (as a server behind a cut network: no answer, no refusal).
        #expect(kill(pid, SIGSTOP) == 0)
        defer { kill(pid, SIGCONT) }
        let (got, error) = Self.drain(RowStream(session, after: 0, page: 10))
        #expect(got.isEmpty)
        #expect(error?.contains("cannot reach the server") == true, "\(error ?? "no error")")
        #expect(error?.contains("127.0.0.1") == true)
        for _ in 0..<100 where !session.isClosed { usleep(50_000) } // the close is asynchronous
        #expect(session.isClosed, "the connection is given up")
    }

    @Test("A damaged row (a NULL, a chain value of the wrong length, a column of another type) stops every reader at its seq, after every record before it")
    func damagedRowsNamedBySeq() throws {
        let server = try SharedServer.get()
        let log = try ContractLog(.postgres, server: server)
        let w = try log.writer()
        for i in 0..<40 { try w.append(actor: "test:v", timeMicros: nil) { _ in [RawEntry(type: 999, body: Array("rec\(i)".utf8))] } }
        let db = String(log.location.split(separator: "/").last!)
        let session = try PostgresSession(PostgresURL(log.location))

        func expectStopsAt(_ seq: Int, saying what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            func check(_ message: String?, _ how: String) {
                #expect(message?.contains("seq \(seq)") == true, "\(how): \(message ?? "no error")", sourceLocation: sourceLocation)
                #expect(message?.contains(what) == true, "\(how): \(message ?? "no error")", sourceLocation: sourceLocation)
                #expect(message?.split(separator: "\n").count == 1, "\(how): one line", sourceLocation: sourceLocation)
            }
            // Opening the store (the replay, through RowStream): every record before it, none after.
            var seen: [UInt64] = []
            do {
                _ = try log.kind.openStore(log.location) { seen.append($0.seq) }
                check(nil, "open")
            } catch { check("\(error)", "open") }
            #expect(seen == (0..<seq - 1).map { UInt64($0 + 1) }, "open delivered \(seen.count)", sourceLocation: sourceLocation)
            // The stream with pages of 10, so the row is in a later page than the first; and
            // with pages that end on it (the next page is asked for from a page's last row).
            for page in [10, seq] {
                let (got, error) = Self.drain(RowStream(session, after: 0, page: page))
                check(error, "stream, pages of \(page)")
                #expect(got.count == seq - 1, sourceLocation: sourceLocation)
            }
            // The reader (page at a time).
            do { _ = try log.records(); check(nil, "reader") } catch { check("\(error)", "reader") }
            // verify, in the library and on the command line.
            do {
                let report = try log.verify()
                check(report.problem.map { "\($0)" }, "verify")
            } catch { check("\(error)", "verify") }
            let cli = try PodiumProcess.run(["log", "verify", log.location])
            #expect(cli.status != 0, sourceLocation: sourceLocation)
            check(cli.err.trimmingCharacters(in: .whitespacesAndNewlines), "podium log verify")
        }

        // Each damage is made before the last one, so each is the first bad row in turn.
        _ = try server.psql("ALTER TABLE podium_events ALTER COLUMN actor DROP NOT NULL; UPDATE podium_events SET actor = NULL WHERE seq = 33", database: db)
        try expectStopsAt(33, saying: "its actor column does not decode")
        _ = try server.psql("ALTER TABLE podium_events DROP CONSTRAINT podium_events_chain_check; UPDATE podium_events SET chain = '\\x0102'::bytea WHERE seq = 27", database: db)
        try expectStopsAt(27, saying: "its chain value is not 32 bytes (it has 2)")
        _ = try server.psql("ALTER TABLE podium_events DROP CONSTRAINT podium_events_type_check; ALTER TABLE podium_events ALTER COLUMN type TYPE bigint", database: db)
        try expectStopsAt(1, saying: "its type column does not decode")
    }
}
