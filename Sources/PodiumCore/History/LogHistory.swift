import Foundation

/// The read seam of past views and checkpoints: records by sequence number, whatever the store.
/// Every store conforms through `StoreLogHistory` (a reader from the store seam); a store could
/// also conform with a direct query by seq. Everything in `History/` and `Signing/` reads the log only through this.
public protocol LogHistory {
    /// Delivers the records with seq ≥ `first` (and ≤ `last`, when given), in order, until
    /// `deliver` returns false. Never changes the log.
    func read(from first: UInt64, through last: UInt64?, _ deliver: (RawRecord) throws -> Bool) throws
    /// The last complete record, nil for an empty log.
    func lastRecord() throws -> RawRecord?
}

/// A venue's log on any store, read through a fresh `EventReader` per call (on a file: shared
/// lock, complete batches only, a damaged tail not read and not repaired; on a server: durable
/// rows only). A past view never writes.
public struct StoreLogHistory: LogHistory {
    private let open: () throws -> EventReader
    /// `open` makes a reader at the start of the log (`StoreKind.openReader`).
    public init(open: @escaping () throws -> EventReader) { self.open = open }
    /// `events.log` at `path`.
    public init(path: String) { self.init { try LogReader(path: path) } }

    private struct Stop: Error {}

    public func read(from first: UInt64, through last: UInt64?, _ deliver: (RawRecord) throws -> Bool) throws {
        let reader = try open()
        do {
            try reader.readNew(skipThrough: first &- 1) { raw in
                if let last, raw.seq > last { throw Stop() }
                if try !deliver(raw) { throw Stop() }
            }
        } catch is Stop {}
        // A server that cannot be reached delivers nothing rather than throwing (a screen keeps
        // its last state); a past view or a checkpoint must not take that for an empty log.
        if case let .lost(_, reason) = reader.link { throw StoreError.linkLost(location: reader.storeName, reason: reason) }
    }

    public func lastRecord() throws -> RawRecord? {
        var last: RawRecord?
        try read(from: 1, through: nil) { last = $0; return true }
        return last
    }
}

/// The chain value of the record at `seq`, through the seam (nil when the log is shorter).
public func chainHead(of history: LogHistory, at seq: UInt64) throws -> RawRecord? {
    var found: RawRecord?
    try history.read(from: seq, through: seq) { found = $0; return false }
    return found
}
