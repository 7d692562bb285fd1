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

    /// The steps between the anchor and a placed append, for `podium bench log --store URL
    /// --only floor`: each adds one piece of what `podium_combine_durable` does, measured from the
    /// same writer processes beside the bare insert, so that the cost of each piece shows
    /// (docs/performance.md). Bench-only procedures, made in the bench's scratch databases.
    public enum FloorStep: String, CaseIterable, Sendable {
        /// The bare insert inside a procedure that commits: a CALL's own cost.
        case insert
        /// + the venue's advisory lock, the commit made asynchronous under it and the flush after
        ///   it (`podium_flush`'s way): what serialising the writers costs.
        case locked
        /// + the head row read under the lock and moved: what a head kept in a row costs.
        case head
        /// + seq, time and the SHA-256 chain computed on the server into a venue's
        ///   `podium_events` and `podium_venue`, and the notification: a whole append placed by
        ///   the server, one writer at a time (no combining). Its venue verifies.
        case serial

        var procedure: String { "podium_floor_\(rawValue)" }
    }

    /// Makes `step`'s procedure (and what it writes to): the bare table for the first three, a
    /// venue's tables for `serial` (the database must hold a venue).
    public func createFloor(_ step: FloorStep) throws {
        let key = PostgresSchema.queueLockKey
        let flushAfter = """
                PERFORM set_config('synchronous_commit', 'off', true);
                COMMIT;
                PERFORM pg_logical_emit_message(true, 'podium', '');
                COMMIT;
            """
        let insertBare = "INSERT INTO bare (time_micros, actor, type, batch_remaining, body, chain) VALUES (at_time, who, typ, 0, body, fields || fields);"
        let header = "CREATE PROCEDURE \(step.procedure)(t bigint, who text, typ integer, fields bytea, body bytea) LANGUAGE plpgsql AS $fn$\n"
        let body: String
        switch step {
        case .insert:
            try createBareTable()
            body = """
                DECLARE at_time bigint := t;
                BEGIN
                    \(insertBare)
                    COMMIT;
                END
                """
        case .locked:
            try createBareTable()
            body = """
                DECLARE at_time bigint := t;
                BEGIN
                    PERFORM pg_advisory_xact_lock(\(key));
                    \(insertBare)
                \(flushAfter)
                END
                """
        case .head:
            try createBareTable()
            try session.run("""
                CREATE TABLE podium_floor_head (one boolean PRIMARY KEY DEFAULT true, last_seq bigint NOT NULL, last_chain bytea NOT NULL,
                                                last_time bigint NOT NULL)
                """)
            try session.run("INSERT INTO podium_floor_head VALUES (true, 0, '\\x00', 0)")
            body = """
                DECLARE head bigint; prev bytea; head_time bigint; at_time bigint;
                BEGIN
                    PERFORM pg_advisory_xact_lock(\(key));
                    SELECT last_seq, last_chain, last_time INTO head, prev, head_time FROM podium_floor_head FOR UPDATE;
                    at_time := greatest(t, head_time);
                    \(insertBare)
                    UPDATE podium_floor_head SET last_seq = head + 1, last_chain = fields || fields, last_time = at_time;
                \(flushAfter)
                END
                """
        case .serial:
            body = """
                DECLARE head bigint; prev bytea; head_time bigint; at_time bigint;
                BEGIN
                    PERFORM pg_advisory_xact_lock(\(key));
                    SELECT last_seq, last_chain, last_time_micros INTO head, prev, head_time FROM podium_venue FOR UPDATE;
                    at_time := greatest(t, head_time);
                    prev := sha256(prev || \(PostgresSchema.le8("head + 1")) || \(PostgresSchema.le8("at_time")) || fields || convert_to(who, 'UTF8') || body);
                    INSERT INTO podium_events (seq, time_micros, actor, type, batch_remaining, body, chain) VALUES (head + 1, at_time, who, typ, 0, body, prev);
                    UPDATE podium_venue SET last_seq = head + 1, last_chain = prev, last_time_micros = at_time;
                    PERFORM pg_notify('podium_events', (head + 1)::text);
                \(flushAfter)
                END
                """
        }
        try session.run(header + body + "\n$fn$")
    }

    /// One append through `step`'s procedure: a one-record batch (type, the 16 header bytes that
    /// do not depend on where it lands, body), durable when this returns.
    public func callFloor(_ step: FloorStep, actor: String, type: Int32, fields: [UInt8], body: [UInt8]) throws {
        let t = Int64(Date().timeIntervalSince1970 * 1e6)
        try session.query(PostgresQuery(unsafeSQL: "CALL \(step.procedure)($1, $2, $3, $4, $5)", binds: {
            var b = PostgresBindings(capacity: 5)
            b.append(t)
            b.append(actor)
            b.append(type)
            b.append(ByteBuffer(bytes: fields))
            b.append(ByteBuffer(bytes: body))
            return b
        }()))
    }
}
