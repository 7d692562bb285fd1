import Foundation
import PodiumCore
import PodiumPostgres
#if canImport(Glibc)
import Glibc
#endif

/// `podium bench log --store URL` and the PostgreSQL part of `podium bench all`
/// (PODIUM_BENCH_POSTGRES): on the server URL names, in one run,
/// - durable append p50/p99 for 1, 8 and 100 writer processes, beside the anchor: a bare
///   autocommit `INSERT` (= INSERT …; COMMIT) of the same bytes from the same number of processes;
/// - replay of N records (1,000,000 by default) into the fold, beside a bare SELECT of the rows;
/// - append → a reader following the primary (LISTEN/NOTIFY), p50/p99; and the same for a
///   standby when `standby` is given (pg-replica's row: `PostgresBench.followRow`).
///
/// It makes scratch databases `podium_bench_<pid>_<what>` through URL (which needs CREATEDB)
/// and drops them at the end.
struct PostgresBench {
    var url: PostgresURL
    var binary: String
    var appendsPerWriterTotal = 2000
    var writerCounts = [1, 8, 100]
    var records = 1_000_000
    var followSamples = 300
    /// The judges' row: judge processes (0: left out) and sheets each.
    var sheetJudges = 8
    var sheetsPerJudge = 150
    /// A standby of `url`'s server to follow, for the standby row (nil: that row is left out).
    var standby: PostgresURL?
    /// The floor table (`--only floor`): writer processes and rounds (nil: left out).
    var floor: (writers: Int, rounds: Int)?

    static let appendShareTarget = 1.5
    static let replayTargetMillis = 2000.0

    /// Each writer process holds a connection, and a row's venue, reader and the admin session
    /// need a few more: said before any row is run (`bench all` asks first, before its other
    /// sections), not when the largest row fails to connect.
    func checkConnections(_ admin: PostgresAnchor? = nil) throws {
        let admin = try admin ?? PostgresAnchor(url: url)
        if let most = (writerCounts + [floor?.writers ?? 0]).max(), most > 0, let room = admin.freeConnections, room.free < most + 3 {
            throw CLIError("\(url.display): the \(most)-writer row needs \(most + 3) connections, the server has \(room.free) free (max_connections \(room.max)); start it with a higher max_connections (e.g. -c max_connections=\(most * 2 + 100))")
        }
    }

    func figures() throws -> [BenchFigure] {
        let admin = try PostgresAnchor(url: url)
        // Child processes get the password from the environment, never on their command line.
        if let pw = url.password { setenv("PGPASSWORD", pw, 1) }
        var made: [String] = []
        func scratch(_ what: String) throws -> PostgresURL {
            let name = "podium_bench_\(getpid())_\(what)"
            try admin.recreateDatabase(name)
            made.append(name)
            var u = url
            u.database = name
            return u
        }
        defer { for name in made { admin.dropDatabase(name) } }
        let server = admin.serverVersion
        try checkConnections(admin)
        print("podium bench log --store \(url.display) — PostgreSQL \(server), synchronous_commit on, load average \(loadAverage())")
        print(String(repeating: "-", count: 100))
        var figures: [BenchFigure] = []
        let body = 40
        for writers in writerCounts {
            let each = max(20, appendsPerWriterTotal / writers)
            let bareURL = try scratch("bare\(writers)")
            try PostgresAnchor(url: bareURL).createBareTable()
            let bare = try runPostgresWorkers(bareURL, processes: writers, count: each, bodyBytes: body, extra: ["--pg-bare"])
            // Before and after in the same run: a venue without `podium_combine_durable` (as before: the
            // writer chains each record itself and must have seen the head, so a writer that
            // lost the race reads and tries again), and one where the server places the batch
            // (what `podium init` makes now). Both commit asynchronously under the lock and
            // flush after it. The writers' batches are decided on nothing the log holds.
            var runs: [(latencies: [UInt64], seconds: Double)] = []
            for placement in [false, true] {
                let venueURL = try scratch("log\(writers)\(placement ? "" : "head")")
                try PostgresStoreKind().create(venueURL.asString, genesis: FileHeader(createdMicros: Int64(Date().timeIntervalSince1970 * 1e6)),
                                               asyncCommit: true, placement: placement)
                runs.append(try runPostgresWorkers(venueURL, processes: writers, count: each, bodyBytes: body))
                let report = try PostgresStoreKind().verify(venueURL.asString)
                guard report.ok, report.records == UInt64(writers * (each + 1)) else { throw CLIError("the benchmark venue does not verify (\(report.records) records)") }
            }
            let before = runs[0], durable = runs[1]
            let bs = Stats(bare.latencies), ss = Stats(before.latencies), ds = Stats(durable.latencies)
            func rate(_ r: (latencies: [UInt64], seconds: Double)) -> Double { Double(r.latencies.count) / r.seconds }
            print(String(format: "%3d writer%@  bare INSERT;COMMIT p50 %8.0f µs p99 %8.0f µs %6.0f/s | writer-chained, head-checked (before) p50 %8.0f µs p99 %8.0f µs %6.0f/s | p99 %@",
                         writers, writers == 1 ? " " : "s", Double(bs.p50) / 1000, Double(bs.p99) / 1000, rate(bare),
                         Double(ss.p50) / 1000, Double(ss.p99) / 1000, rate(before), ratio(Double(ss.p99), Double(bs.p99))))
            print(String(format: "%@ durable append (placed by the server, waiting writers combined) p50 %8.0f µs p99 %8.0f µs %6.0f/s | p99 %@",
                         String(repeating: " ", count: 55), Double(ds.p50) / 1000, Double(ds.p99) / 1000, rate(durable),
                         ratio(Double(ds.p99), Double(bs.p99))))
            let who = "PostgreSQL durable append, \(writers) writer\(writers == 1 ? "" : "s")"
            let anchorWhat = "bare INSERT;COMMIT"
            figures += [
                BenchFigure(bench: "postgres", what: "\(who), writer-chained, head-checked (before), p99", value: Double(ss.p99) / 1000, unit: .micros,
                            anchor: Double(bs.p99) / 1000, anchorWhat: anchorWhat,
                            note: String(format: "p50 %.0f µs; %.0f/s", Double(ss.p50) / 1000, rate(before))),
                BenchFigure(bench: "postgres", what: "\(who), p50", value: Double(ds.p50) / 1000, unit: .micros,
                            anchor: Double(bs.p50) / 1000, anchorWhat: anchorWhat,
                            note: "\(durable.latencies.count) appends of a \(body)-byte body from \(writers) process(es): "
                                + String(format: "log %.0f/s, bare %.0f/s", rate(durable), rate(bare))),
                BenchFigure(bench: "postgres", what: "\(who), p99", value: Double(ds.p99) / 1000, unit: .micros,
                            anchor: Double(bs.p99) / 1000, anchorWhat: anchorWhat, target: .belowShareOfAnchor(Self.appendShareTarget)),
            ]
        }
        if let floor {
            figures += try floorFigures(writers: floor.writers, each: max(20, appendsPerWriterTotal / floor.writers), rounds: floor.rounds,
                                        scratch: scratch)
        }
        if sheetJudges > 0 { figures += try sheetsFigures(judges: sheetJudges, each: sheetsPerJudge, scratch: scratch) }
        if records > 0 { figures += try replay(try scratch("replay")) }
        if followSamples > 0 {
            let venue = try scratch("follow")
            try PostgresStoreKind().create(venue.asString, genesis: FileHeader(createdMicros: Int64(Date().timeIntervalSince1970 * 1e6)))
            figures.append(try Self.followRow(writeTo: venue, follow: venue, label: "primary", samples: followSamples))
            if var standby {
                standby.database = venue.database
                // The standby replays the scratch database's creation from the primary's WAL.
                figures.append(try Self.followRow(writeTo: venue, follow: standby, label: "standby", samples: followSamples,
                                                  target: 250))
            }
        }
        return figures
    }

    /// Replay: the whole venue opened and folded (`Venue(directory: URL)`), median of 3, beside
    /// a bare SELECT of the same rows with nothing decoded.
    func replay(_ venueURL: PostgresURL) throws -> [BenchFigure] {
        var def = CompetitionDefinition(competition: CompetitionInfo(id: "bench", name: LocalizedText("bench"),
                                                                     timezone: "Asia/Shanghai", closing: Date(timeIntervalSince1970: 1_750_000_000)))
        def.delegations = [Delegation(id: "D", name: LocalizedText("D"))]
        let created = try Venue.create(directory: venueURL.asString, definition: def)
        let store = try PostgresStoreKind().openStore(venueURL.asString) { _ in }
        var written = Int(created.state.lastSeq)
        var n = 0
        let t0 = Date()
        while written < records {
            let k = min(10_000, records - written)
            try store.append(actor: "staff:bench", timeMicros: nil) { _ in
                (0..<k).map { _ -> RawEntry in
                    n += 1
                    let e: Event = (n % 2 == 1)
                        ? .announcementPosted(Announcement(id: "A\(n / 2 + 1)", text: "第\(n)条公告 notice", priority: .normal))
                        : .announcementWithdrawn(id: "A\(n / 2)")
                    return e.entry
                }
            }
            written += k
        }
        print(String(format: "replay: wrote %d records in %.1f s", records, Date().timeIntervalSince(t0)))
        let anchor = try PostgresAnchor(url: venueURL)
        var bareTimes: [Double] = [], foldTimes: [Double] = []
        for _ in 0..<3 {
            let tb = DispatchTime.now().uptimeNanoseconds
            let rows = try anchor.selectAllEvents()
            bareTimes.append(Double(DispatchTime.now().uptimeNanoseconds - tb) / 1e9)
            guard rows == records else { throw CLIError("the bare read saw \(rows) rows") }
            let tf = DispatchTime.now().uptimeNanoseconds
            let venue = try Venue(directory: venueURL.asString)
            foldTimes.append(Double(DispatchTime.now().uptimeNanoseconds - tf) / 1e9)
            guard venue.state.lastSeq == UInt64(records) else { throw CLIError("replay saw \(venue.state.lastSeq) records") }
        }
        let bare = bareTimes.sorted()[1], fold = foldTimes.sorted()[1]
        print(String(format: "replay %d records: bare SELECT of the rows %.3f s; open + fold %.3f s (%.0f records/s), %@ of the SELECT",
                     records, bare, fold, Double(records) / fold, ratio(fold, bare)))
        let target = Self.replayTargetMillis * Double(records) / 1e6
        return [BenchFigure(bench: "postgres", what: "PostgreSQL replay \(records) records into the fold", value: fold * 1000, unit: .millis,
                            anchor: bare * 1000, anchorWhat: "bare SELECT of the rows", target: .below(target),
                            note: "median of 3; target 2 s per 1M records")]
    }

    /// Append → a follower: the writer (this process) appends one record at a time carrying
    /// its send time; a reader on `follow` (its own connections, its own thread, waiting on its
    /// change descriptor as a board does) notes when each arrives.
    static func followRow(writeTo: PostgresURL, follow: PostgresURL, label: String, samples: Int,
                          target: Double? = nil) throws -> BenchFigure {
        let store = try PostgresStoreKind().openStore(writeTo.asString) { _ in }
        // Records already in the venue (another row's samples, when the standby row follows the
        // primary's) are read first and are not samples: their times are from before this row.
        let already = store.lastSeq
        // Used on the follower's thread only, once started.
        nonisolated(unsafe) let reader = try PostgresEventReader(url: follow)
        let box = LatencyBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            do {
                try reader.followLive { r in
                    guard r.seq > already else { return true }
                    let now = DispatchTime.now().uptimeNanoseconds
                    let sent = r.body.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    return box.add(now - sent) < samples
                }
            } catch { box.fail("\(error)") }
        }
        thread.start()
        for _ in 0..<samples {
            usleep(20_000) // one at a time: a board's latency, not a queue's
            try store.append(actor: "staff:bench", timeMicros: nil) { _ in
                var t = DispatchTime.now().uptimeNanoseconds
                return [RawEntry(type: 999, body: withUnsafeBytes(of: &t) { Array($0) } + [UInt8](repeating: 0x2E, count: 32))]
            }
        }
        guard done.wait(timeout: .now() + 120) == .success else { throw CLIError("the \(label) follower did not see every append") }
        if let failure = box.failure { throw CLIError("the \(label) follower failed: \(failure)") }
        let s = Stats(box.samples)
        let how = reader.isListening ? "LISTEN/NOTIFY" : "polling every \(reader.pollMillis) ms"
        print(String(format: "append → reader on the %@ (%@): p50 %.1f ms, p99 %.1f ms (%d appends)", label, how,
                     Double(s.p50) / 1e6, Double(s.p99) / 1e6, samples))
        return BenchFigure(bench: "postgres", what: "PostgreSQL append → board on the \(label), p99", value: Double(s.p99) / 1e6,
                           unit: .millis, target: target.map { .below($0) },
                           note: String(format: "p50 %.1f ms; %d appends; %@", Double(s.p50) / 1e6, samples, how))
    }

    /// Runs `podium bench worker URL` processes, all starting together.
    func runPostgresWorkers(_ target: PostgresURL, processes: Int, count: Int, bodyBytes: Int, extra: [String] = []) throws -> (latencies: [UInt64], seconds: Double) {
        // Every worker connects first, then waits for the same moment, so N processes really
        // append at once (starting 100 processes on a small machine takes seconds).
        let startAt = Date().addingTimeInterval(2 + Double(processes) * 0.05).timeIntervalSince1970
        let spawned = Date().timeIntervalSince1970
        // Each worker makes one untimed append first, the anchor's as well: a connection's first
        // statements plan and compile (PL/pgSQL) what its later ones reuse. A console opens its
        // connection once and appends for hours; with 100 writers of 20 appends each, the first
        // ones were 5 % of the samples and decided the p99 (docs/performance.md).
        let run = try runWorkers(binary: binary, log: target.asString, processes: processes, count: count, bodyBytes: bodyBytes,
                                 plain: false, extra: ["--start-at", String(startAt), "--warm-up"] + extra)
        return (run.latencies, run.seconds - (startAt - spawned))
    }

    /// The anchor's writer: the same bytes a record takes, one autocommit INSERT each.
    static func bareWorker(url: PostgresURL, tag: String, count: Int, bodyBytes: Int, printLatency: Bool, startAt: Double?,
                           warmUp: Bool = false) throws {
        let s = try PostgresAnchor(url: url)
        let chain = [UInt8](repeating: 7, count: 32)
        if warmUp { try s.insertBare(actor: "bench:" + tag, body: BenchWorker.body(tag: tag, i: count, size: bodyBytes), chain: chain) }
        if let startAt { waitUntil(startAt) }
        for i in 0..<count {
            let body = BenchWorker.body(tag: tag, i: i, size: bodyBytes)
            let t0 = DispatchTime.now().uptimeNanoseconds
            try s.insertBare(actor: "bench:" + tag, body: body, chain: chain)
            if printLatency { emitLine(String(DispatchTime.now().uptimeNanoseconds - t0)) }
        }
    }

    static func waitUntil(_ t: Double) {
        let wait = t - Date().timeIntervalSince1970
        if wait > 0 { usleep(useconds_t(min(wait, 60) * 1e6)) }
    }
}

/// Latencies gathered on the follower's thread.
final class LatencyBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var samples: [UInt64] = []
    private(set) var failure: String?
    func add(_ ns: UInt64) -> Int { lock.lock(); defer { lock.unlock() }; samples.append(ns); return samples.count }
    func fail(_ s: String) { lock.lock(); failure = s; lock.unlock() }
}

extension PostgresURL {
    /// The URL as text without its password (the bench puts that in PGPASSWORD).
    var asString: String {
        let user = self.user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? self.user
        return "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }
}
