import Foundation

// The store seam (issue 11). A venue's log can live in a file (`events.log`, the embedded
// default) or in a server (PostgreSQL, in the PodiumPostgres target). Everything above this
// seam (the venue, commands, screens, the bench) talks to these protocols only; see
// docs/architecture.md, "One store seam, two stores", for why it is shaped so.

/// The state of the link between a reader and the store it follows.
///
/// A file is always `.up`. A server can go away (the sub-venue's line is cut, the primary is
/// restarted): then a reader does not throw out of the screen; it reports `.lost`, keeps what
/// it already delivered, and retries on each later call, reporting `.up` again once it is back
/// and caught up. A board or console keeps its last screen and shows "link lost since HH:MM".
public enum StoreLink: Equatable, Sendable {
    case up
    /// Unreachable since `since` (the first failed attempt); `reason` is the one-line error.
    case lost(since: Date, reason: String)

    public var isUp: Bool { self == .up }
}

/// The read side of a venue's log, on any store: read from a sequence number, follow live.
///
/// The contract, for every store:
/// - records come in order, each exactly once, gapless, and only whole batches;
/// - a record is handed out only once it is durable (it cannot vanish in a crash or failover);
/// - a problem with the log's content (a broken chain, a gap) throws; a lost link does not:
///   it is reported through `link` and `onLinkChange`, and `readNew` returns 0 until it is back.
public protocol EventReader: AnyObject {
    /// The store's name for messages: a file path, or a URL without its password.
    var storeName: String { get }
    /// The last sequence number delivered (or skipped) so far.
    var lastSeq: UInt64 { get }
    /// The link's state after the last call.
    var link: StoreLink { get }
    /// Called on every change of `link` (lost at a time, back), on the caller's thread,
    /// from inside `readNew`.
    var onLinkChange: ((StoreLink) -> Void)? { get set }
    /// Delivers every complete, durable record after the ones already read, in order; returns
    /// how many. Records with seq ≤ `skipThrough` are read but not delivered.
    @discardableResult
    func readNew(skipThrough: UInt64, _ deliver: (RawRecord) throws -> Void) throws -> Int
    /// A descriptor that becomes readable when the log may have changed, for poll(2) beside
    /// keys and timers; nil when the caller must poll on a timer.
    func changeDescriptor() -> Int32?
    /// Empties the descriptor after poll(2) said it is readable.
    func drainChanges()
    /// Blocks until the log may have changed or `timeoutMillis` passes.
    func waitUntilChanged(timeoutMillis: Int) throws
}

extension EventReader {
    @discardableResult
    public func readNew(_ deliver: (RawRecord) throws -> Void) throws -> Int {
        try readNew(skipThrough: 0, deliver)
    }

    /// All records from `seq` on (1 = everything) that are there now.
    public func records(from seq: UInt64 = 1) throws -> [RawRecord] {
        var out: [RawRecord] = []
        try readNew(skipThrough: seq &- 1) { out.append($0) }
        return out
    }

    /// Reads new records, waiting for them as needed, until `deliver` returns false. Link
    /// losses do not end it: they go to `onLinkChange` and the wait goes on.
    public func followLive(skipThrough: UInt64 = 0, _ deliver: (RawRecord) throws -> Bool) throws {
        var go = true
        while go {
            try readNew(skipThrough: skipThrough) { rec in if go { go = try deliver(rec) } }
            if go { try waitUntilChanged(timeoutMillis: 1000) }
        }
    }
}

/// The write side of a venue's log, on any store.
public protocol EventStore: AnyObject {
    /// The store's name for messages: a file path, or a URL without its password.
    var storeName: String { get }
    /// The last sequence number this store has seen (its own appends and what it caught up on).
    var lastSeq: UInt64 { get }
    /// The SHA-256 chain value after `lastSeq` (the genesis value of an empty log).
    var chainHead: ChainHash { get }
    /// Appends the entries `prepare` returns as one atomic, durable batch, under a lock every
    /// writer of the store respects. `prepare` first sees the records others appended since this
    /// store last looked, so the caller can catch up and decide against current state; returning
    /// nothing appends nothing. Returns only once the batch is durable.
    ///
    /// `reads` says what the decision read. `.everything`: the batch goes in only right after
    /// the records `prepare` saw (if others appended meanwhile, `prepare` is called again with
    /// them). A narrower set lets a store put the batch after records `prepare` did not see, when
    /// none of them has a scope (`RawEntry.scope`) in the set, or an unknown one: those come back
    /// in `AppendReceipt.skipped`. The file log always decides under its lock on the latest
    /// records, so it treats every set as `.everything`.
    @discardableResult
    func append(actor: String, timeMicros: Int64?, reads: ReadSet,
                prepare: (_ newRecords: [RawRecord]) throws -> [RawEntry]) throws -> AppendReceipt?
    /// Appends `entries`, decided on nothing the log holds, for a caller that needs none of what
    /// others appended (the skim: `init`'s first batch, the bench's writers). Those records are
    /// not handed out, now or later: a store used this way is not also used to fold the log.
    /// Returns only once the batch is durable; nil for no entries.
    @discardableResult
    func append(actor: String, timeMicros: Int64?, entries: [RawEntry]) throws -> AppendReceipt?
}

/// What a decision read of the venue's state (docs/architecture.md, "Decisions that read
/// little"): lets a server store append a batch without a round trip to the writer when the
/// records appended since the writer last looked cannot have changed its decision.
public enum ReadSet: Sendable, Equatable {
    /// The whole state: the batch must follow exactly the records its decision saw.
    case everything
    /// Only what events of these scopes change. Records of other scopes appended meanwhile do
    /// not invalidate the decision; a record of unknown scope (nil) does, unless the set is
    /// empty (a batch decided on nothing the log holds, such as a bench's fixed records).
    case scopes(Set<String>)
}

extension EventStore {
    /// `append` of a decision that read the whole state.
    @discardableResult
    public func append(actor: String, timeMicros: Int64?,
                       prepare: (_ newRecords: [RawRecord]) throws -> [RawEntry]) throws -> AppendReceipt? {
        try append(actor: actor, timeMicros: timeMicros, reads: .everything, prepare: prepare)
    }
}

extension EventStore {
    /// `append` with decoded records and events.
    public func appendEvents(actor: String, prepare: (_ newRecords: [EventRecord]) throws -> [Event]) throws -> AppendReceipt? {
        try append(actor: actor, timeMicros: nil) { raw in
            try prepare(raw.map { try EventRecord($0) }).map(\.entry)
        }
    }
}

/// One kind of store, chosen by how a venue is named: a directory for the file log, a
/// `postgresql://` URL for the server. PodiumCore knows the file kind only; the executable
/// registers the others (`StoreKinds.register`), so PodiumCore stays free of NIO.
public protocol StoreKind: Sendable {
    /// Whether `location` names a venue of this kind (by its form, without touching it).
    func names(_ location: String) -> Bool
    /// How to name `location` in a message (a URL without its password).
    func displayName(_ location: String) -> String
    /// Whether a venue exists there (a log, or a venue's tables holding a genesis).
    func exists(_ location: String) throws -> Bool
    /// Makes a new, empty log with this genesis; refuses a place that already holds a venue.
    func create(_ location: String, genesis: FileHeader) throws
    /// Removes a log made by `create` moments ago when its first append failed (nothing was
    /// acknowledged from it).
    func discard(_ location: String)
    /// The genesis header of the log (its encoded form seeds the chain).
    func genesis(_ location: String) throws -> FileHeader
    /// Opens the log for appending, handing every record to `replay` in order.
    func openStore(_ location: String, replay: (RawRecord) throws -> Void) throws -> EventStore
    /// Opens a reader at the start of the log.
    func openReader(_ location: String) throws -> EventReader
    /// Checks every record: sequence, checksums, chain; names the first bad seq.
    func verify(_ location: String) throws -> VerifyReport

    // The credentials seam: a venue's logins (PIN hashes) live beside its log, never in it.
    /// Where the venue's accounts are, for messages.
    func credentialsName(_ location: String) -> String
    /// Every account of the venue (none yet is an empty map).
    func readAccounts(_ location: String) throws -> [String: Account]
    /// Sets one account atomically under the store's lock: `check` first sees the account the
    /// store holds for that id now (and may refuse); returns every account after the change.
    func upsertAccount(_ location: String, _ account: Account, check: (Account?) throws -> Void) throws -> [String: Account]
}

/// The registry of store kinds. The file kind is always there and is the fallback: a location
/// no other kind names is a directory.
public enum StoreKinds {
    nonisolated(unsafe) private static var registered: [any StoreKind] = []
    private static let lock = NSLock()

    public static func register(_ kind: any StoreKind) {
        lock.lock(); defer { lock.unlock() }
        if !registered.contains(where: { type(of: $0) == type(of: kind) }) { registered.append(kind) }
    }

    /// The kind that names `location` (the file kind when no other does).
    public static func kind(of location: String) throws -> any StoreKind {
        lock.lock(); defer { lock.unlock() }
        if let k = registered.first(where: { $0.names(location) }) { return k }
        if location.contains("://") {
            throw StoreError.unknownScheme(location: FileStoreKind.redacted(location))
        }
        return FileStoreKind()
    }

    /// Whether `location` is a URL rather than a directory.
    public static func isURL(_ location: String) -> Bool { location.contains("://") }
}

/// Errors of the seam itself (each store kind has its own for the rest).
public enum StoreError: Error, CustomStringConvertible, Localized, Equatable {
    case unknownScheme(location: String)
    case notEmpty(location: String, records: UInt64)
    case chainMismatch(location: String, seq: UInt64)
    case linkLost(location: String, reason: String)

    public var description: String { said.text(.en) }

    public var said: Said {
        switch self {
        case let .unknownScheme(l):
            return "\(l): not a venue directory nor a URL this build knows (postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE)"
        case let .notEmpty(l, n):
            return "\(l): already holds a venue (\(n) records); refusing to write into it"
        case let .chainMismatch(l, seq):
            return "\(l): the record at seq \(seq) does not match its stored chain value (or its batch is malformed); nothing was copied"
        case let .linkLost(l, reason):
            return "\(l): lost the connection while reading (\(reason))"
        }
    }
}

// MARK: - The file log behind the seam (adapters only: the log's internals are LogWriter's)

extension LogWriter: EventStore {
    public var storeName: String { path }
    public var chainHead: ChainHash { lastChain }
    /// The file decides every batch under its `flock` on the latest records: `reads` changes nothing.
    @discardableResult
    public func append(actor: String, timeMicros: Int64?, reads: ReadSet,
                       prepare: (_ newRecords: [RawRecord]) throws -> [RawEntry]) throws -> AppendReceipt? {
        try append(actor: actor, timeMicros: timeMicros, prepare: prepare)
    }
}

extension LogReader: EventReader {
    public var storeName: String { path }
    /// A file is always there; its problems are the log's content and throw.
    public var link: StoreLink { .up }
    public var onLinkChange: ((StoreLink) -> Void)? {
        get { nil }
        set { _ = newValue }
    }
    public func waitUntilChanged(timeoutMillis: Int) throws { try waitForChange(timeoutMillis: timeoutMillis) }
}

/// The file log: a venue directory holding `events.log`.
public struct FileStoreKind: StoreKind {
    public init() {}
    public func names(_ location: String) -> Bool { !location.contains("://") }
    public func displayName(_ location: String) -> String { location }
    func logPath(_ location: String) -> String { Venue.logPath(location) }

    public func exists(_ location: String) throws -> Bool { FileManager.default.fileExists(atPath: logPath(location)) }

    public func create(_ location: String, genesis: FileHeader) throws {
        if mkdir(location, 0o755) != 0, errno != EEXIST { throw VenueError.cannotCreate(location, errno) }
        try LogWriter.create(at: logPath(location), createdMicros: genesis.createdMicros)
    }

    public func discard(_ location: String) { _ = unlink(logPath(location)) }

    public func genesis(_ location: String) throws -> FileHeader {
        let path = logPath(location)
        guard let h = FileHandle(forReadingAtPath: path) else { throw LogError.missing(path: path) }
        defer { try? h.close() }
        let raw = [UInt8](h.readData(ofLength: LogFormat.fileHeaderSize))
        guard case let .success(header) = FileHeader.decode(raw) else {
            throw LogError.notALog(path: path, reason: "bad file header")
        }
        return header
    }

    public func openStore(_ location: String, replay: (RawRecord) throws -> Void) throws -> EventStore {
        let path = logPath(location)
        guard FileManager.default.fileExists(atPath: path) else { throw LogError.missing(path: path) }
        return try LogWriter(path: path, replay: replay)
    }

    public func openReader(_ location: String) throws -> EventReader {
        let path = logPath(location)
        guard FileManager.default.fileExists(atPath: path) else { throw LogError.missing(path: path) }
        return try LogReader(path: path)
    }

    public func verify(_ location: String) throws -> VerifyReport { try LogVerifier.verify(path: logPath(location)) }

    public func credentialsName(_ location: String) -> String { CredentialStore.path(in: location) }
    public func readAccounts(_ location: String) throws -> [String: Account] { try CredentialStore.readFile(in: location) }
    public func upsertAccount(_ location: String, _ account: Account, check: (Account?) throws -> Void) throws -> [String: Account] {
        try CredentialStore.upsertFile(in: location, account, check: check)
    }

    /// A URL with any password replaced by "***", for messages.
    public static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url.range(of: "@", range: schemeEnd.upperBound..<url.endIndex) else { return url }
        let userInfo = url[schemeEnd.upperBound..<at.lowerBound]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at.lowerBound...])
    }
}
