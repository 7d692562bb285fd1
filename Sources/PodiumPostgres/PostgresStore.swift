import Foundation
import PodiumCore
import PostgresNIO

/// The venue's log in PostgreSQL: one venue per database, two tables (see docs/log-format.md):
///
/// - `podium_venue`: one row: the genesis header (it seeds the chain, exactly as the file's
///   header does) and the head: last seq, its chain value and time.
/// - `podium_events`: one row per record: seq (primary key), time, actor, type, batch_remaining,
///   body, chain. The same fields as a file frame, so the same SHA-256 chain values.
///
/// An append is one transaction: `SELECT … FROM podium_venue FOR UPDATE` (the head row's lock
/// is the lock every writer on every host takes: it belongs to the venue's own data, is released
/// by COMMIT, ROLLBACK or a dropped connection, and the head it guards is updated in the same
/// transaction as the rows, so the two can never disagree), catch up on rows past our last
/// seq, decide, INSERT the batch, UPDATE the head, `pg_notify`, COMMIT.
///
/// That COMMIT is asynchronous (`synchronous_commit = off` for that transaction only): the row
/// lock is released as soon as the commit record is in the WAL buffers, so the next writer does
/// not wait for this one's WAL flush. The writer then makes it durable outside the lock (a tiny
/// synchronous transaction, `podium_flush`, whose flush covers everything before it; concurrent
/// writers share one flush, as bare commits do) and only then acknowledges. Readers on a primary
/// deliver only rows below the flushed WAL position (`PostgresDurability`). With a synchronous
/// standby configured the commit stays synchronous under the lock (see docs/architecture.md).
public enum PostgresSchema {
    public static let venueTable = "podium_venue"
    public static let eventsTable = "podium_events"
    public static let credentialsTable = "podium_credentials"
    public static let channel = "podium_events"
    /// The advisory lock writers queue on before the venue's row lock (per database, so per
    /// venue): "podium" in ASCII.
    static let queueLockKey: Int64 = 0x706F_6469_756D

    static let create = """
        CREATE TABLE podium_venue (
            one boolean PRIMARY KEY DEFAULT true CHECK (one),
            genesis bytea NOT NULL CHECK (length(genesis) = 32),
            last_seq bigint NOT NULL CHECK (last_seq >= 0),
            last_chain bytea NOT NULL CHECK (length(last_chain) = 32),
            last_time_micros bigint NOT NULL
        );
        CREATE TABLE podium_events (
            seq bigint PRIMARY KEY CHECK (seq > 0),
            time_micros bigint NOT NULL,
            actor text NOT NULL,
            type integer NOT NULL CHECK (type BETWEEN 0 AND 65535),
            batch_remaining integer NOT NULL CHECK (batch_remaining >= 0),
            body bytea NOT NULL,
            chain bytea NOT NULL CHECK (length(chain) = 32),
            scope text
        );
        CREATE TABLE podium_credentials (
            id text PRIMARY KEY,
            record text NOT NULL
        );
        REVOKE ALL ON podium_credentials FROM PUBLIC;
        """

    /// The append's writes, under the venue's row lock: if the head is still `expected`, the
    /// batch (seqs, chain values computed by the writer from what it has seen) goes in and the
    /// head moves; otherwise nothing is written and the current head is returned. Returns -2
    /// when it set this transaction's commit to be asynchronous (the writer must make it durable
    /// after COMMIT: `podium_flush`), -1 when the commit stays synchronous: with a synchronous
    /// standby configured (`synchronous_standby_names`), where an asynchronous commit would skip
    /// the standby's confirmation and let readers of the primary see rows the standby lacks;
    /// and when the writer says it is `alone` (its last append met nobody): then nobody waits
    /// for the lock, and one synchronous commit is cheaper than an asynchronous one and a flush.
    /// Called inside the writer's own transaction (the full path) and by `podium_append_durable`.
    /// `asyncCommit: false` makes the function of earlier versions (the bench's "before" row).
    static func appendFunction(asyncCommit: Bool = true) -> String {
        """
        CREATE FUNCTION podium_append(expected bigint, t bigint, who text, types integer[], bodies bytea[], chains bytea[],
                                      alone boolean DEFAULT false)
        RETURNS bigint LANGUAGE plpgsql AS $fn$
        DECLARE
            head bigint;
            n integer := cardinality(types);
        BEGIN
            -- Moved already (the writer's view is stale): say so without queueing for the lock.
            SELECT last_seq INTO head FROM podium_venue;
            IF head <> expected THEN RETURN head; END IF;
            SELECT last_seq INTO head FROM podium_venue FOR UPDATE;
        """ + (asyncCommit ? """
            -- Moved while we queued: nothing is written, but taking the row lock wrote WAL, and a
            -- synchronous commit would hold the lock through a flush of nothing of value.
            IF head <> expected THEN PERFORM set_config('synchronous_commit', 'off', true); RETURN head; END IF;
        """ : """
            IF head <> expected THEN RETURN head; END IF;
        """) + """
            INSERT INTO podium_events (seq, time_micros, actor, type, batch_remaining, body, chain)
                SELECT expected + i, t, who, types[i], n - i, bodies[i], chains[i] FROM generate_series(1, n) AS i;
            UPDATE podium_venue SET last_seq = expected + n, last_chain = chains[n], last_time_micros = t;
            PERFORM pg_notify('podium_events', (expected + n)::text);
        """ + (asyncCommit ? """
            IF NOT alone AND current_setting('synchronous_standby_names') = '' THEN
                PERFORM set_config('synchronous_commit', 'off', true);
                RETURN -2;
            END IF;
        """ : "") + """
            RETURN -1;
        END
        $fn$
        """
    }

    /// SQL for the bigint `v` as 8 little-endian bytes, as the frame encodes seq and time
    /// (written out in the function's body: a SQL-language helper is parsed again on every call).
    static func le8(_ v: String) -> String {
        (0..<8).reduce("'\\x0000000000000000'::bytea") { acc, i in "set_byte(\(acc), \(i), ((\(v) >> \(8 * i)) & 255)::int)" }
    }

    /// PL/pgSQL: sets `moved` when a row after `from`, up to `head`, could have changed a
    /// decision that read `reads` (NULL: everything; empty: nothing the log holds): one whose
    /// scope is in the set, or unknown (NULL). See `ReadSet`. Rows up to `base` are in
    /// `podium_events`; those after it were placed earlier in this round and are still in the
    /// round's arrays (`r_scope`, `k` of them). Statements kept apart so each has a plan of its
    /// own that PostgreSQL reuses (one expression with the EXISTS was planned on every call).
    static func conflicts(from: String, reads: String) -> String {
        """
        moved := false;
            IF head <> \(from) THEN
                IF \(reads) IS NULL THEN
                    moved := true;
                ELSIF cardinality(\(reads)) > 0 THEN
                    IF \(from) < base THEN
                        PERFORM 1 FROM podium_events WHERE seq > \(from) AND seq <= base AND (scope IS NULL OR scope = ANY(\(reads))) LIMIT 1;
                        moved := FOUND;
                    END IF;
                    IF NOT moved THEN
                        FOR j IN greatest(\(from), base) - base + 1 .. k LOOP
                            IF r_scope[j] IS NULL OR r_scope[j] = ANY(\(reads)) THEN moved := true; EXIT; END IF;
                        END LOOP;
                    END IF;
                END IF;
            END IF;
        """
    }

    /// Batches waiting to be placed (`podium_combine_durable`): one row per writer session
    /// (`pid`, its backend), rewritten in place for each batch it leaves to wait, so the table
    /// stays as small as the number of writers (an update in place is also cheaper than an insert
    /// and a delete, and leaves no dead rows for the next round to scan past). `ticket` orders
    /// the batches as they came. Waiting while `first_seq` is NULL; then the answer: first seq
    /// (or minus the head when the batch could not be placed: the writer decides again), time,
    /// last chain value, and the batch's arrays are let go. UNLOGGED: nothing in it needs to
    /// survive a crash (a batch is acknowledged only once placed in `podium_events`, durably),
    /// so writing it costs no WAL; after a crash it is empty. The batch is checked by the
    /// procedure before it is put here (see `batchCheck`), not by CHECK constraints: PostgreSQL
    /// prepares a table's constraints anew for every statement, which cost more than the insert.
    /// (Two statements: the extended protocol runs one at a time.)
    static let slotsTable = [
        "CREATE SEQUENCE podium_ticket",
        """
        CREATE UNLOGGED TABLE podium_slots (
            pid integer PRIMARY KEY,
            ticket bigint NOT NULL,
            expected bigint,
            t bigint,
            who text,
            types integer[],
            fields bytea[],
            bodies bytea[],
            scopes text[],
            reads text[],
            first_seq bigint,
            used_time bigint,
            last_chain bytea
        )
        """,
    ]

    /// PL/pgSQL refusing a batch that could not go into `podium_events` (or whose view is
    /// unknown), before it waits or is placed: a batch that failed inside a round would undo the
    /// round for every writer in it, and every later round would meet it again.
    static let batchCheck = """
        IF expected IS NULL OR t IS NULL OR who IS NULL
               OR array_ndims(types) IS DISTINCT FROM 1 OR array_lower(types, 1) <> 1
               OR array_dims(fields) IS DISTINCT FROM array_dims(types) OR array_dims(bodies) IS DISTINCT FROM array_dims(types)
               OR array_dims(scopes) IS DISTINCT FROM array_dims(types)
               OR array_position(types, NULL) IS NOT NULL OR array_position(fields, NULL) IS NOT NULL
               OR array_position(bodies, NULL) IS NOT NULL OR NOT (0 <= ALL (types) AND 65535 >= ALL (types)) THEN
                RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'podium_combine_durable: a malformed batch '
                    '(a NULL argument, an empty batch, arrays of different shapes, a NULL element, or a type outside 0-65535)';
            END IF;
        """

    /// The append that combines the batches of every writer waiting at that moment into one
    /// transaction and one flush, durable before CALL answers (docs/architecture.md, "Writers
    /// combine"). A writer that finds the venue's advisory lock taken leaves its batch in its
    /// row of `podium_slots` (COMMIT, asynchronous: nothing of it needs to survive a crash) and
    /// queues for the lock. Holding it, it finds its batch either placed already by the writer
    /// before it in the queue (whose transaction committed synchronously, so durably, before it
    /// let the lock go: a transaction becomes visible only after its commit is flushed), reading
    /// its answer without writing anything, or still waiting: then it places every waiting
    /// batch, in the order they came (`placeBatch`: conflict check against the batch's view and
    /// read set, seq, time and SHA-256 chain computed on the server), and commits once,
    /// synchronously, under the lock: one INSERT of the round's rows, one UPDATE of the answers,
    /// the head moved once, one notification. With one writer it costs nothing more than placing
    /// alone; with many, one transaction and one flush carry all.
    ///
    /// A writer session's first wait also clears the rows of sessions that have ended (a batch
    /// still waiting there was never acknowledged: its writer is gone). The answers are written
    /// only to the row still holding the same ticket, so a session that took over a dead one's
    /// backend number can never read an answer that was not for its batch.
    static let combineProcedure = """
        CREATE PROCEDURE podium_combine_durable(expected bigint, t bigint, who text, types integer[], fields bytea[], bodies bytea[],
                                                scopes text[], reads text[],
                                                INOUT first_seq bigint, INOUT used_time bigint, INOUT last_chain bytea)
        LANGUAGE plpgsql AS $fn$
        DECLARE
            me integer;
            my_ticket bigint;
            fresh boolean;
            b record;
            ignored text;
            \(placeDeclarations)
            -- The answers for the waiting batches, written by one statement too.
            m integer;
            a_pid integer[];
            a_ticket bigint[];
            a_first bigint[];
            a_time bigint[];
            a_chain bytea[];
        BEGIN
            \(batchCheck)
            IF NOT pg_try_advisory_xact_lock(\(PostgresSchema.queueLockKey)) THEN
                -- Someone is placing: leave the batch for them (or for us, once the lock is ours).
                -- (The commit is made asynchronous in the same statement: each statement costs.)
                me := pg_backend_pid();
                INSERT INTO podium_slots AS s (pid, ticket, expected, t, who, types, fields, bodies, scopes, reads)
                    VALUES (me, nextval('podium_ticket'), expected, t, who, types, fields, bodies, scopes, reads)
                    ON CONFLICT (pid) DO UPDATE SET ticket = excluded.ticket, expected = excluded.expected, t = excluded.t,
                        who = excluded.who, types = excluded.types, fields = excluded.fields, bodies = excluded.bodies,
                        scopes = excluded.scopes, reads = excluded.reads, first_seq = NULL, used_time = NULL, last_chain = NULL
                    RETURNING s.ticket, s.xmax = 0, set_config('synchronous_commit', 'off', true) INTO my_ticket, fresh, ignored;
                IF fresh THEN
                    -- (The backends' pids from the statistics functions, not the pg_stat_activity
                    -- view: planning and running its joins took about 1.4 ms, once per session,
                    -- some 70 µs an append for 100 writers of 20 appends each. A row locked by a
                    -- round placing its batch is skipped, not waited for: the round may be waiting
                    -- for a row this statement already locked, in another order.)
                    DELETE FROM podium_slots s WHERE s.pid IN (
                        SELECT d.pid FROM podium_slots d
                            WHERE d.pid NOT IN (SELECT pg_stat_get_backend_pid(i) FROM pg_stat_get_backend_idset() AS i)
                            FOR UPDATE SKIP LOCKED);
                END IF;
                COMMIT;
                PERFORM pg_advisory_xact_lock(\(PostgresSchema.queueLockKey));
                SELECT s.first_seq, s.used_time, s.last_chain INTO first_seq, used_time, last_chain
                    FROM podium_slots s WHERE s.pid = me AND s.ticket = my_ticket;
                IF first_seq IS NOT NULL THEN
                    -- Placed by the writer before us: committed and flushed before the lock was ours.
                    -- (Nothing written: this commit writes no WAL and waits for no flush.)
                    COMMIT;
                    RETURN;
                END IF;
            END IF;
            SELECT last_seq, podium_venue.last_chain, last_time_micros INTO head, prev, head_time FROM podium_venue FOR UPDATE;
            base := head;
            k := 0;
            m := 0;
            -- Every batch waiting, ours among them if we had to wait, in the order they came.
            FOR b IN SELECT s.pid, s.ticket, s.expected, s.t, s.who, s.types, s.fields, s.bodies, s.scopes, s.reads
                     FROM podium_slots s WHERE s.first_seq IS NULL ORDER BY s.ticket LOOP
                \(placeBatch(expected: "b.expected", t: "b.t", who: "b.who", types: "b.types", fields: "b.fields", bodies: "b.bodies",
                              scopes: "b.scopes", reads: "b.reads"))
                m := m + 1;
                a_pid[m] := b.pid;
                a_ticket[m] := b.ticket;
                IF moved THEN
                    a_first[m] := -head; a_time[m] := NULL; a_chain[m] := NULL;
                ELSE
                    a_first[m] := placed_first; a_time[m] := at_time; a_chain[m] := prev;
                END IF;
                IF b.ticket = my_ticket THEN first_seq := a_first[m]; used_time := a_time[m]; last_chain := a_chain[m]; END IF;
            END LOOP;
            IF my_ticket IS NULL THEN
                -- The lock was free: ours goes straight in, after any that were waiting.
                \(placeBatch(expected: "expected", t: "t", who: "who", types: "types", fields: "fields", bodies: "bodies",
                              scopes: "scopes", reads: "reads"))
                IF moved THEN first_seq := -head; ELSE first_seq := placed_first; used_time := at_time; last_chain := prev; END IF;
            END IF;
            IF m > 0 THEN
                UPDATE podium_slots s SET first_seq = a.f, used_time = a.t, last_chain = a.c,
                        expected = NULL, t = NULL, who = NULL, types = NULL, fields = NULL, bodies = NULL, scopes = NULL, reads = NULL
                    FROM unnest(a_pid, a_ticket, a_first, a_time, a_chain) AS a(pid, ticket, f, t, c)
                    WHERE s.pid = a.pid AND s.ticket = a.ticket;
            END IF;
            IF k > 0 THEN
                \(writeRound)
            ELSE
                -- Nothing written that matters: do not hold the lock through a flush of nothing.
                PERFORM set_config('synchronous_commit', 'off', true);
            END IF;
            COMMIT;
        END
        $fn$
        """

    /// PL/pgSQL declarations of what `placeBatch` and `writeRound` use.
    static let placeDeclarations = """
        head bigint;
            base bigint;
            prev bytea;
            head_time bigint;
            n integer;
            at_time bigint;
            who_bytes bytea;
            time_bytes bytea;
            moved boolean;
            placed_first bigint;
            -- The round's rows, inserted by one statement at its end (a statement's start costs
            -- more than a row: each run prepares the table's CHECK constraints anew); NULL until
            -- the first is set. (No defaults here: every CALL would evaluate them, waiters too.)
            k integer;
            r_seq bigint[];
            r_time bigint[];
            r_who text[];
            r_type integer[];
            r_rem integer[];
            r_body bytea[];
            r_chain bytea[];
            r_scope text[];
        """

    /// PL/pgSQL writing the rows `placeBatch` collected (`k` > 0) with one statement, and moving
    /// the head once, with one notification.
    static let writeRound = """
        INSERT INTO podium_events (seq, time_micros, actor, type, batch_remaining, body, chain, scope)
                    SELECT * FROM unnest(r_seq, r_time, r_who, r_type, r_rem, r_body, r_chain, r_scope);
                UPDATE podium_venue SET last_seq = head, last_chain = prev, last_time_micros = head_time;
                PERFORM pg_notify('podium_events', head::text);
        """

    /// PL/pgSQL placing one batch after `head` (see `combineProcedure`): sets `moved` when a row
    /// since the batch's view could have changed its decision; otherwise adds its rows to the
    /// round's arrays with seq, time and chain computed here, moves `head`, `prev`,
    /// `head_time`, and sets `placed_first` and `at_time`.
    static func placeBatch(expected: String, t: String, who: String, types: String, fields: String, bodies: String,
                           scopes: String, reads: String) -> String {
        """
        \(conflicts(from: expected, reads: reads))
                IF NOT moved THEN
                    n := cardinality(\(types));
                    at_time := greatest(\(t), head_time);
                    time_bytes := \(le8("at_time"));
                    who_bytes := convert_to(\(who), 'UTF8');
                    FOR i IN 1..n LOOP
                        prev := sha256(prev || \(le8("head + i")) || time_bytes || \(fields)[i] || who_bytes || \(bodies)[i]);
                        k := k + 1;
                        r_seq[k] := head + i;
                        r_time[k] := at_time;
                        r_who[k] := \(who);
                        r_type[k] := \(types)[i];
                        r_rem[k] := n - i;
                        r_body[k] := \(bodies)[i];
                        r_chain[k] := prev;
                        r_scope[k] := NULLIF(\(scopes)[i], '');
                    END LOOP;
                    placed_first := head + 1;
                    head := head + n;
                    head_time := at_time;
                END IF;
        """
    }

    /// Makes everything this session committed before it durable: a transaction that writes a
    /// little WAL (a transactional logical message: any role may emit one, at any `wal_level`,
    /// and it touches no table, so no writer waits on another's row) and commits synchronously.
    /// Its commit flushes the WAL up to its own record, past every earlier commit; writers
    /// calling it at once share one flush (PostgreSQL's group commit). The COMMIT is explicit,
    /// inside the procedure: an implicit transaction of the extended protocol commits only at
    /// Sync, after the statement's CommandComplete, which the client library takes as the end
    /// of the statement; an explicit COMMIT has finished before CALL answers.
    static let flushProcedure = """
        CREATE PROCEDURE podium_flush() LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM pg_logical_emit_message(true, 'podium', '');
            COMMIT;
        END
        $fn$
        """

    /// The common case of an append in one round trip: `podium_append` in a transaction of its
    /// own; if it wrote and its commit is asynchronous, COMMIT (the lock is released) and flush
    /// as `podium_flush` does; if it wrote synchronously, COMMIT (flushed, and with a synchronous
    /// standby confirmed, under the lock). Either way the append is durable before CALL answers;
    /// `result` is -1 when written, else the head that moved (nothing written), and the writer
    /// takes the full path (lock, catch up, decide again). Must not run inside a transaction block.
    static let appendProcedure = """
        CREATE PROCEDURE podium_append_durable(expected bigint, t bigint, who text, types integer[], bodies bytea[], chains bytea[],
                                               alone boolean DEFAULT false, INOUT result bigint DEFAULT NULL)
        LANGUAGE plpgsql AS $fn$
        BEGIN
            result := podium_append(expected, t, who, types, bodies, chains, alone);
            IF result = -2 THEN
                COMMIT;
                PERFORM pg_logical_emit_message(true, 'podium', '');
                result := -1;
            END IF;
            IF result = -1 THEN COMMIT; END IF;
        END
        $fn$
        """
}

/// `postgresql://` venues, registered with `StoreKinds` by the executable.
public struct PostgresStoreKind: StoreKind {
    public init() {}

    public func names(_ location: String) -> Bool { PostgresURL.names(location) }

    public func displayName(_ location: String) -> String {
        (try? PostgresURL(location).display) ?? PostgresURL.redact(location)
    }

    public func exists(_ location: String) throws -> Bool {
        let s = try PostgresSession(PostgresURL(location))
        return try Self.hasVenue(s)
    }

    static func hasVenue(_ s: PostgresSession) throws -> Bool {
        try s.value("SELECT to_regclass('podium_venue') IS NOT NULL", as: Bool.self) ?? false
    }

    public func create(_ location: String, genesis: FileHeader) throws {
        try create(location, genesis: genesis, asyncCommit: true, placement: true)
    }

    /// Venues as earlier versions made them, for the bench's "before" rows (measured beside the
    /// current way in one run): `asyncCommit: false`, appends commit synchronously under the
    /// venue's lock; `placement: false`, no `podium_combine_durable`, so writers send the chain values
    /// they computed and must have seen the head (a stale view decides again).
    public func create(_ location: String, genesis: FileHeader, asyncCommit: Bool, placement: Bool = true) throws {
        let s = try PostgresSession(PostgresURL(location))
        if try Self.hasVenue(s) {
            let n = (try? s.value("SELECT last_seq FROM podium_venue", as: Int64.self)) ?? 0
            throw PostgresStoreError.alreadyVenue(server: s.server, records: UInt64(max(0, n ?? 0)))
        }
        let header = genesis.encode()
        let chain = RecordChain.genesis(genesis)
        do {
            try s.run("BEGIN")
            for statement in PostgresSchema.create.split(separator: ";") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                try s.run(String(statement))
            }
            try s.run(PostgresSchema.appendFunction(asyncCommit: asyncCommit))
            try s.run(PostgresSchema.flushProcedure)
            try s.run(PostgresSchema.appendProcedure)
            if placement {
                for statement in PostgresSchema.slotsTable { try s.run(statement) }
                try s.run(PostgresSchema.combineProcedure)
            }
            try s.query("INSERT INTO podium_venue (genesis, last_seq, last_chain, last_time_micros) VALUES (\(ByteBuffer(bytes: header)), 0, \(ByteBuffer(bytes: chain.bytes)), 0)")
            try s.run("COMMIT")
        } catch {
            try? s.run("ROLLBACK")
            if (try? Self.hasVenue(s)) == true { throw PostgresStoreError.alreadyVenue(server: s.server, records: 0) }
            throw error
        }
    }

    public func discard(_ location: String) {
        guard let s = try? PostgresSession(PostgresURL(location)) else { return }
        try? s.run("DROP TABLE IF EXISTS podium_events, podium_venue, podium_credentials, podium_slots, podium_pending")
        try? s.run("DROP SEQUENCE IF EXISTS podium_ticket")
        try? s.run("DROP PROCEDURE IF EXISTS podium_append_durable, podium_flush, podium_combine_durable")
        try? s.run("DROP FUNCTION IF EXISTS podium_append")
    }

    public func genesis(_ location: String) throws -> FileHeader {
        let s = try PostgresSession(PostgresURL(location))
        return try Self.genesis(s)
    }

    static func genesis(_ s: PostgresSession) throws -> FileHeader {
        guard try hasVenue(s) else { throw PostgresStoreError.noVenue(server: s.server) }
        guard let raw = try s.value("SELECT genesis FROM podium_venue", as: ByteBuffer.self) else {
            throw PostgresStoreError.damaged(server: s.server, reason: "podium_venue has no row")
        }
        guard case let .success(h) = FileHeader.decode(Array(buffer: raw)) else {
            throw PostgresStoreError.damaged(server: s.server, reason: "the genesis header does not decode")
        }
        return h
    }

    public func openStore(_ location: String, replay: (RawRecord) throws -> Void) throws -> EventStore {
        try PostgresEventStore(url: PostgresURL(location), replay: replay)
    }

    public func openReader(_ location: String) throws -> EventReader {
        try PostgresEventReader(url: PostgresURL(location))
    }

    public func verify(_ location: String) throws -> VerifyReport {
        try PostgresVerifier.verify(PostgresSession(PostgresURL(location)))
    }
}

/// Reads records past a seq, in pages, as whole batches.
enum PostgresRows {
    static let page = 20_000

    /// The query of a page: rows with seq > `after`, in order, at most `limit`, in the
    /// columns `EventRowDecoder` reads.
    static func query(after: UInt64, limit: Int) -> PostgresQuery {
        "SELECT seq, time_micros, actor, type, batch_remaining, body, chain FROM podium_events WHERE seq > \(Int64(after)) ORDER BY seq LIMIT \(limit)"
    }

    /// Rows with seq > `after`, in order, at most `limit`, each decoded from its bytes
    /// (`EventRowDecoder`); the first damaged row is named by its seq.
    static func fetch(_ s: PostgresSession, after: UInt64, limit: Int = page) throws -> [RawRecord] {
        let rows = try s.query(query(after: after, limit: limit))
        var decoder = RecordDecoder(after: after)
        var out: [RawRecord] = []
        out.reserveCapacity(rows.count)
        do {
            for row in rows { out.append(try decoder.decode(row)) }
        } catch {
            throw error.error(s.server)
        }
        return out
    }
}

/// The append side of a PostgreSQL venue. One connection, reopened after it breaks.
///
/// `prepare` may be called several times: first with no new records (the one-round-trip
/// attempt, `podium_append_durable`), then, each time an attempt found the head moved, with the
/// records appended since the previous call (up to `optimisticAttempts` tries, then once more
/// under the lock on the full path). Each call's records follow on from the last call's, so a
/// caller that folds what it is handed (as `Venue.execute` does) has the whole log; only what
/// the last call returns is written.
public final class PostgresEventStore: EventStore {
    /// Whether to try `podium_append_durable` first, and write with `podium_append` on the full
    /// path (off once the database turns out not to have them: a venue made before them).
    var optimistic = true
    /// Whether the one-statement attempt is `podium_combine_durable` (the server places the
    /// batch and computes its chain, combining the batches of writers waiting together; a
    /// decision whose `ReadSet` the records in between do not touch goes in without deciding
    /// again) rather than `podium_append_durable` (off once the database turns out not to have
    /// it: a venue made before it).
    var placement = true
    /// How many times the one-statement append is tried (reading what others appended between
    /// tries) before the full path.
    static let optimisticAttempts = 10
    /// Whether this writer's last append met no other writer (its first attempt went through):
    /// then the next commits synchronously under the lock, as nobody is likely to be waiting for
    /// it; once it meets others, asynchronously with a shared flush after (docs/architecture.md).
    var alone = true
    let url: PostgresURL
    var session: PostgresSession?
    public internal(set) var lastSeq: UInt64 = 0
    public internal(set) var chainHead: ChainHash
    var lastTimeMicros: Int64 = 0
    public var storeName: String { url.display }

    /// Opens the venue and replays every record through `replay`.
    init(url: PostgresURL, replay: (RawRecord) throws -> Void) throws {
        self.url = url
        let s = try PostgresSession(url)
        chainHead = RecordChain.genesis(try PostgresStoreKind.genesis(s))
        session = s
        try catchUp(s, durable: true, replay)
    }

    func connected() throws -> PostgresSession {
        if let s = session, !s.isClosed { return s }
        session = nil
        let s = try PostgresSession(url)
        session = s
        return s
    }

    /// Reads the rows past `lastSeq`, checking they follow on without a gap. The rows come
    /// through a `RowStream`: decoded and folded here while the next ones arrive
    /// (docs/architecture.md, "Replay from PostgreSQL"). With `durable`, it returns only once
    /// every row it read is durable (`PostgresDurability.waitFlushed`, once, after the stream
    /// ends, so the pipelining is kept: what the rows were folded into is not used before this
    /// returns). Under the venue's lock the append path reads without waiting and settles
    /// durability after (its own flush covers what it read; a refusal flushes before it is
    /// reported).
    private func catchUp(_ s: PostgresSession, durable: Bool, _ deliver: (RawRecord) throws -> Void) throws {
        let start = lastSeq
        do { // the stream stops (the connection is idle) before the durability wait below
            let rows = RowStream(s, after: lastSeq)
            defer { rows.stop() }
            while let chunk = try rows.next() {
                for r in chunk { try take(r, from: s, deliver) }
            }
        }
        if durable, lastSeq > start { try PostgresDurability.waitFlushed(s) }
    }

    /// Moves this writer's view past `r`, the next record (a gap is named by its seq), after
    /// handing it to `deliver`.
    private func take(_ r: RawRecord, from s: PostgresSession, _ deliver: (RawRecord) throws -> Void) throws {
        guard r.seq == lastSeq + 1 else {
            throw LogError.badRecord(store: s.server, seq: lastSeq + 1, reason: "missing (the next row is seq \(r.seq))")
        }
        try deliver(r)
        lastSeq = r.seq
        chainHead = r.chain
        lastTimeMicros = max(lastTimeMicros, r.timeMicros)
    }

    /// The actor's bytes, refused when over the log's limit.
    static func actorBytes(_ actor: String) throws -> [UInt8] {
        let bytes = Array(actor.utf8)
        guard bytes.count <= LogFormat.maxActorBytes else {
            throw LogError.tooLarge(what: "actor name", size: bytes.count, limit: LogFormat.maxActorBytes)
        }
        return bytes
    }

    /// The time a batch is written with: the caller's (or now), never before this writer's
    /// last record's.
    func batchTime(_ timeMicros: Int64?) -> Int64 {
        max(timeMicros ?? Int64(Date().timeIntervalSince1970 * 1_000_000), lastTimeMicros)
    }

    @discardableResult
    public func append(actor: String, timeMicros: Int64?, reads: ReadSet,
                       prepare: ([RawRecord]) throws -> [RawEntry]) throws -> AppendReceipt? {
        let actorBytes = try Self.actorBytes(actor)
        let s = try connected()
        // Whether records were read outside the lock (not waited on for durability): a refusal
        // resting on them flushes them first, as on the full path.
        var readUnflushed = false
        if optimistic {
            // Decide on what this writer has seen; the server checks nobody appended since, and
            // writes under the lock in the same statement, so no round trip of ours is ever
            // made while holding the lock. If someone did append, read what they appended and
            // decide again, a few times, before queueing for the lock on the full path (which
            // always succeeds). A refusal or "nothing to append" on such a view is not final
            // (others may have changed the state since): the full path decides again.
            for attempt in 0..<Self.optimisticAttempts {
                var newRecords: [RawRecord] = []
                if attempt > 0 {
                    do {
                        try catchUp(s, durable: false) { newRecords.append($0) }
                    } catch let e as PostgresStoreError {
                        if case .unreachable = e { session = nil }
                        throw e
                    }
                    readUnflushed = readUnflushed || !newRecords.isEmpty
                }
                guard let entries = try? prepare(newRecords), !entries.isEmpty else { break }
                var receipt: AppendReceipt? = nil
                if placement {
                    receipt = try appendPlaced(s, actor: actor, actorBytes: actorBytes, timeMicros: timeMicros, entries: entries, reads: reads)
                }
                if !placement { // a venue made before podium_combine_durable (perhaps found out just now)
                    receipt = try appendIfHeadIs(s, actor: actor, actorBytes: actorBytes, timeMicros: timeMicros, entries: entries,
                                                 alone: attempt == 0 && alone)
                }
                if let receipt {
                    alone = attempt == 0 && receipt.skipped.isEmpty
                    return receipt
                }
                if !optimistic { break }
            }
        }
        var committing = false, committed = false
        var fresh: [RawRecord] = []
        do {
            try s.run("BEGIN")
            // The venue's lock: every writer on every host takes this row lock first.
            guard let head = try s.query("SELECT last_seq, last_chain, last_time_micros FROM podium_venue FOR UPDATE").first else {
                throw PostgresStoreError.damaged(server: s.server, reason: "podium_venue has no row")
            }
            let (headSeq, _, headTime) = try head.decode((Int64, ByteBuffer, Int64).self)
            if UInt64(headSeq) > lastSeq { try catchUp(s, durable: false) { fresh.append($0) } }
            guard lastSeq == UInt64(headSeq) else {
                throw PostgresStoreError.damaged(server: s.server, reason: "the head says seq \(headSeq) but the rows end at \(lastSeq)")
            }
            let entries: [RawEntry]
            do {
                entries = try prepare(fresh)
            } catch {
                try refuse(s, flush: readUnflushed || !fresh.isEmpty)
                throw error
            }
            if entries.isEmpty {
                try refuse(s, flush: readUnflushed || !fresh.isEmpty)
                return nil
            }
            try Self.checkSizes(entries)
            let time = max(batchTime(timeMicros), headTime)
            alone = false
            let (seq, chain, asynchronous) = optimistic
                ? try writeWithFunction(s, actor: actor, actorBytes: actorBytes, time: time, entries: entries)
                : try writeWithStatements(s, actor: actor, actorBytes: actorBytes, time: time, entries: entries)
            committing = true
            try s.run("COMMIT")
            committed = true
            // The lock is released; an asynchronous commit is made durable before it counts.
            if asynchronous { try s.run("CALL podium_flush()") }
            let first = lastSeq + 1
            lastSeq = seq
            chainHead = chain
            lastTimeMicros = time
            return .of(first: first, last: seq, timeMicros: time)
        } catch {
            let failure = (error as? PostgresStoreError) ?? (error is PSQLError ? s.classify(error) : nil)
            // The connection broke during COMMIT, or the batch is committed and its flush
            // failed: it may or may not survive, and it is not acknowledged. (A COMMIT the
            // server refused with an error is a plain failure: nothing was written.)
            if committed || committing, case let .unreachable(server, reason)? = failure {
                session = nil
                throw PostgresStoreError.commitUnknown(server: server, reason: reason)
            }
            if committed {
                session = nil
                throw PostgresStoreError.commitUnknown(server: s.server, reason: failure.map { "\($0)" } ?? "\(error)")
            }
            if s.isClosed || { if case .unreachable? = failure { return true }; return false }() {
                session = nil // no ROLLBACK on a broken connection: the server has already aborted it
            } else {
                try? s.run("ROLLBACK")
            }
            throw error
        }
    }

    /// Ends the transaction without writing, and makes the rows the refusal (or "nothing to
    /// append") was decided on durable before it is reported: another writer committed them
    /// asynchronously and may not have flushed them yet, and a refusal must not rest on
    /// records a crash could take away.
    private func refuse(_ s: PostgresSession, flush: Bool) throws {
        try s.run("ROLLBACK")
        if flush { try PostgresDurability.flush(s) }
    }

    /// The batch's rows and the head through `podium_append`, inside the caller's transaction
    /// (which holds the lock, so the head is ours): one round trip under the lock. Returns the
    /// new head and whether the function made the commit asynchronous.
    private func writeWithFunction(_ s: PostgresSession, actor: String, actorBytes: [UInt8], time: Int64,
                                   entries: [RawEntry]) throws -> (UInt64, ChainHash, Bool) {
        let (chain, chains) = chainValues(actorBytes: actorBytes, time: time, entries: entries)
        let types = entries.map { Int32($0.type) }
        let bodies = entries.map { ByteBuffer(bytes: $0.body) }
        let result = try s.query("SELECT podium_append(\(Int64(lastSeq)), \(time), \(actor), \(types), \(bodies), \(chains))")
            .first?.decode(Int64.self)
        guard result == -1 || result == -2 else {
            throw PostgresStoreError.damaged(server: s.server, reason: "the head moved under the venue's lock (podium_append returned \(result.map(String.init) ?? "nothing"))")
        }
        return (lastSeq + UInt64(entries.count), chain, result == -2)
    }

    /// The same writes as plain statements, for a venue made before `podium_append` existed;
    /// its commit stays synchronous.
    private func writeWithStatements(_ s: PostgresSession, actor: String, actorBytes: [UInt8], time: Int64,
                                     entries: [RawEntry]) throws -> (UInt64, ChainHash, Bool) {
        var chain = chainHead
        var seq = lastSeq
        // One INSERT of up to 1,000 rows (7 parameters each) at a time.
        var i = 0
        while i < entries.count {
            let chunk = entries[i..<min(entries.count, i + 1000)]
            var binds = PostgresBindings(capacity: chunk.count * 7)
            var sql = "INSERT INTO podium_events (seq, time_micros, actor, type, batch_remaining, body, chain) VALUES "
            for (j, e) in chunk.enumerated() {
                seq += 1
                let remaining = UInt32(entries.count - 1 - (i + j))
                chain = RecordChain.next(prev: chain, seq: seq, timeMicros: time, actor: actorBytes, type: e.type,
                                         batchRemaining: remaining, body: e.body)
                let p = j * 7
                sql += (j == 0 ? "" : ",") + "($\(p + 1),$\(p + 2),$\(p + 3),$\(p + 4),$\(p + 5),$\(p + 6),$\(p + 7))"
                binds.append(Int64(seq))
                binds.append(time)
                binds.append(actor)
                binds.append(Int32(e.type))
                binds.append(Int32(remaining))
                binds.append(ByteBuffer(bytes: e.body))
                binds.append(ByteBuffer(bytes: chain.bytes))
            }
            try s.query(PostgresQuery(unsafeSQL: sql, binds: binds))
            i += chunk.count
        }
        try s.query("UPDATE podium_venue SET last_seq = \(Int64(seq)), last_chain = \(ByteBuffer(bytes: chain.bytes)), last_time_micros = \(time)")
        try s.query("SELECT pg_notify(\(PostgresSchema.channel), \(String(seq)))")
        return (seq, chain, false)
    }

    /// The chain values of a batch appended after `chainHead` at `lastSeq`.
    func chainValues(actorBytes: [UInt8], time: Int64, entries: [RawEntry]) -> (ChainHash, [ByteBuffer]) {
        var chain = chainHead
        var chains: [ByteBuffer] = []
        chains.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() {
            chain = RecordChain.next(prev: chain, seq: lastSeq + UInt64(i) + 1, timeMicros: time, actor: actorBytes, type: e.type,
                                     batchRemaining: UInt32(entries.count - 1 - i), body: e.body)
            chains.append(ByteBuffer(bytes: chain.bytes))
        }
        return (chain, chains)
    }
}

extension PostgresEventStore {
    /// Refuses a batch with a body over the log's limit before anything is sent.
    static func checkSizes(_ entries: [RawEntry]) throws {
        for e in entries where e.body.count > LogFormat.maxBodyBytes {
            throw LogError.tooLarge(what: "an event of type \(e.type)", size: e.body.count, limit: LogFormat.maxBodyBytes)
        }
    }

    /// Calls a procedure that commits by itself. nil when the database does not have it (a
    /// venue made before it: SQLSTATE 42883); a connection lost on the way means the batch may
    /// have landed, reported as not acknowledged.
    func callCommitting(_ s: PostgresSession, _ call: PostgresQuery) throws -> [PostgresRow]? {
        do {
            return try s.query(call)
        } catch let e as PostgresStoreError {
            if case let .server(_, reason) = e, reason.contains("42883") { return nil }
            if case let .unreachable(server, reason) = e {
                session = nil
                throw PostgresStoreError.commitUnknown(server: server, reason: reason)
            }
            throw e
        }
    }

    /// `podium_append_durable`: returns the receipt once the batch is durable, or nil when the
    /// head moved (nothing written).
    func appendIfHeadIs(_ s: PostgresSession, actor: String, actorBytes: [UInt8], timeMicros: Int64?,
                        entries: [RawEntry], alone: Bool) throws -> AppendReceipt? {
        try Self.checkSizes(entries)
        let time = batchTime(timeMicros)
        let (chain, chains) = chainValues(actorBytes: actorBytes, time: time, entries: entries)
        let types = entries.map { Int32($0.type) }
        let bodies = entries.map { ByteBuffer(bytes: $0.body) }
        guard let rows = try callCommitting(s, "CALL podium_append_durable(\(Int64(lastSeq)), \(time), \(actor), \(types), \(bodies), \(chains), \(alone))") else {
            optimistic = false // a venue made before it
            return nil
        }
        let result = try rows.first?.decode(Int64.self)
        guard result == -1 else { return nil }
        let first = lastSeq + 1
        lastSeq += UInt64(entries.count)
        chainHead = chain
        lastTimeMicros = time
        return .of(first: first, last: lastSeq, timeMicros: time)
    }
}

extension PostgresEventStore {
    /// A batch decided on nothing the log holds, by a caller that needs none of what others
    /// append (the bench's writers; the file's skim): placed by the server after whatever is
    /// there, in one statement, and nothing read back. Records others appended before it are
    /// not handed out, now or later.
    @discardableResult
    public func append(actor: String, timeMicros: Int64?, entries: [RawEntry]) throws -> AppendReceipt? {
        guard !entries.isEmpty else { return nil }
        let actorBytes = try Self.actorBytes(actor)
        if placement {
            let s = try connected()
            if let receipt = try appendPlaced(s, actor: actor, actorBytes: actorBytes, timeMicros: timeMicros, entries: entries,
                                              reads: .scopes([]), readSkipped: false) {
                return receipt
            }
        }
        // A venue made before `podium_combine_durable`: the usual append of a fixed batch.
        return try append(actor: actor, timeMicros: timeMicros, reads: .everything) { _ in entries }
    }

    /// `podium_combine_durable`: returns the receipt once the batch is durable, or nil when a row
    /// appended since this writer's view could have changed its decision (nothing written).
    /// Records the batch was placed after, unseen, are read (they are durable: they committed
    /// before it, and its flush covered them) and handed back in the receipt.
    /// With `readSkipped` false (a skimming append) they are not read: this writer's view jumps
    /// past them, as the file's skim does.
    func appendPlaced(_ s: PostgresSession, actor: String, actorBytes: [UInt8], timeMicros: Int64?,
                      entries: [RawEntry], reads: ReadSet, readSkipped: Bool = true) throws -> AppendReceipt? {
        try Self.checkSizes(entries)
        let time = batchTime(timeMicros)
        let n = entries.count
        let types = entries.map { Int32($0.type) }
        let fields = entries.enumerated().map { i, e in
            ByteBuffer(bytes: RecordChain.placeFreeFields(actor: actorBytes, type: e.type, batchRemaining: UInt32(n - 1 - i), body: e.body))
        }
        let bodies = entries.map { ByteBuffer(bytes: $0.body) }
        let scopes = entries.map { $0.scope ?? "" }
        let readList: [String]?
        switch reads {
        case .everything: readList = nil
        case let .scopes(set): readList = set.sorted()
        }
        guard let rows = try callCommitting(s, "CALL podium_combine_durable(\(Int64(lastSeq)), \(time), \(actor), \(types), \(fields), \(bodies), \(scopes), \(readList), NULL, NULL, NULL)") else {
            placement = false // a venue made before it
            return nil
        }
        let row = try rows.first?.decode((Int64?, Int64?, ByteBuffer?).self)
        guard let (firstSeq, usedTime, chainBytes) = row, let firstSeq, firstSeq > 0, let usedTime, let chainBytes,
              let chain = RecordChain.value(Array(buffer: chainBytes)) else { return nil }
        let first = UInt64(firstSeq), last = first + UInt64(n) - 1
        var skipped: [RawRecord] = []
        if first > lastSeq + 1, readSkipped {
            do {
                // (Paged up to the batch, not streamed as catchUp does: the rows after it are not
                // this writer's to read yet.)
                while lastSeq + 1 < first {
                    let page = try PostgresRows.fetch(s, after: lastSeq, limit: min(PostgresRows.page, Int(first - 1 - lastSeq)))
                    guard !page.isEmpty else {
                        throw LogError.badRecord(store: s.server, seq: lastSeq + 1, reason: "missing (the batch placed after it is at seq \(first))")
                    }
                    for r in page { try take(r, from: s) { skipped.append($0) } }
                }
            } catch {
                session = nil // this writer's view is behind its own batch: open it afresh
                let why = (error as? PostgresStoreError).map { "\($0)" } ?? "\(error)"
                throw PostgresStoreError.landedUnread(server: s.server, first: first, last: last, reason: why)
            }
        }
        lastSeq = last
        chainHead = chain
        lastTimeMicros = usedTime
        var receipt = AppendReceipt.of(first: first, last: last, timeMicros: usedTime)
        receipt.skipped = skipped
        return receipt
    }
}

/// `podium log verify URL`: every row, in seq order, in one snapshot.
enum PostgresVerifier {
    static func verify(_ s: PostgresSession) throws -> VerifyReport {
        let genesis = try PostgresStoreKind.genesis(s)
        try s.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { try? s.run("ROLLBACK") }
        var chain = RecordChain.genesis(genesis)
        var seq: UInt64 = 0
        var bytes: Int64 = 0
        var lastTime: Int64 = 0
        var expectRemaining: UInt32? = nil
        var batchActor = "", batchTime: Int64 = 0
        func report(_ problem: LogError?) -> VerifyReport {
            VerifyReport.of(records: seq, bytes: bytes, head: problem == nil ? chain : nil, problem: problem)
        }
        let rows = RowStream(s, after: 0)
        defer { rows.stop() }
        while let page = try rows.next() {
            for r in page {
                func bad(_ why: Said) -> VerifyReport { report(.badRecord(store: s.server, seq: seq + 1, reason: why)) }
                if r.seq != seq + 1 { return bad("missing (the next row is seq \(r.seq))") }
                if r.timeMicros < lastTime { return bad("its time goes back before the record before it") }
                if let expect = expectRemaining {
                    if r.batchRemaining != expect || r.actor != batchActor || r.timeMicros != batchTime {
                        return bad("it breaks its batch (batch_remaining, actor or time differ from the batch's)")
                    }
                }
                let actor = Array(r.actor.utf8)
                let computed = RecordChain.next(prev: chain, seq: r.seq, timeMicros: r.timeMicros, actor: actor, type: r.type,
                                                batchRemaining: r.batchRemaining, body: r.body)
                if computed != r.chain {
                    return bad("its content does not match its chain value (changed after it was written?)")
                }
                chain = computed
                seq = r.seq
                bytes += Int64(r.body.count + actor.count)
                lastTime = r.timeMicros
                expectRemaining = r.batchRemaining == 0 ? nil : r.batchRemaining - 1
                batchActor = r.actor
                batchTime = r.timeMicros
            }
        }
        if expectRemaining != nil {
            return report(.badRecord(store: s.server, seq: seq + 1, reason: "the last batch is incomplete"))
        }
        // "ok" only for rows that cannot vanish (see PostgresDurability).
        try PostgresDurability.waitFlushed(s)
        guard let head = try s.query("SELECT last_seq, last_chain FROM podium_venue").first else {
            return report(.badRecord(store: s.server, seq: seq + 1, reason: "podium_venue has no head row"))
        }
        let (headSeq, headChain) = try head.decode((Int64, ByteBuffer).self)
        if UInt64(headSeq) != seq || RecordChain.value(Array(buffer: headChain)) != chain {
            return report(.badRecord(store: s.server, seq: seq + 1, reason: "the head row (seq \(headSeq)) disagrees with the rows (seq \(seq))"))
        }
        return report(nil)
    }
}
