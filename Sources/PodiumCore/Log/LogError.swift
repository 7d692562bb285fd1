#if canImport(Glibc)
import Glibc
#endif

/// Everything the log can report. Each message names the file and, where it applies,
/// the sequence number and byte offset.
public enum LogError: Error, CustomStringConvertible, Equatable, Localized {
    /// A system call failed.
    case io(path: String, operation: String, errno: Int32)
    /// The file is not a Podium log (bad magic, header checksum, version).
    case notALog(path: String, reason: String)
    /// A bad frame with valid frames after it: never truncated, reported.
    case corrupt(path: String, seq: UInt64, offset: Int64, reason: String)
    /// `log verify` and readers: the end of the log is damaged (a writer's open repairs it).
    case tornTail(path: String, seq: UInt64, offset: Int64, reason: String)
    case alreadyExists(path: String)
    case missing(path: String)
    /// A write or sync failed earlier: this writer acknowledges nothing more.
    case writerStopped(path: String, cause: String)
    case tooLarge(what: Said, size: Int, limit: Int)
    /// A store that keeps records as rows (PostgreSQL): the first bad record, by seq.
    case badRecord(store: String, seq: UInt64, reason: Said)

    public var description: String { said.text(.en) }

    public var said: Said {
        switch self {
        case let .io(path, op, e):
            return "\(path): \(op) failed: \(String(cString: strerror(e))) (errno \(e))"
        case let .notALog(path, reason):
            return "\(path): not a Podium event log: \(reason)"
        case let .corrupt(path, seq, offset, reason):
            return "\(path): corrupt record at seq \(seq), byte offset \(offset): \(reason); valid records follow, so nothing was cut (see docs/operations.md)"
        case let .tornTail(path, seq, offset, reason):
            return "\(path): damaged tail from seq \(seq), byte offset \(offset): \(reason)"
        case let .alreadyExists(path):
            return "\(path): a log already exists here; refusing to overwrite it"
        case let .missing(path):
            return "\(path): no event log here (run `podium init` first)"
        case let .writerStopped(path, cause):
            return "\(path): the log writer has stopped after a failure (\(cause)); nothing more is acknowledged until the venue is reopened"
        case let .badRecord(store, seq, reason):
            return "\(store): bad record at seq \(seq): \(reason)"
        case let .tooLarge(what, size, limit):
            return "\(what) is \(size) bytes; the limit is \(limit)"
        }
    }
}
