import Foundation
import PodiumCore
import PostgresNIO

/// Rows are visible before they are durable: a writer commits asynchronously under the venue's
/// lock and flushes after it (`PostgresSchema.appendProcedure`), so between the two a reader of
/// the primary can see rows that a crash would take away. Everything that shows or acts on rows
/// read from a primary first makes sure they are durable, here.
enum PostgresDurability {
    /// Waits until every row this session has read so far is durable (passively: it only
    /// reads WAL positions, so a read-only role, a board's, can do it).
    ///
    /// A row visible to this session was committed before it was read, so its commit record
    /// ends at or before the WAL insert position taken now; once the flush position reaches
    /// that, every such row is on disk. The common case is one round trip (already flushed), or
    /// a few while a writer's flush is under way.
    ///
    /// The insert position can also lie past records that nobody flushes soon: on a quiet
    /// primary, the tail of the WAL after the last commit may be records that are not commits
    /// (the background writer's snapshot of running transactions, every 15 s), which the WAL
    /// writer leaves in a partial page until more WAL comes. Waiting for them could take
    /// minutes. But an asynchronous commit is itself flushed by the WAL writer at its next round
    /// (it flushes up to the newest asynchronous commit every `wal_writer_delay`; PostgreSQL
    /// documents three times that as the bound), so once that long has passed since the read,
    /// every commit before the read is on disk even if the position was not reached. (That
    /// bound assumes a WAL writer not stalled by a hung disk; a writer's own flush, which the
    /// acknowledgements rest on, does not.)
    ///
    /// On a hot standby (`pg_is_in_recovery()`) there is nothing to wait for, nor any way to:
    /// a standby only receives WAL its primary has already flushed, and replays no further.
    /// (With a synchronous standby the writers commit synchronously: rows appear on the
    /// primary only once the standby has them.)
    static func waitFlushed(_ s: PostgresSession) throws {
        let read = Date()
        // The subquery reads the insert position once, before the flush position is read
        // (a volatile function keeps it from being folded into the outer query). Both
        // functions raise an error during recovery, hence the CASEs.
        let first: PostgresQuery = """
            SELECT ins::text, CASE WHEN ins IS NULL THEN NULL ELSE pg_current_wal_flush_lsn() >= ins END FROM (
                SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_insert_lsn() END AS ins) AS x
            """
        guard let row = try s.query(first).first else { return }
        let (lsn, flushed) = try decode(s, row, as: (String?, Bool?).self)
        guard let lsn, flushed == false else { return } // a standby, or flushed already
        // Only now (the uncommon case) the WAL writer's delay, for the bound below.
        let delayMillis = try s.query("SELECT setting::int FROM pg_settings WHERE name = 'wal_writer_delay'").first
            .map { try decode(s, $0, as: Int32.self) }
        let walWriterBound = 3 * Double(delayMillis ?? 200) / 1000 + 0.2
        var pause: useconds_t = 500
        while Date().timeIntervalSince(read) < walWriterBound {
            usleep(pause)
            pause = min(pause * 2, 20_000)
            // A standby cannot be here: a primary never turns back into one.
            let q: PostgresQuery = "SELECT pg_current_wal_flush_lsn() >= \(lsn)::pg_lsn"
            guard let r = try s.query(q).first else { return }
            if try decode(s, r, as: Bool.self) { return }
        }
    }

    /// Makes everything this session has seen durable, actively (`podium_flush`: a writer's
    /// refusal decided on rows others committed and may not have flushed yet). Falls back to
    /// waiting (`waitFlushed`) on a venue made before the procedure existed.
    static func flush(_ s: PostgresSession) throws {
        do {
            try s.run("CALL podium_flush()")
        } catch let e as PostgresStoreError {
            guard case let .server(_, reason) = e, reason.contains("42883") else { throw e }
            try waitFlushed(s)
        }
    }

    private static func decode<T: PostgresDecodable>(_ s: PostgresSession, _ row: PostgresRow, as: T.Type) throws -> T {
        do { return try row.decode(T.self) } catch { throw PostgresStoreError.server(server: s.server, reason: PostgresSession.reason(error)) }
    }

    private static func decode<A: PostgresDecodable, B: PostgresDecodable>(_ s: PostgresSession, _ row: PostgresRow,
                                                                         as: (A, B).Type) throws -> (A, B) {
        do { return try row.decode((A, B).self) } catch { throw PostgresStoreError.server(server: s.server, reason: PostgresSession.reason(error)) }
    }
}
