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
    /// --only floor`. Each is a body for `podium_combine_durable` that replaces the real one in a
    /// venue `podium init` made, so the writers call it exactly as they call the real one (the
    /// same client path, the same arrays in and three values out) and only the server's work
    /// differs; each step adds one piece (docs/performance.md). Bench-only, in scratch databases.
    public enum FloorStep: String, CaseIterable, Sendable {
        /// The anchor's INSERT (into `bare`) in the procedure, committed: the call's own cost.
        case call
        /// + the venue's advisory lock, the commit made asynchronous under it and the flush after
        ///   it (`podium_flush`'s way): what serialising the writers costs.
        case locked
        /// + the venue's head row read under the lock and moved.
        case head
        /// A whole append placed by the server, one writer at a time and no combining: the batch
        /// checked, the read set checked against rows since the writer's view, seq, time and the
        /// SHA-256 chain computed into `podium_events`, the head moved, the notification, the
        /// commit asynchronous under the lock and the flush after it. Its venue verifies.
        case serial
    }

    /// Replaces the venue's `podium_combine_durable` with `step`'s body (and makes the anchor's
    /// table for the steps that write there). The database must hold a venue `podium init` made.
    public func createFloor(_ step: FloorStep) throws {
        let key = PostgresSchema.queueLockKey
        let flushAfter = """
                PERFORM set_config('synchronous_commit', 'off', true);
                COMMIT;
                PERFORM pg_logical_emit_message(true, 'podium', '');
                COMMIT;
            """
        // The anchor's row (its seq from the identity; the chain value a stand-in), and what the
        // writer is told: where it landed, when, a 32-byte chain value.
        let insertBare = """
                INSERT INTO bare (time_micros, actor, type, batch_remaining, body, chain)
                    VALUES (at_time, who, types[1], 0, bodies[1], fields[1] || fields[1]) RETURNING seq INTO first_seq;
                used_time := at_time;
                last_chain := fields[1] || fields[1];
            """
        let body: String
        switch step {
        case .call:
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
            body = """
                DECLARE head bigint; prev bytea; head_time bigint; at_time bigint;
                BEGIN
                    PERFORM pg_advisory_xact_lock(\(key));
                    SELECT last_seq, podium_venue.last_chain, last_time_micros INTO head, prev, head_time FROM podium_venue FOR UPDATE;
                    at_time := greatest(t, head_time);
                \(insertBare)
                    UPDATE podium_venue SET last_seq = head + 1, last_chain = fields[1] || fields[1], last_time_micros = at_time;
                \(flushAfter)
                END
                """
        case .serial:
            // The real placement (the round's code) with a round of one batch: no waiting table,
            // the commit asynchronous under the lock and the flush after it.
            body = """
                DECLARE
                    \(PostgresSchema.placeDeclarations)
                BEGIN
                    \(PostgresSchema.batchCheck)
                    PERFORM pg_advisory_xact_lock(\(key));
                    SELECT last_seq, podium_venue.last_chain, last_time_micros INTO head, prev, head_time FROM podium_venue FOR UPDATE;
                    base := head;
                    k := 0;
                    \(PostgresSchema.placeBatch(expected: "expected", t: "t", who: "who", types: "types", fields: "fields", bodies: "bodies",
                                                scopes: "scopes", reads: "reads"))
                    IF moved THEN
                        first_seq := -head;
                        PERFORM set_config('synchronous_commit', 'off', true);
                        COMMIT;
                        RETURN;
                    END IF;
                    \(PostgresSchema.writeRound)
                    first_seq := placed_first;
                    used_time := at_time;
                    last_chain := prev;
                \(flushAfter)
                END
                """
        }
        try session.run("""
            CREATE OR REPLACE PROCEDURE podium_combine_durable(expected bigint, t bigint, who text, types integer[], fields bytea[], bodies bytea[],
                                                              scopes text[], reads text[],
                                                              INOUT first_seq bigint, INOUT used_time bigint, INOUT last_chain bytea)
            LANGUAGE plpgsql AS $fn$
            """ + body + "\n$fn$")
    }
}
