import Foundation
import PodiumCore
import PostgresNIO

/// Turns `podium_events` rows into records straight from each row's bytes.
///
/// Why not `row.decode((Int64, Int64, String, …).self)`: profiled on a replay of 1M records,
/// PostgresNIO's generic tuple decoding (parameter packs, generic metadata looked up per
/// column, retains and releases per cell) was two thirds of the reading thread's time. Here
/// each cell's type, format and length are checked and its value read in place; the chain
/// value is read into its four words without an array; the actor's String is made once per
/// run of equal actors (a batch shares one). The body is the one copy left (a record owns its
/// bytes). What remains is PostgresNIO's own walk over the cells (`PostgresRow.Iterator`, a
/// `PostgresCell` with a ByteBuffer slice per column), about half of the decoding.
///
/// Every check of the typed decode is kept, and each names the row's seq: a NULL, a column of
/// another type or format, an integer of the wrong width or out of range, a chain value that
/// is not 32 bytes.
struct EventRowDecoder {
    // The row's columns must be, in this order: seq, time_micros, actor, type,
    // batch_remaining, body, chain (`PostgresRows.query`).
    private var actorBytes: ByteBuffer?
    private var actor = ""

    /// The record in `row`; `expected` is the seq the row should have, named when the row's
    /// own seq cannot be read. (It throws rather than returning a `Result`: a `Result` of a
    /// record cost a generic enum copy and destroy per row.)
    mutating func decode(_ row: PostgresRow, expected: UInt64) throws(RowDefect) -> RawRecord {
        var cells = row.makeIterator()
        guard let seq = Self.int8(cells.next()) else { throw .column(seq: expected, "seq") }
        let at = UInt64(bitPattern: seq)
        guard let time = Self.int8(cells.next()) else { throw .column(seq: at, "time_micros") }
        guard let actorCell = Self.bytes(cells.next(), .text) else { throw .column(seq: at, "actor") }
        guard let type = Self.int4(cells.next()), (0...Int32(UInt16.max)).contains(type) else { throw .column(seq: at, "type") }
        guard let remaining = Self.int4(cells.next()), remaining >= 0 else { throw .column(seq: at, "batch_remaining") }
        guard let body = Self.bytes(cells.next(), .bytea) else { throw .column(seq: at, "body") }
        guard let chainCell = Self.bytes(cells.next(), .bytea) else { throw .column(seq: at, "chain") }
        guard let chain = chainCell.withUnsafeReadableBytes({ RecordChain.value($0) }) else {
            throw .chainLength(seq: at, bytes: chainCell.readableBytes)
        }
        if actorCell != actorBytes {
            actor = String(buffer: actorCell)
            actorBytes = actorCell
        }
        return .row(seq: at, timeMicros: time, actor: actor, type: UInt16(type), batchRemaining: UInt32(remaining),
                    body: body.withUnsafeReadableBytes { Array($0) }, chain: chain)
    }

    @inline(__always)
    private static func int8(_ cell: consuming PostgresCell?) -> Int64? {
        guard let b = bytes(cell, .int8), b.readableBytes == 8 else { return nil }
        return b.getInteger(at: b.readerIndex, as: Int64.self)
    }

    @inline(__always)
    private static func int4(_ cell: consuming PostgresCell?) -> Int32? {
        guard let b = bytes(cell, .int4), b.readableBytes == 4 else { return nil }
        return b.getInteger(at: b.readerIndex, as: Int32.self)
    }

    /// A cell's bytes, if it is not NULL and is of `type` in binary format.
    @inline(__always)
    private static func bytes(_ cell: consuming PostgresCell?, _ type: PostgresDataType) -> ByteBuffer? {
        guard let cell, cell.dataType == type, cell.format == .binary else { return nil }
        return cell.bytes
    }
}

/// What can be wrong with a row, in the words of `LogError.badRecord`'s reason (one place, for
/// the message catalogue).
enum RowDefect: Error, CustomStringConvertible, Equatable {
    /// A column is NULL, of another type or width, or out of its range.
    case column(seq: UInt64, String)
    case chainLength(seq: UInt64, bytes: Int)

    var seq: UInt64 {
        switch self {
        case let .column(seq, _), let .chainLength(seq, _): return seq
        }
    }

    var description: String {
        switch self {
        case let .column(_, name): return "its \(name) column does not decode (NULL, or not of the table's type)"
        case let .chainLength(_, n): return "its chain value is not 32 bytes (it has \(n))"
        }
    }

    func error(_ server: String) -> LogError { .badRecord(store: server, seq: seq, reason: "\(self)") }
}

/// Decodes rows in seq order, each expected to follow the one before (a row whose own seq is
/// unreadable is named by the seq it should have had).
struct RecordDecoder {
    private var decoder = EventRowDecoder()
    private(set) var lastSeq: UInt64

    init(after: UInt64) { lastSeq = after }

    mutating func decode(_ row: PostgresRow) throws(RowDefect) -> RawRecord {
        let r = try decoder.decode(row, expected: lastSeq + 1)
        lastSeq = r.seq
        return r
    }
}

/// Every row past a seq, page after page (`PostgresRows.page` rows each), for a replay. The
/// connection's event loop receives each page's rows and hands them over in chunks as they
/// arrive; the reading thread decodes and folds one chunk while the event loop receives the
/// next, and the next page is asked for as soon as one ends (not once it has been folded). At
/// most about two pages wait in memory: a page that ends while a page's worth of rows is still
/// unread asks for the next only once the reader has caught up.
///
/// Why the work is split so: profiled, receiving and parsing the protocol messages is about
/// half the event loop's work and decoding the rows the other half, while the fold is light; with
/// both on the event loop the reading thread sat idle. Decoding beside the fold keeps the two
/// threads about evenly busy.
///
/// Errors are the session's: a failed query classified (`PostgresStoreError`), a damaged row
/// named by its seq (after every record before it), no answer within the session's
/// `queryTimeout` closes the connection and fails as unreachable.
final class RowStream: @unchecked Sendable {
    static let chunk = 1_000

    // The session's connection, not the session: the last closure of a query may release this
    // stream on the event loop, where a session (whose deinit waits for its close) must not end.
    private let connection: PostgresConnection
    private let logger: Logger
    private let server: String
    private let timeout: TimeAmount
    private let page: Int
    private let cond = NSCondition()
    // Guarded by `cond`:
    private var ready: [[PostgresRow]] = []
    private var buffered = 0
    private var failure: Error?
    private var ended = false
    private var deferredPage: UInt64?
    private var stopped = false
    // The reading thread's own:
    private var decoder: RecordDecoder
    private var defect: RowDefect?

    init(_ session: PostgresSession, after: UInt64, page: Int = PostgresRows.page) {
        connection = session.connection
        logger = session.logger
        server = session.server
        timeout = session.queryTimeout
        self.page = page
        decoder = RecordDecoder(after: after)
        request(after: after)
    }

    /// The next records, in seq order; nil after the last.
    func next() throws -> [RawRecord]? {
        if let defect { throw defect.error(server) }
        guard let rows = try nextRows() else { return nil }
        var out: [RawRecord] = []
        out.reserveCapacity(rows.count)
        var decoder = self.decoder // a local: no exclusivity check per row
        defer { self.decoder = decoder }
        for row in rows {
            do {
                out.append(try decoder.decode(row))
            } catch {
                stop()
                defect = error
                if out.isEmpty { throw error.error(server) }
                break // the records before it first
            }
        }
        return out
    }

    /// The reader wants no more (it stopped on an error of its own): no further page is asked for.
    func stop() {
        cond.lock()
        stopped = true
        deferredPage = nil
        cond.unlock()
    }

    private func nextRows() throws -> [PostgresRow]? {
        let wait = Double(timeout.nanoseconds) / 1e9
        cond.lock()
        while ready.isEmpty, failure == nil, !ended {
            if !cond.wait(until: Date().addingTimeInterval(wait)), ready.isEmpty, failure == nil, !ended {
                cond.unlock()
                connection.close().whenComplete { _ in }
                throw PostgresStoreError.unreachable(server: server, reason: "no answer within \(Int(wait)) s")
            }
        }
        if !ready.isEmpty {
            let chunk = ready.removeFirst()
            buffered -= chunk.count
            var ask: UInt64?
            if let after = deferredPage, buffered < page { ask = after; deferredPage = nil }
            cond.unlock()
            if let ask { request(after: ask) }
            return chunk
        }
        let failure = self.failure
        cond.unlock()
        if let failure { throw failure }
        return nil
    }

    private func request(after: UInt64) {
        let page = PageRows(chunk: Self.chunk)
        connection.query(PostgresRows.query(after: after, limit: self.page), logger: logger) { [self] row in
            if let full = page.take(row) { hand(full) }
        }.whenComplete { [self] result in
            switch result {
            case let .failure(error):
                finish(failing: PostgresSession.classify(error, server: server))
            case .success:
                hand(page.flush())
                let last = page.last
                // A full page is followed by another, from its last row's seq. A last row that
                // does not decode ends the stream here: the reader's decode (the same decoder)
                // stops on it and names it.
                var decoder = EventRowDecoder()
                guard page.count == self.page, let last, let next = try? decoder.decode(last, expected: 0).seq else {
                    return finish(failing: nil)
                }
                cond.lock()
                let now = buffered < self.page && !stopped
                if !now, !stopped { deferredPage = next }
                cond.unlock()
                if now { request(after: next) }
            }
        }
    }

    private func hand(_ chunk: [PostgresRow]) {
        guard !chunk.isEmpty else { return }
        cond.lock()
        ready.append(chunk)
        buffered += chunk.count
        cond.signal()
        cond.unlock()
    }

    private func finish(failing error: Error?) {
        cond.lock()
        if let error { failure = error } else { ended = true }
        cond.signal()
        cond.unlock()
    }
}

/// The rows of one page as they arrive on the event loop, in chunks. Touched only on the event
/// loop while its query runs (and in the query's completion, also there).
final class PageRows: @unchecked Sendable {
    @exclusivity(unchecked) private var rows: [PostgresRow] = []
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private(set) var last: PostgresRow?
    private let chunk: Int

    init(chunk: Int) {
        self.chunk = chunk
        rows.reserveCapacity(chunk)
    }

    /// Takes one row; returns a full chunk when there is one.
    func take(_ row: PostgresRow) -> [PostgresRow]? {
        rows.append(row)
        count += 1
        return rows.count >= chunk ? flush() : nil
    }

    /// The rows taken since the last chunk.
    func flush() -> [PostgresRow] {
        last = rows.last ?? last
        let out = rows
        rows = []
        rows.reserveCapacity(chunk)
        return out
    }
}
