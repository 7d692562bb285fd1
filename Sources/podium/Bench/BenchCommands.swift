import ArgumentParser
import Foundation
import PodiumCore
import PodiumPostgres

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "The performance suite: each figure beside its anchor, from one run (see docs/performance.md).",
        subcommands: [
            BenchAll.self,
            BenchLog.self,
            BenchResults.self,
            BenchWorker.self,
            BenchJudge.self,
            BenchJudgeWorker.self,
            BenchRender.self,
            BenchRenderBoard.self,
            BenchStaff.self,
            BenchConsole.self,
            BenchReplay.self,
            BenchSoak.self,
            BenchSoakJudge.self,
            BenchSoakFollow.self,
        ]
    )
}

/// Appends numbered records to a bare log: the writer process of the log benchmark and of the
/// multi-process tests. Each body is "TAG:I:" padded to --body-bytes (5,000 bytes every --big-every).
struct BenchWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Append numbered records to a bare log (a helper of the benchmarks and tests).",
        shouldDisplay: false
    )

    @Argument var log: String
    @Option var tag: String
    @Option var count: Int
    @Option var bodyBytes: Int = 64
    @Option var bigEvery: Int = 0
    @Flag var printAcks = false
    @Flag(help: "Print each append's latency in nanoseconds.") var printLatency = false
    @Flag(help: "The anchor: plain O_APPEND write + fdatasync of the same frame bytes, no log.") var plain = false
    @Flag(help: "Catch up by reading every record others appended (as commands do) instead of skimming them (a measurement of the skim).") var readRecords = false
    @Flag(help: "With --plain: overwrite this process's own region of the file, written with zeros and synced first (a sync with no size change), instead of appending.") var overwrite = false
    @Flag(help: "The other anchor: the same records inserted into SQLite (WAL, synchronous=FULL), one transaction each.") var sqlite = false
    @Option(help: "Create the bare log first in this format version if it does not exist (for strace runs by hand).") var create: UInt32?
    @Flag(help: "The PostgreSQL anchor: LOG is a URL; a bare autocommit INSERT of the same bytes into its table `bare`.") var pgBare = false
    @Option(help: "Wait until this moment (seconds since 1970) after connecting, so many writers start together.") var startAt: Double?
    @Option(help: "The PostgreSQL judges' row: LOG is a URL; submit sheets through Venue.execute as judge J<K> of skill S<K>.") var judge: Int?
    @Flag(help: "Before --start-at, one append that is not timed (the connection's first statements plan and compile what later ones reuse: a start cost, not an append's).") var warmUp = false

    /// "TAG:I:" padded with dots to `size` bytes.
    static func body(tag: String, i: Int, size: Int) -> [UInt8] {
        var body = Array("\(tag):\(i):".utf8)
        if body.count < size { body += [UInt8](repeating: 0x2E, count: size - body.count) }
        return body
    }

    @Option(help: "Open loop: the appends a second all --writers processes offer together; each latency runs from the append's intended time.") var rate: Double?
    @Option(help: "Open loop: how many writer processes share --rate.") var writers: Int = 1
    @Option(help: "Open loop: this process's place among --writers (its phase in the schedule).") var writerIndex: Int = 0

    func validate() throws {
        if let rate, !(rate > 0) { throw ValidationError("--rate \(rate): must be a positive number of appends a second") }
        guard writers > 0, (0..<writers).contains(writerIndex) else {
            throw ValidationError("--writer-index \(writerIndex): must be below --writers \(writers)")
        }
    }

    func run() throws {
        if let judge {
            return try PostgresBench.sheetsWorker(url: PostgresURL(log), judge: judge, count: count, startAt: startAt, warmUp: warmUp)
        }
        if pgBare {
            return try PostgresBench.bareWorker(url: PostgresURL(log), tag: tag, count: count, bodyBytes: bodyBytes,
                                                printLatency: printLatency, startAt: startAt, warmUp: warmUp)
        }
        let one: (Int) throws -> Void
        if plain {
            one = try plainAppender()
        } else if sqlite {
            let db = try SQLiteAnchor(path: log)
            one = { i in try db.insert(time: Int64(Date().timeIntervalSince1970 * 1e6), actor: "bench:\(tag)", type: 999, body: body(i)) }
        } else {
            one = try logAppender()
        }
        try drive(one)
    }

    /// Record `i`'s body: `bodyBytes`, or 5,000 bytes every `bigEvery`.
    func body(_ i: Int) -> [UInt8] {
        Self.body(tag: tag, i: i, size: bigEvery > 0 && i % bigEvery == bigEvery - 1 ? 5000 : bodyBytes)
    }

    /// Runs `count` appends: closed loop (each as soon as the last returned, timed from its own
    /// start), or on a fixed schedule with --rate (timed from its intended start).
    func drive(_ one: (Int) throws -> Void) throws {
        if let rate {
            let wall = Date().timeIntervalSince1970, mono = DispatchTime.now().uptimeNanoseconds
            let origin = OpenLoopSchedule.origin(startAt: startAt ?? wall, wallNow: wall, monoNow: mono)
            let schedule = OpenLoopSchedule(originNanos: origin, totalRate: rate, writers: writers, writer: writerIndex)
            try runOnSchedule(schedule, count: count, append: one) { latency, lateness in
                if printLatency { emitLine("\(latency) \(lateness)") }
            }
            return
        }
        if warmUp { try one(count) } // record `count`: after the timed ones' numbers
        if let startAt { PostgresBench.waitUntil(startAt) }
        for i in 0..<count {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try one(i)
            let dt = DispatchTime.now().uptimeNanoseconds - t0
            if printLatency { emitLine(String(dt)) }
        }
    }

    func logAppender() throws -> (Int) throws -> Void {
        if let version = create, !StoreKinds.isURL(log) {
            do { try LogWriter.create(at: log, version: version) } catch LogError.alreadyExists {}
        }
        // LOG is a bare log file, or a postgresql:// venue (the log-contract tests run on both).
        let writer: EventStore = StoreKinds.isURL(log) ? try StoreKinds.kind(of: log).openStore(log) { _ in } : try LogWriter(path: log)
        let actor = "bench:\(tag)"
        // The worker's batch is decided on nothing the log holds: it skims what the others
        // appended (a file log's writer checks their frames and builds no records; a server
        // places the batch after them in one statement), unless asked to read every record.
        return { i in
            let entries = [RawEntry(type: 999, body: body(i))]
            let receipt = try readRecords
                ? writer.append(actor: actor, timeMicros: nil) { _ in entries }
                : writer.append(actor: actor, timeMicros: nil, entries: entries)
            if printAcks { emitLine("ack \(receipt!.first) \(tag):\(i)") }
        }
    }

    func plainAppender() throws -> (Int) throws -> Void {
        let fd = open(log, O_WRONLY | (overwrite ? 0 : O_APPEND) | O_CREAT, 0o644)
        guard fd >= 0 else { throw CLIError("\(log): cannot open") }
        // The same bytes a frame of this size takes: header, actor and body. (The descriptor
        // lives as long as the process: the worker exits when its appends are done.)
        let frame = [UInt8](repeating: 0x2E, count: LogFormat.frameHeaderSize + "bench:\(tag)".utf8.count + bodyBytes)
        guard overwrite else {
            return { _ in
                guard write(fd, frame, frame.count) == frame.count, fdatasync(fd) == 0 else { throw CLIError("\(log): write failed") }
            }
        }
        // What a pre-allocated log's sync would cost: this writer's region (by --writer-index),
        // written with zeros and synced before the start, then overwritten frame by frame.
        let region = off_t(writerIndex * count * frame.count)
        let zeros = [UInt8](repeating: 0, count: count * frame.count)
        guard pwrite(fd, zeros, zeros.count, region) == zeros.count, fdatasync(fd) == 0 else { throw CLIError("\(log): cannot pre-write its region") }
        return { i in
            guard pwrite(fd, frame, frame.count, region + off_t(i * frame.count)) == frame.count, fdatasync(fd) == 0 else {
                throw CLIError("\(log): write failed")
            }
        }
    }
}

/// Percentiles and rates from a list of nanosecond samples.
struct Stats {
    var sorted: [UInt64]
    init(_ samples: [UInt64]) { sorted = samples.sorted() }
    func percentile(_ p: Double) -> UInt64 {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
    var p50: UInt64 { percentile(0.50) }
    var p99: UInt64 { percentile(0.99) }
    var mean: UInt64 { sorted.isEmpty ? 0 : sorted.reduce(0, +) / UInt64(sorted.count) }
}

func micros(_ ns: UInt64) -> String { String(format: "%.1f µs", Double(ns) / 1000) }
func ratio(_ a: Double, _ b: Double) -> String { b == 0 ? "n/a" : String(format: "%.2f×", a / b) }

/// Runs `podium bench worker` processes together; returns every append's latency and the wall time.
/// Open-loop workers (`--rate`) print "LATENCY LATENESS": those come back in `openLoop`.
func runWorkers(binary: String, log: String, processes: Int, count: Int, bodyBytes: Int, plain: Bool, sqlite: Bool = false,
                extra: [String] = [], perWriterExtra: (Int) -> [String] = { _ in [] })
    throws -> (latencies: [UInt64], seconds: Double, openLoop: [(latency: UInt64, lateness: UInt64)]) {
    let start = DispatchTime.now().uptimeNanoseconds
    let procs: [(Process, Pipe)] = try (0..<processes).map { i in
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["bench", "worker", log, "--tag", "b\(i)", "--count", String(count),
                       "--body-bytes", String(bodyBytes), "--print-latency"] + (plain ? ["--plain"] : []) + (sqlite ? ["--sqlite"] : []) + extra
            + perWriterExtra(i)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        return (p, out)
    }
    var all: [UInt64] = []
    var open: [(latency: UInt64, lateness: UInt64)] = []
    for (p, out) in procs {
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CLIError("a benchmark writer failed (status \(p.terminationStatus))") }
        for line in text.split(separator: "\n") {
            if let l = UInt64(line) { all.append(l) } else if let o = parseOpenLoopLine(line) { open.append(o); all.append(o.latency) }
        }
    }
    return (all, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, open)
}

struct BenchLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Durable append latency (1, 8 and 32 writer processes) beside plain write+fdatasync and SQLite; replay of a 1M-record log beside a sequential read."
    )

    @Option(help: "Directory on the file system to measure (default: ./.bench-work).")
    var dir: String = ".bench-work"
    @Option(help: "Appends per writer process.")
    var appends: Int = 2000
    @Option(help: "Records in the replay log.")
    var records: Int = 1_000_000
    @Option(help: "Run only `append` or `replay` (with --store also `follow`: append → a board on the primary and on --standby; `sheets`: judges' sheets through the venue, 8 judges of 8 skills; and `floor`: where a placed append's cost over the bare insert comes from, step by step).")
    var only: String?
    @Option(help: "Writer process counts of the append bench, comma-separated.")
    var writers: String = "1,8,32"

    @Option(help: "Open-loop rows: total appends a second offered by all writers together, comma-separated (none: \"\").")
    var openRates: String = "200,1000"
    @Option(help: "Open-loop rows: seconds of schedule at each rate (appends = rate × seconds).")
    var openSeconds: Double = 8
    @Option(help: "Open-loop rows: windows those seconds are cut into, the kinds taking turns in each.")
    var openRounds: Int = 4

    var openRateList: [Double] { openRates.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 } }
    var writerCounts: [Int] { writers.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 } }
    @Option(help: "Measure a PostgreSQL server instead (postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE; needs CREATEDB for its scratch databases).")
    var store: String?
    @Option(help: "With --store: a hot standby of that server, for the append → board on the standby row.")
    var standby: String?
    @Option(help: "With --store --only floor: writer processes of the floor table.")
    var floorWriters: Int = 8
    @Option(help: "With --store --only floor: rounds of every step in turn (the table gives medians).")
    var floorRounds: Int = 3

    static let appendShareTarget = 1.5     // of plain write + fdatasync, at p99
    static let replayTargetMillisPerMillion = 1000.0

    func validate() throws {
        guard floorWriters > 0, floorRounds > 0 else { throw ValidationError("--floor-writers and --floor-rounds must be positive") }
        guard let only else { return }
        let known = store == nil ? ["append", "replay"] : ["append", "replay", "follow", "sheets", "floor"]
        guard known.contains(only) else {
            throw ValidationError("--only \(only): expected one of \(known.joined(separator: ", "))\(store == nil ? " (follow, sheets and floor need --store)" : "")")
        }
    }

    func run() throws { _ = try figures() }

    /// Runs the bench, printing its own table as it goes; returns its figures (for `bench all`).
    func figures() throws -> [BenchFigure] {
        let binary = CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
            : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
        if let store {
            var bench = PostgresBench(url: try PostgresURL(store), binary: binary)
            bench.appendsPerWriterTotal = appends
            bench.records = only == "append" || only == "follow" || only == "sheets" || only == "floor" ? 0 : records
            if only == "replay" { bench.writerCounts = []; bench.followSamples = 0 }
            if only == "follow" { bench.writerCounts = [] }
            if only == "sheets" { bench.writerCounts = []; bench.followSamples = 0 }
            if only != nil, only != "sheets" { bench.sheetJudges = 0 }
            if only == "floor" {
                bench.writerCounts = []
                bench.followSamples = 0
                bench.floor = (writers: floorWriters, rounds: floorRounds)
            }
            bench.standby = try standby.map { try PostgresURL($0) }
            let figures = try bench.figures()
            print("")
            printFigureTable(figures)
            return figures
        }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let work = dir + "/bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        // A typical mark event's body is ~40 bytes; the frame adds 72 and the actor ~10.
        let body = 40
        print("podium bench log — \(work), \(appends) appends per writer, body \(body) B")
        print(String(repeating: "-", count: 96))
        print("what".padding(toLength: 36, withPad: " ", startingAt: 0) + "p50".padding(toLength: 14, withPad: " ", startingAt: 0)
              + "p99".padding(toLength: 14, withPad: " ", startingAt: 0) + "appends/s".padding(toLength: 14, withPad: " ", startingAt: 0) + "p99 vs anchor")
        var figures: [BenchFigure] = []
        for writers in writerCounts where only != "replay" {
            // Beyond 8 writers, as many records in all as 8 writers append (a 32-writer row of
            // 2,000 each would take minutes of a shared machine for no other insight).
            let appends = writers > 8 ? max(1, self.appends * 8 / writers) : self.appends
            let plainLog = "\(work)/plain-\(writers).dat"
            FileManager.default.createFile(atPath: plainLog, contents: nil)
            let plain = try runWorkers(binary: binary, log: plainLog, processes: writers, count: appends, bodyBytes: body, plain: true)
            let sqlitePath = "\(work)/sqlite-\(writers).db"
            _ = try SQLiteAnchor(path: sqlitePath) // WAL mode and the table, before the writers start
            let lite = try runWorkers(binary: binary, log: sqlitePath, processes: writers, count: appends, bodyBytes: body, plain: false, sqlite: true)
            let liteActors = try SQLiteAnchor(path: sqlitePath).actorsInOrder()
            guard liteActors.count == writers * appends else { throw CLIError("the SQLite anchor lost rows") }
            // Before and after in the same run: a format 1 log syncs each append under the lock;
            // format 2 (what `podium init` makes now) shares syncs between writers (group commit).
            var durable: [(latencies: [UInt64], seconds: Double, openLoop: [(latency: UInt64, lateness: UInt64)])] = []
            var logActors: [[String]] = []
            for version in [UInt32(1), 2] {
                let log = "\(work)/durable-v\(version)-\(writers).log"
                try LogWriter.create(at: log, version: version)
                durable.append(try runWorkers(binary: binary, log: log, processes: writers, count: appends, bodyBytes: body, plain: false))
                guard try LogVerifier.verify(path: log).ok else { throw CLIError("the benchmark log (format \(version)) does not verify") }
                let records = try LogReader(path: log).records()
                guard records.count == writers * appends else { throw CLIError("the benchmark log (format \(version)) holds \(records.count) records, not \(writers * appends)") }
                logActors.append(records.map(\.actor))
            }
            let before = durable[0], after = durable[1]
            let ps = Stats(plain.latencies), ls = Stats(lite.latencies), bs = Stats(before.latencies), ds = Stats(after.latencies)
            let line = { (name: String, s: Stats, n: Int, secs: Double, vs: String) in
                print(name.padding(toLength: 36, withPad: " ", startingAt: 0)
                      + micros(s.p50).padding(toLength: 14, withPad: " ", startingAt: 0)
                      + micros(s.p99).padding(toLength: 14, withPad: " ", startingAt: 0)
                      + String(format: "%.0f", Double(n) / secs).padding(toLength: 14, withPad: " ", startingAt: 0) + vs)
            }
            let versus = { (s: Stats) in
                ratio(Double(s.p99), Double(ps.p99)) + " (p50 " + ratio(Double(s.p50), Double(ps.p50)) + ")"
                    + "; SQLite " + ratio(Double(s.p99), Double(ls.p99)) + " (p50 " + ratio(Double(s.p50), Double(ls.p50)) + ")"
            }
            line("plain write+fdatasync, \(writers) proc", ps, plain.latencies.count, plain.seconds, "(anchor)")
            line("SQLite insert (WAL, FULL), \(writers) proc", ls, lite.latencies.count, lite.seconds, "(anchor)")
            line("durable append v1 (before), \(writers) p", bs, before.latencies.count, before.seconds, versus(bs))
            line("durable append, \(writers) proc", ds, after.latencies.count, after.seconds, versus(ds))
            // Do the writers really overlap? How often the next record comes from another process
            // (1.0: strictly taking turns; near 0: one process ran many in a row while the others waited).
            if writers > 1 {
                print(String(format: "  interleaving (next record from another process): SQLite %.2f, log v1 %.2f, log %.2f", 
                             interleaving(liteActors), interleaving(logActors[0]), interleaving(logActors[1])))
            }
            print("  mean wait: plain \(micros(ps.mean)), SQLite \(micros(ls.mean)), log v1 \(micros(bs.mean)), log \(micros(ds.mean)); "
                  + "p99.9: SQLite \(micros(ls.percentile(0.999))), log \(micros(ds.percentile(0.999))); "
                  + "slowest: SQLite \(micros(ls.sorted.last ?? 0)), log v1 \(micros(bs.sorted.last ?? 0)), log \(micros(ds.sorted.last ?? 0))")
            let us = { (ns: UInt64) in Double(ns) / 1000 }
            let rate = { (n: Int, secs: Double) in Double(n) / secs }
            let rateText = { (n: Int, secs: Double) in String(format: "%.0f/s", rate(n, secs)) }
            let who = "durable append, \(writers) writer\(writers == 1 ? "" : "s")"
            let plainWhat = "write+fdatasync", liteWhat = "SQLite WAL, synchronous=FULL", beforeWhat = "format 1, a sync each"
            figures += [
                BenchFigure(bench: "log", what: "\(who), p50", value: us(ds.p50), unit: .micros, anchor: us(ps.p50), anchorWhat: plainWhat,
                            note: "\(after.latencies.count) appends of a \(body)-byte body from \(writers) process(es): "
                                + "log \(rateText(after.latencies.count, after.seconds)), log v1 \(rateText(before.latencies.count, before.seconds)), "
                                + "plain \(rateText(plain.latencies.count, plain.seconds)), SQLite \(rateText(lite.latencies.count, lite.seconds))"),
                BenchFigure(bench: "log", what: "\(who), p99", value: us(ds.p99), unit: .micros, anchor: us(ps.p99), anchorWhat: plainWhat,
                            target: .belowShareOfAnchor(Self.appendShareTarget)),
                BenchFigure(bench: "log", what: "\(who), p50 vs SQLite", value: us(ds.p50), unit: .micros, anchor: us(ls.p50), anchorWhat: liteWhat,
                            target: .belowShareOfAnchor(1)),
                BenchFigure(bench: "log", what: "\(who), p99 vs SQLite", value: us(ds.p99), unit: .micros, anchor: us(ls.p99), anchorWhat: liteWhat,
                            target: .belowShareOfAnchor(1)),
                BenchFigure(bench: "log", what: "\(who), appends/s vs SQLite", value: rate(after.latencies.count, after.seconds), unit: .perSecond,
                            anchor: rate(lite.latencies.count, lite.seconds), anchorWhat: liteWhat,
                            target: writers == 8 ? .atLeastShareOfAnchor(1) : nil),
                BenchFigure(bench: "log", what: "\(who), p50 vs before", value: us(ds.p50), unit: .micros, anchor: us(bs.p50), anchorWhat: beforeWhat),
                BenchFigure(bench: "log", what: "\(who), p99 vs before", value: us(ds.p99), unit: .micros, anchor: us(bs.p99), anchorWhat: beforeWhat),
                BenchFigure(bench: "log", what: "\(who), mean wait vs SQLite", value: us(ds.mean), unit: .micros, anchor: us(ls.mean), anchorWhat: liteWhat,
                            note: "every append's whole wait, summed: SQLite's busy-handler sleeps fall in its slowest 1 %"),
            ]
            figures += try openLoopFigures(binary: binary, work: work, writers: writers, body: body, capacity: [
                ("plain", rate(plain.latencies.count, plain.seconds)), ("SQLite", rate(lite.latencies.count, lite.seconds)),
                ("log v1", rate(before.latencies.count, before.seconds)), ("log", rate(after.latencies.count, after.seconds)),
            ])
        }
        if only != "append" { figures += try replay(work: work) }
        return figures
    }

    func replay(work: String) throws -> [BenchFigure] {
        let dirPath = "\(work)/venue"
        var def = CompetitionDefinition(competition: CompetitionInfo(id: "bench", name: LocalizedText("bench"),
                                                                     timezone: "Asia/Shanghai", closing: Date(timeIntervalSince1970: 1_750_000_000)))
        def.delegations = [Delegation(id: "D", name: LocalizedText("D"))]
        let created = try Venue.create(directory: dirPath, definition: def)
        let path = Venue.logPath(dirPath)
        let writer = try LogWriter(path: path)
        var written = Int(created.state.lastSeq)
        var n = 0
        while written < records {
            let k = min(10_000, records - written)
            try writer.append(actor: "staff:bench") { _ in
                (0..<k).map { i -> RawEntry in
                    n += 1
                    let e: Event = (n % 2 == 1)
                        ? .announcementPosted(Announcement(id: "A\(n / 2 + 1)", text: "第\(n)条公告 notice", priority: .normal))
                        : .announcementWithdrawn(id: "A\(n / 2)")
                    _ = i
                    return e.entry
                }
            }
            written += k
        }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        var plainTimes: [Double] = [], foldTimes: [Double] = [], scanTimes: [Double] = [], decodeTimes: [Double] = []
        for _ in 0..<3 {
            // The stages: frames only (CRCs, sequence), then decoding events, then the fold.
            let ts = DispatchTime.now().uptimeNanoseconds
            var frames = 0
            try LogReader(path: path).readNew { _ in frames += 1 }
            scanTimes.append(Double(DispatchTime.now().uptimeNanoseconds - ts) / 1e9)
            let td = DispatchTime.now().uptimeNanoseconds
            var decoded = 0
            try LogReader(path: path).readNew { raw in if case .announcementPosted = try EventRecord(raw).event { decoded += 1 } }
            decodeTimes.append(Double(DispatchTime.now().uptimeNanoseconds - td) / 1e9)
            guard frames == records, decoded > 0 else { throw CLIError("replay read \(frames) frames") }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let fd = open(path, O_RDONLY)
            var buf = [UInt8](repeating: 0, count: 1 << 20)
            var total = 0
            while true { let r = read(fd, &buf, buf.count); if r <= 0 { break }; total += r }
            close(fd)
            plainTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            let t1 = DispatchTime.now().uptimeNanoseconds
            let venue = try Venue(directory: dirPath)
            foldTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9)
            guard venue.state.lastSeq == UInt64(records) else { throw CLIError("replay saw \(venue.state.lastSeq) records") }
        }
        let plain = plainTimes.sorted()[1], fold = foldTimes.sorted()[1]
        let scan = scanTimes.sorted()[1], decode = decodeTimes.sorted()[1]
        let mb = Double(size) / 1e6
        print(String(repeating: "-", count: 96))
        print(String(format: "replay %d records (%.1f MB), median of 3", records, mb))
        print(String(format: "  sequential read (anchor)            %.3f s   %.0f MB/s", plain, mb / plain))
        print(String(format: "  frames only (scan, CRC32C, seq)     %.3f s   %.0f MB/s   %.0f records/s", scan, mb / scan, Double(records) / scan))
        print(String(format: "  frames + event decoding             %.3f s   %.0f MB/s   %.0f records/s", decode, mb / decode, Double(records) / decode))
        print(String(format: "  replay into the fold                %.3f s   %.0f MB/s   %.0f records/s   %@ of the read",
                     fold, mb / fold, Double(records) / fold, ratio(fold, plain)))
        let read = "sequential read"
        let target = Self.replayTargetMillisPerMillion * Double(records) / 1e6
        return [
            BenchFigure(bench: "log", what: "replay \(records) records into the fold", value: fold * 1000, unit: .millis,
                        anchor: plain * 1000, anchorWhat: read, target: .below(target),
                        note: String(format: "median of 3; %.1f MB, %.0f records/s; target 1 s per 1M records%@", mb, Double(records) / fold,
                                     records == 1_000_000 ? "" : String(format: ", scaled to %.0f ms", target))),
            BenchFigure(bench: "log", what: "  of which frames only (scan, CRC32C, seq)", value: scan * 1000, unit: .millis,
                        anchor: plain * 1000, anchorWhat: read),
            BenchFigure(bench: "log", what: "  of which frames + event decoding", value: decode * 1000, unit: .millis,
                        anchor: plain * 1000, anchorWhat: read),
        ]
    }
}

/// How often the next record comes from another process than the one before it, 0 to 1.
func interleaving(_ actors: [String]) -> Double {
    guard actors.count > 1 else { return 0 }
    return Double(zip(actors, actors.dropFirst()).filter { $0 != $1 }.count) / Double(actors.count - 1)
}

/// Writes a line straight to stdout (unbuffered: a killed worker has printed exactly what it acknowledged).
func emitLine(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }
