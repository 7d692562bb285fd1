import CSQLite
import Foundation

/// The second anchor of the durable append: a real, in-process SQLite inserting the same
/// records (actor, type, time, body) in WAL mode with `synchronous=FULL`, one transaction per
/// record (an autocommit `INSERT`: SQLite syncs the WAL at each commit). It is what a venue
/// would get from the obvious off-the-shelf store. Used only by `podium bench log`/`all`.
final class SQLiteAnchor {
    let path: String
    private var db: OpaquePointer?
    private var insertStatement: OpaquePointer?

    /// Opens (creating if needed) the database at `path`: WAL journal, `synchronous=FULL`, a
    /// busy timeout so several writer processes queue instead of failing, and the table.
    init(path: String) throws {
        self.path = path
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        db = handle
        guard rc == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            db = nil
            throw CLIError("\(path): SQLite cannot open it: \(message)")
        }
        sqlite3_busy_timeout(db, 30_000)
        let mode = try queryText("PRAGMA journal_mode=WAL")
        guard mode == "wal" else { throw CLIError("\(path): SQLite refused WAL mode (journal_mode is \(mode))") }
        try exec("PRAGMA synchronous=FULL")
        try exec("CREATE TABLE IF NOT EXISTS events(seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, actor TEXT NOT NULL, type INTEGER NOT NULL, body BLOB NOT NULL)")
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO events(time, actor, type, body) VALUES (?, ?, ?, ?)", -1, &statement, nil) == SQLITE_OK else {
            throw error("prepare the insert")
        }
        insertStatement = statement
    }

    deinit {
        sqlite3_finalize(insertStatement)
        sqlite3_close(db)
    }

    /// One record, one transaction: returns once SQLite has committed (and synced) it.
    func insert(time: Int64, actor: String, type: Int32, body: [UInt8]) throws {
        let s = insertStatement
        defer { sqlite3_reset(s); sqlite3_clear_bindings(s) }
        sqlite3_bind_int64(s, 1, time)
        sqlite3_bind_text(s, 2, actor, -1, podium_sqlite_transient())
        sqlite3_bind_int(s, 3, type)
        let bound = body.withUnsafeBytes { sqlite3_bind_blob(s, 4, $0.baseAddress, Int32($0.count), podium_sqlite_transient()) }
        guard bound == SQLITE_OK else { throw error("bind a record") }
        guard sqlite3_step(s) == SQLITE_DONE else { throw error("insert a record") }
    }

    /// Rows in the table.
    func count() throws -> Int { Int(try queryText("SELECT count(*) FROM events")) ?? -1 }

    /// Every row's actor, in commit order (rowid): shows how the writer processes took turns.
    func actorsInOrder() throws -> [String] {
        var s: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT actor FROM events ORDER BY seq", -1, &s, nil) == SQLITE_OK else { throw error("list the actors") }
        defer { sqlite3_finalize(s) }
        var out: [String] = []
        while sqlite3_step(s) == SQLITE_ROW {
            out.append(sqlite3_column_text(s, 0).map { String(cString: $0) } ?? "")
        }
        return out
    }

    /// The connection's `PRAGMA synchronous` (2 is FULL).
    func synchronous() throws -> Int { Int(try queryText("PRAGMA synchronous")) ?? -1 }

    /// The database's journal mode (`wal`).
    func journalMode() throws -> String { try queryText("PRAGMA journal_mode") }

    private func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw error(sql) }
    }

    /// The first column of the first row, as text.
    private func queryText(_ sql: String) throws -> String {
        var s: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &s, nil) == SQLITE_OK else { throw error(sql) }
        defer { sqlite3_finalize(s) }
        guard sqlite3_step(s) == SQLITE_ROW, let text = sqlite3_column_text(s, 0) else { throw error(sql) }
        return String(cString: text)
    }

    private func error(_ what: String) -> CLIError {
        CLIError("\(path): SQLite could not \(what): \(String(cString: sqlite3_errmsg(db)))")
    }
}
