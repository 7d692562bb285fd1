import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum VenueError: Error, CustomStringConvertible, Localized {
    case notADirectory(String)
    case cannotCreate(String, Int32)
    public var description: String { said.text(.en) }
    public var said: Said {
        switch self {
        case let .notADirectory(p): return "\(p): not a directory"
        case let .cannotCreate(p, e): return "\(p): cannot create directory: \(String(cString: strerror(e)))"
        }
    }
}

/// A venue: its log on some store (a directory holding `events.log`, or a `postgresql://`
/// URL, see `StoreKinds`) and the state folded from it.
public final class Venue {
    /// Where the venue is: a directory, or a store URL.
    public let directory: String
    public private(set) var state: VenueState
    /// The records the last successful `execute` appended (empty when it appended nothing).
    public private(set) var lastAppended: [EventRecord] = []
    let store: EventStore

    public static func logPath(_ directory: String) -> String { directory + "/events.log" }
    public var logPath: String { Venue.logPath(directory) }

    /// Opens an existing venue: replays its log into the state (repairing a torn tail).
    /// `directory` may also be a store URL (`postgresql://...`).
    public convenience init(directory: String) throws {
        let kind = try StoreKinds.kind(of: directory)
        if kind is FileStoreKind {
            try self.init(directory: directory, on: PosixFileSystem.shared)
        } else {
            try self.init(location: directory, kind: kind)
        }
    }

    /// A venue on a store of another kind (a server).
    init(location: String, kind: any StoreKind) throws {
        directory = location
        var state = VenueState()
        var decodeError: Error?
        store = try kind.openStore(location) { raw in
            guard decodeError == nil else { return }
            do { try state.apply(raw: raw) } catch { decodeError = error }
        }
        if let decodeError { throw decodeError }
        self.state = state
    }

    /// A venue on a store already open, `state` being the fold of every record the store has
    /// seen (tests put venues on a store of their own).
    init(location: String, store: EventStore, state: VenueState) {
        directory = location
        self.store = store
        self.state = state
    }

    /// The store's name for messages (a URL without its password).
    public var storeName: String { store.storeName }
    /// The chain head after the last record this venue has seen.
    public var chainHead: ChainHash { store.chainHead }

    /// A venue whose log lives on `fs` (tests run venues on a simulated, failing disk).
    init(directory: String, on fs: LogFileSystem) throws {
        self.directory = directory
        var state = VenueState()
        var decodeError: Error?
        let writer = try LogWriter(path: Venue.logPath(directory), on: fs) { raw in
            guard decodeError == nil else { return }
            do { try state.apply(raw: raw) } catch { decodeError = error }
        }
        if let decodeError { throw decodeError }
        self.state = state
        store = writer
    }

    /// Makes a new venue from a definition: checks it first, so a refused definition leaves
    /// nothing behind; refuses a directory that already has a log.
    @discardableResult
    public static func create(directory: String, definition: CompetitionDefinition,
                              actor: Actor = Actor(.system, "init"), now: Date = Date()) throws -> Venue {
        let events = try Decide.decide(.defineCompetition(definition), on: VenueState(), by: actor, now: now)
        let kind = try StoreKinds.kind(of: directory)
        if !(kind is FileStoreKind) {
            // A server: `create` refuses a database that already holds a venue.
            try kind.create(directory, genesis: FileHeader(createdMicros: Int64(now.timeIntervalSince1970 * 1_000_000)))
            do {
                let store = try kind.openStore(directory) { _ in }
                _ = try store.append(actor: actor.logName, timeMicros: nil) { _ in events.map(\.entry) }
            } catch {
                kind.discard(directory) // made a moment ago; nothing was acknowledged
                throw error
            }
            return try Venue(directory: directory)
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else { throw VenueError.notADirectory(directory) }
        } else if mkdir(directory, 0o755) != 0 {
            throw VenueError.cannotCreate(directory, errno)
        }
        let path = logPath(directory)
        try LogWriter.create(at: path)
        do {
            let writer = try LogWriter(path: path)
            _ = try writer.append(actor: actor.logName, entries: events.map(\.entry))
        } catch {
            unlink(path) // we made it a moment ago and nothing was acknowledged
            throw error
        }
        return try Venue(directory: directory)
    }

    /// Checks `command` against the current state (after catching up with other writers) and
    /// appends its events durably. Throws CommandError on refusal; nothing is appended then.
    ///
    /// The store is told what the decision read (`command.reads`): a server store may then put
    /// the batch after records others appended that `prepare` did not see, when none of them
    /// could have changed the decision. Those come back in the receipt (`skipped`) and are
    /// folded first, since they precede the batch in the log.
    @discardableResult
    public func execute(_ command: Command, as actor: Actor, now: Date = Date()) throws -> AppendReceipt? {
        var next = state
        var decided: [Event] = []
        defer { state = next } // records others appended are kept even when the command is refused
        let receipt = try store.append(actor: actor.logName, timeMicros: nil, reads: command.reads) { fresh in
            for r in fresh { try next.apply(raw: r) }
            decided = try Decide.decide(command, on: next, by: actor, now: now)
            return decided.map(\.entry)
        }
        lastAppended = []
        guard let receipt else { return nil }
        // Records the store put before the batch without showing them to `prepare` come first.
        for r in receipt.skipped { try next.apply(raw: r) }
        // Fold what was appended, exactly as a reader of the log will see it.
        let time = Date(timeIntervalSince1970: Double(receipt.timeMicros) / 1_000_000)
        for (i, e) in decided.enumerated() {
            let record = EventRecord(seq: receipt.first + UInt64(i), time: time, actor: actor.logName, event: e)
            next.apply(record)
            lastAppended.append(record)
        }
        return receipt
    }
}
