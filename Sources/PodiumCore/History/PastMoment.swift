import Foundation

/// What `--at` was given: a sequence number, or a time.
public enum AtSpec: Hashable, Sendable, CustomStringConvertible {
    case seq(UInt64)
    /// A full time (ISO 8601 with offset).
    case instant(Date)
    /// `HH:MM` in the competition's time zone, on the log's last day.
    case clock(hour: Int, minute: Int)
    /// `YYYY-MM-DD HH:MM` in the competition's time zone.
    case local(String)

    public static let accepted = "a sequence number, an ISO 8601 time with offset (2025-06-20T14:05:00+08:00), HH:MM, or YYYY-MM-DD HH:MM"

    public static func parse(_ text: String) throws -> AtSpec {
        let s = text.trimmingCharacters(in: .whitespaces)
        if !s.isEmpty, s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber) {
            guard let n = UInt64(s), n > 0 else { throw PastViewMessage.badSpec(text) }
            return .seq(n)
        }
        if let d = Timestamps.parse(s) { return .instant(d) }
        let hm = s.split(separator: ":", omittingEmptySubsequences: false)
        if hm.count == 2, !s.contains(" "), !s.contains("-"), let h = Int(hm[0]), let m = Int(hm[1]), hm[0].count <= 2, hm[1].count == 2,
           (0...23).contains(h), (0...59).contains(m) {
            return .clock(hour: h, minute: m)
        }
        if s.split(separator: " ").count == 2, !s.hasPrefix("+"),
           TimeInput.parse(s, now: Date(), in: TimeZone(identifier: "UTC")!) != nil {
            return .local(s)
        }
        throw PastViewMessage.badSpec(text)
    }

    public var description: String {
        switch self {
        case let .seq(n): return "seq \(n)"
        case let .instant(d): return Timestamps.format(d, in: TimeZone(identifier: "UTC")!)
        case let .clock(h, m): return String(format: "%02d:%02d", h, m)
        case let .local(s): return s
        }
    }
}

/// The moment a past view shows: the last record folded and the time it stands at.
public struct PastMoment: Hashable, Sendable {
    /// The last record folded in (its seq).
    public var seq: UInt64
    /// The time the view stands at: the time asked for, or the record's own time for a seq.
    /// Publication rules (and the board's clock) are applied at this time.
    public var time: Date
    /// The last record of the whole log, for "record 1,234 of 9,838".
    public var lastSeq: UInt64

    public init(seq: UInt64, time: Date, lastSeq: UInt64) { self.seq = seq; self.time = time; self.lastSeq = lastSeq }
}

/// Messages of past views, in one place (the i18n catalogue routes them).
public enum PastViewMessage: Error, CustomStringConvertible, Localized, Equatable, Sendable {
    case badSpec(String)
    case emptyLog
    case seqBeyond(UInt64, last: UInt64)
    case beforeFirst(String, first: String)
    case afterLast(String, last: String, lastSeq: UInt64)
    case noCompetition
    case readOnly

    public var description: String { said.text(.en) }

    public var said: Said {
        switch self {
        case let .badSpec(s): return "--at \"\(s)\": expected \(AtSpec.accepted)"
        case .emptyLog: return "--at: the log is empty, there is no past to show"
        case let .seqBeyond(n, last): return "--at \(n): the log ends at seq \(last)"
        case let .beforeFirst(t, first): return "--at \(t): before the first record (seq 1 at \(first))"
        case let .afterLast(t, last, n): return "--at \(t): after the last record (seq \(n) at \(last)); leave out --at for the live view"
        case .noCompetition: return "--at: the log holds no competition definition"
        case .readOnly: return "this is a past view (read-only): nothing can be changed here; leave out --at for the live venue"
        }
    }
}

/// The venue as it stood at a past moment, folded through the `LogHistory` seam. Never appends.
public enum PastVenue {
    /// Resolves `spec` against the log: the seq to fold up to and including, and the moment.
    public static func resolve(_ spec: AtSpec, in history: LogHistory) throws -> PastMoment {
        guard let last = try history.lastRecord() else { throw PastViewMessage.emptyLog }
        func date(_ micros: Int64) -> Date { Date(timeIntervalSince1970: Double(micros) / 1_000_000) }
        if case let .seq(n) = spec {
            guard n <= last.seq else { throw PastViewMessage.seqBeyond(n, last: last.seq) }
            guard let rec = try chainHead(of: history, at: n) else { throw PastViewMessage.seqBeyond(n, last: last.seq) }
            return PastMoment(seq: n, time: date(rec.timeMicros), lastSeq: last.seq)
        }
        // The competition's time zone, from its definition (the first record).
        var first: RawRecord?
        try history.read(from: 1, through: 1) { first = $0; return false }
        guard let first, case let .competitionDefined(info) = try EventRecord(first).event else { throw PastViewMessage.noCompetition }
        let tz = TimeZone(identifier: info.timezone) ?? TimeZone(identifier: "UTC")!
        let target: Date
        switch spec {
        case .seq: fatalError("handled above")
        case let .instant(d): target = d
        case let .clock(h, m):
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = tz
            var c = cal.dateComponents([.year, .month, .day], from: date(last.timeMicros))
            c.hour = h; c.minute = m; c.second = 0
            target = cal.date(from: c)!
        case let .local(s):
            guard let d = TimeInput.parse(s, now: date(last.timeMicros), in: tz) else { throw PastViewMessage.badSpec(s) }
            target = d
        }
        let shown = Timestamps.format(target, in: tz)
        let targetMicros = Int64((target.timeIntervalSince1970 * 1_000_000).rounded(.down))
        if targetMicros < first.timeMicros { throw PastViewMessage.beforeFirst(shown, first: Timestamps.format(date(first.timeMicros), in: tz)) }
        if targetMicros > last.timeMicros {
            throw PastViewMessage.afterLast(shown, last: Timestamps.format(date(last.timeMicros), in: tz), lastSeq: last.seq)
        }
        // The writer keeps times non-decreasing, so the last record at or before the target is
        // the one before the first record after it.
        var seq: UInt64 = 0
        try history.read(from: 1, through: nil) { raw in
            guard raw.timeMicros <= targetMicros else { return false }
            seq = raw.seq
            return true
        }
        return PastMoment(seq: seq, time: target, lastSeq: last.seq)
    }

    /// Delivers records 1 … `moment.seq` to `fold` (a state, a board model, a console model).
    public static func replay(_ history: LogHistory, through moment: PastMoment, _ fold: (RawRecord) throws -> Void) throws {
        try history.read(from: 1, through: moment.seq) { raw in try fold(raw); return true }
    }

    /// The state at `spec`, with its moment.
    public static func state(_ spec: AtSpec, in history: LogHistory) throws -> (state: VenueState, moment: PastMoment) {
        let moment = try resolve(spec, in: history)
        var state = VenueState()
        try replay(history, through: moment) { try state.apply(raw: $0) }
        return (state, moment)
    }
}
