import Foundation

/// The read seam of past views and checkpoints: records by sequence number, whatever the store.
/// The file log conforms through `FileLogHistory`; a server-backed store conforms with a query
/// by seq. Everything in `History/` and `Signing/` reads the log only through this.
public protocol LogHistory {
    /// Delivers the records with seq ≥ `first` (and ≤ `last`, when given), in order, until
    /// `deliver` returns false. Never changes the log.
    func read(from first: UInt64, through last: UInt64?, _ deliver: (RawRecord) throws -> Bool) throws
    /// The last complete record, nil for an empty log.
    func lastRecord() throws -> RawRecord?
}

/// `events.log` read through a fresh `LogReader` per call (shared lock, complete batches only,
/// a damaged tail not read and not repaired: a past view never writes).
public struct FileLogHistory: LogHistory {
    public let path: String
    public init(path: String) { self.path = path }

    private struct Stop: Error {}

    public func read(from first: UInt64, through last: UInt64?, _ deliver: (RawRecord) throws -> Bool) throws {
        let reader = try LogReader(path: path)
        do {
            try reader.readNew(skipThrough: first &- 1) { raw in
                if let last, raw.seq > last { throw Stop() }
                if try !deliver(raw) { throw Stop() }
            }
        } catch is Stop {}
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
