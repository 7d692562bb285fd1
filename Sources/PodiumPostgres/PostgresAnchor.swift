import Foundation
import PostgresNIO

/// What the benchmark (`podium bench log --store URL`) does on a server besides using the
/// store: its anchors (a bare autocommit INSERT of the same bytes; a bare SELECT of the rows)
/// and its scratch databases.
public final class PostgresAnchor {
    let session: PostgresSession

    public init(url: PostgresURL) throws { session = try PostgresSession(url) }

    public var serverVersion: String { ((try? session.value("SHOW server_version", as: String.self)) ?? nil) ?? "?" }

    /// A new, empty database (dropped first if a previous run left it).
    /// Connections the server can still accept for an ordinary role: `max_connections` less
    /// those open now and those reserved for superusers (nil: the server did not say).
    public var freeConnections: (free: Int, max: Int)? {
        let q = """
            SELECT current_setting('max_connections')::int,
                   current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
                     - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int
            """
        guard let row = try? session.query(PostgresQuery(unsafeSQL: q)).first,
              let (max, free) = try? row.decode((Int32, Int32).self) else { return nil }
        return (Int(free), Int(max))
    }

    public func recreateDatabase(_ name: String) throws {
        try session.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try session.run("CREATE DATABASE \(name)")
    }

    public func dropDatabase(_ name: String) { try? session.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }

    /// The anchor's table: the same columns as `podium_events`, its seq from an identity.
    public func createBareTable() throws {
        try session.run("""
            CREATE TABLE bare (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, time_micros bigint NOT NULL,
            actor text NOT NULL, type integer NOT NULL, batch_remaining integer NOT NULL, body bytea NOT NULL, chain bytea NOT NULL)
            """)
    }

    /// One bare `INSERT …` in autocommit (INSERT; COMMIT): no lock, no catch-up, no chain.
    public func insertBare(actor: String, body: [UInt8], chain: [UInt8]) throws {
        try session.query("INSERT INTO bare (time_micros, actor, type, batch_remaining, body, chain) VALUES (\(Int64(Date().timeIntervalSince1970 * 1e6)), \(actor), 999, 0, \(ByteBuffer(bytes: body)), \(ByteBuffer(bytes: chain)))")
    }

    /// Reads every row of a venue's `podium_events`, in the reader's pages, decoding nothing
    /// but the seq to page on; returns how many.
    public func selectAllEvents() throws -> Int {
        var rows = 0
        var after: Int64 = 0
        while true {
            let page = try session.query("SELECT seq, time_micros, actor, type, batch_remaining, body, chain FROM podium_events WHERE seq > \(after) ORDER BY seq LIMIT \(PostgresRows.page)")
            rows += page.count
            guard let last = page.last else { break }
            after = try last.decode(Int64.self)
            if page.count < PostgresRows.page { break }
        }
        return rows
    }
}
