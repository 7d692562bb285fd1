/// Stepping through a day's history event by event without refolding the log each step.
///
/// The states after every `interval`-th record are kept as they are first passed (a
/// `VenueState` is a value: a kept copy shares its storage until the fold changes it). A step
/// forward folds one record into the current state; a step back (or a jump) starts from the
/// nearest kept state at or before the target and folds at most `interval - 1` records. So a
/// step costs at most `interval` record folds, whatever the log's length; only the first open
/// of a late record folds the way there once (keeping states as it goes).
public struct ReplayIndex: Sendable {
    public let interval: Int
    /// The records, in order (records[i].seq == i + 1).
    public private(set) var records: [EventRecord]
    /// Kept states: kept[k] is the state after `k * interval` records (kept[0] is empty).
    private var kept: [VenueState] = [VenueState()]
    public private(set) var state = VenueState()
    /// Record folds done by the last `go(to:)` (the bench and tests read it).
    public private(set) var lastCost = 0

    public init(records: [EventRecord], interval: Int = 1_000) {
        precondition(interval > 0)
        self.records = records
        self.interval = interval
    }

    /// The seq of the current state (0: before the first record).
    public var seq: UInt64 { state.lastSeq }
    public var lastSeq: UInt64 { UInt64(records.count) }

    /// Records that arrived after the index was made (the live log goes on).
    public mutating func append(_ record: EventRecord) {
        precondition(record.seq == UInt64(records.count) + 1)
        records.append(record)
    }

    /// Moves to the state after record `target` (clamped to 1 … lastSeq).
    public mutating func go(to target: UInt64) {
        let t = Int(min(max(target, 1), lastSeq))
        // Take the state out, so the fold below mutates a uniquely held value (no copy).
        var from = VenueState()
        swap(&from, &state)
        if t < Int(from.lastSeq) || t - Int(from.lastSeq) >= interval {
            let k = min(t / interval, kept.count - 1)
            if k * interval > Int(from.lastSeq) || t < Int(from.lastSeq) { from = kept[k] }
        }
        var cost = 0
        while Int(from.lastSeq) < t {
            from.apply(records[Int(from.lastSeq)])
            cost += 1
            let n = Int(from.lastSeq)
            if n % interval == 0, n / interval == kept.count { kept.append(from) }
        }
        state = from
        lastCost = cost
    }

    public mutating func step(_ delta: Int) {
        let t = Int64(seq) + Int64(delta)
        go(to: UInt64(max(1, t)))
    }
}
