import Foundation
import PodiumCore

/// The open-loop (fixed-schedule) append bench, as wrk2 and HdrHistogram measure latency.
///
/// A closed-loop writer appends again as soon as its last append returned, so a process that
/// waits (a SQLite writer asleep in its busy handler, for seconds) issues no appends while it
/// waits: its wait lands in one sample, and every append that would have been waiting behind it
/// is never measured (coordinated omission). Here every writer process has a schedule of
/// intended append times at a fixed rate, the same for every kind of store; each append's
/// latency runs from its *intended* start to its return, so a process that could not start an
/// append on time is charged for all of it.
///
/// The schedule: `writers` processes offer `totalRate` appends a second together, evenly
/// staggered: writer `k` appends at `origin + k/totalRate + i·writers/totalRate` (i = 0, 1, …),
/// so the offered load is one append every `1/totalRate` seconds across all of them.
struct OpenLoopSchedule: Sendable, Equatable {
    /// Monotonic nanoseconds (`DispatchTime.uptimeNanoseconds`) of the schedule's origin.
    var originNanos: UInt64
    /// Between two appends of this writer: `writers · 10⁹ / totalRate`.
    var intervalNanos: UInt64
    /// This writer's offset from the origin: `writer · 10⁹ / totalRate`.
    var phaseNanos: UInt64

    init(originNanos: UInt64, totalRate: Double, writers: Int, writer: Int) {
        precondition(totalRate > 0 && writers > 0 && (0..<writers).contains(writer))
        self.originNanos = originNanos
        let step = 1e9 / totalRate
        intervalNanos = UInt64((step * Double(writers)).rounded())
        phaseNanos = UInt64((step * Double(writer)).rounded())
    }

    /// When append `i` of this writer is meant to start.
    func intended(_ i: Int) -> UInt64 { originNanos + phaseNanos + UInt64(i) * intervalNanos }

    /// The latency charged to append `i`: from its intended start to its end. A late start is
    /// charged in full (the append was waiting, if only for its own process).
    func latency(of i: Int, endedAt end: UInt64) -> UInt64 {
        let t = intended(i)
        return end > t ? end - t : 0
    }

    /// How late append `i` actually started (0 if on time: a writer never starts early).
    func lateness(of i: Int, startedAt start: UInt64) -> UInt64 {
        let t = intended(i)
        return start > t ? start - t : 0
    }

    /// The monotonic origin for a shared wall-clock start (`startAt`, seconds since 1970), given
    /// one reading of both clocks taken together: every writer process converts the same moment.
    static func origin(startAt: Double, wallNow: Double, monoNow: UInt64) -> UInt64 {
        let ahead = startAt - wallNow
        if ahead <= 0 { return monoNow - min(monoNow, UInt64(-ahead * 1e9)) }
        return monoNow + UInt64(ahead * 1e9)
    }
}

/// One writer's run on a schedule: waits for each intended time, runs the append, and reports
/// (latency from the intended start, how late it started). Nanoseconds.
func runOnSchedule(_ schedule: OpenLoopSchedule, count: Int, now: () -> UInt64 = { DispatchTime.now().uptimeNanoseconds },
                   sleep: (UInt64) -> Void = { ns in var t = timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000)); nanosleep(&t, nil) },
                   append: (Int) throws -> Void, report: (_ latency: UInt64, _ lateness: UInt64) -> Void) rethrows {
    for i in 0..<count {
        let due = schedule.intended(i)
        var t = now()
        if t < due { sleep(due - t); t = now() }
        try append(i)
        let end = now()
        report(schedule.latency(of: i, endedAt: end), schedule.lateness(of: i, startedAt: t))
    }
}

/// The figures of one kind's open-loop run.
struct OpenLoopStats {
    var latency: Stats
    var lateness: [UInt64]
    init(_ samples: [(latency: UInt64, lateness: UInt64)]) {
        latency = Stats(samples.map(\.latency))
        lateness = samples.map(\.lateness)
    }
    /// Appends that started more than `threshold` nanoseconds after their intended time: the
    /// ones a closed-loop bench would not have issued on time (and so not measured from then).
    func late(beyond threshold: UInt64) -> Int { lateness.filter { $0 > threshold }.count }
    var lateShare: Double { lateness.isEmpty ? 0 : Double(late(beyond: OpenLoopStats.lateThreshold)) / Double(lateness.count) }
    /// One millisecond: several times a quiet sync, and far beyond a timer's oversleep.
    static let lateThreshold: UInt64 = 1_000_000
}

/// A line of an open-loop worker's output: "LATENCY LATENESS" in nanoseconds.
func parseOpenLoopLine(_ line: Substring) -> (latency: UInt64, lateness: UInt64)? {
    let parts = line.split(separator: " ")
    guard parts.count == 2, let l = UInt64(parts[0]), let d = UInt64(parts[1]) else { return nil }
    return (l, d)
}

extension BenchLog {
    /// The largest offered load run, as a share of the slowest kind's closed-loop rate.
    static let openLoadShare = 0.5

    /// The open-loop rows for one writer count: each kind (plain write+fdatasync, SQLite, log
    /// format 1, log) on the same schedule at each offered rate, beside each other.
    /// `capacity`: each kind's appends a second in the closed-loop run of the same writer count
    /// (printed beside the offered load, so a reader sees it is well below every kind's).
    func openLoopFigures(binary: String, work: String, writers: Int, body: Int,
                         capacity: [(kind: String, rate: Double)]) throws -> [BenchFigure] {
        var figures: [BenchFigure] = []
        for rate in openRateList {
            let total = max(writers, Int((rate * openSeconds).rounded()))
            let perWriter = max(1, total / writers)
            // Each kind runs `openRounds` short windows, the kinds taking turns in a rotating order,
            // so that a slow moment of the shared disk falls on every kind alike rather than on
            // whichever ran during it.
            let rounds = max(1, min(openRounds, perWriter))
            let perRound = max(1, perWriter / rounds)
            let slowest = capacity.min { $0.rate < $1.rate }
            print(String(format: "open loop: %.0f appends/s offered by %d process(es) (%.1f/s each), %d appends each in %d windows; ", rate, writers,
                         rate / Double(writers), perRound * rounds, rounds)
                  + (slowest.map { String(format: "%.0f %% of the slowest kind's closed-loop rate (%@ %.0f/s)", 100 * rate / $0.rate, $0.kind, $0.rate) } ?? ""))
            // A schedule faster than a kind can go measures its queue growing without bound,
            // not its latency: only offered loads well below every kind's capacity are run.
            if let slowest, rate > Self.openLoadShare * slowest.rate {
                print(String(format: "  not run: more than %.0f %% of the slowest kind's capacity in this run (the disk's syncs are slow now)",
                             100 * Self.openLoadShare))
                continue
            }
            func run(_ path: String, _ flags: [String]) throws -> [(latency: UInt64, lateness: UInt64)] {
                let startAt = Date().addingTimeInterval(1 + Double(writers) * 0.05).timeIntervalSince1970
                return try runWorkers(binary: binary, log: path, processes: writers, count: perRound, bodyBytes: body, plain: false,
                                      extra: flags + ["--rate", String(rate), "--writers", String(writers), "--start-at", String(startAt)],
                                      perWriterExtra: { ["--writer-index", String($0)] }).openLoop
            }
            /// A kind: how to make its file for a round, the worker's flags, and the check after.
            struct Kind { var name: String; var make: (String) throws -> Void; var flags: [String]; var check: (String) throws -> Void }
            let expected = writers * perRound
            let plainFile = { (p: String) in _ = FileManager.default.createFile(atPath: p, contents: nil) }
            let logKind = { (version: UInt32) in
                Kind(name: "v\(version)", make: { try LogWriter.create(at: $0, version: version) }, flags: [], check: { path in
                    guard try LogVerifier.verify(path: path).ok else { throw CLIError("the open-loop log (format \(version)) does not verify") }
                    let n = try LogReader(path: path).records().count
                    guard n == expected else { throw CLIError("the open-loop log (format \(version)) holds \(n) records, not \(expected)") }
                })
            }
            let kinds = [
                Kind(name: "plain", make: plainFile, flags: ["--plain"], check: { _ in }),
                // What the growing file's metadata costs a sync: the same writes over written zeros.
                Kind(name: "over", make: plainFile, flags: ["--plain", "--overwrite"], check: { _ in }),
                Kind(name: "sqlite", make: { _ = try SQLiteAnchor(path: $0) }, flags: ["--sqlite"], check: { path in
                    guard try SQLiteAnchor(path: path).count() == expected else { throw CLIError("the SQLite anchor lost rows (open loop)") }
                }),
                logKind(1), logKind(2),
            ]
            var samples = [[(latency: UInt64, lateness: UInt64)]](repeating: [], count: kinds.count)
            for round in 0..<rounds {
                for k in 0..<kinds.count {
                    let i = (k + round) % kinds.count
                    let path = "\(work)/open-\(kinds[i].name)-\(writers)-\(Int(rate))-r\(round)"
                    try kinds[i].make(path)
                    samples[i] += try run(path, kinds[i].flags)
                    try kinds[i].check(path)
                }
            }
            let plain = OpenLoopStats(samples[0]), over = OpenLoopStats(samples[1]), lite = OpenLoopStats(samples[2])
            let before = OpenLoopStats(samples[3]), log = OpenLoopStats(samples[4])
            func line(_ name: String, _ s: OpenLoopStats) {
                let l = s.latency
                print("  " + name.padding(toLength: 24, withPad: " ", startingAt: 0)
                      + [l.p50, l.p99, l.percentile(0.999), l.sorted.last ?? 0].map { micros($0).padding(toLength: 13, withPad: " ", startingAt: 0) }.joined()
                      + String(format: "late >1 ms: %d of %d (%.1f %%)", s.late(beyond: OpenLoopStats.lateThreshold), s.lateness.count, 100 * s.lateShare))
            }
            print("  " + "kind".padding(toLength: 24, withPad: " ", startingAt: 0)
                  + ["p50", "p99", "p99.9", "max"].map { $0.padding(toLength: 13, withPad: " ", startingAt: 0) }.joined() + "started late")
            line("write+fdatasync", plain)
            line("  overwriting (no growth)", over)
            line("SQLite (WAL, FULL)", lite)
            line("log format 1", before)
            line("log", log)
            let us = { (ns: UInt64) in Double(ns) / 1000 }
            let who = String(format: "open loop %.0f/s, %d writer%@", rate, writers, writers == 1 ? "" : "s")
            let liteWhat = "SQLite WAL, synchronous=FULL", plainWhat = "write+fdatasync"
            let lateNote = String(format: "started >1 ms late: SQLite %.1f %%, log %.1f %%, log v1 %.1f %%, plain %.1f %%; %d appends",
                                  100 * lite.lateShare, 100 * log.lateShare, 100 * before.lateShare, 100 * plain.lateShare, log.lateness.count)
            figures += [
                BenchFigure(bench: "log", what: "\(who), p50 vs SQLite", value: us(log.latency.p50), unit: .micros,
                            anchor: us(lite.latency.p50), anchorWhat: liteWhat, target: .atMostShareOfAnchor(1), note: lateNote),
                BenchFigure(bench: "log", what: "\(who), p99 vs SQLite", value: us(log.latency.p99), unit: .micros,
                            anchor: us(lite.latency.p99), anchorWhat: liteWhat, target: .atMostShareOfAnchor(1)),
                BenchFigure(bench: "log", what: "\(who), p99.9 vs SQLite", value: us(log.latency.percentile(0.999)), unit: .micros,
                            anchor: us(lite.latency.percentile(0.999)), anchorWhat: liteWhat),
                BenchFigure(bench: "log", what: "\(who), max vs SQLite", value: us(log.latency.sorted.last ?? 0), unit: .micros,
                            anchor: us(lite.latency.sorted.last ?? 0), anchorWhat: liteWhat),
                BenchFigure(bench: "log", what: "\(who), p50 vs plain", value: us(log.latency.p50), unit: .micros,
                            anchor: us(plain.latency.p50), anchorWhat: plainWhat),
                BenchFigure(bench: "log", what: "\(who), p99 vs plain", value: us(log.latency.p99), unit: .micros,
                            anchor: us(plain.latency.p99), anchorWhat: plainWhat),
            ]
        }
        return figures
    }
}
