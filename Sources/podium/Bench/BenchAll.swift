import ArgumentParser
import Foundation
import PodiumPostgres

/// `podium bench all`: every figure of the suite from one run, in one table, each beside its
/// anchor as a ratio and its target. It runs the benches themselves (their own output is
/// printed as they go), not copies of them:
/// - `bench log` (append): durable append with 1, 8 and 32 writer processes, beside plain
///   `write` + `fdatasync` of the same bytes, beside SQLite inserting the same records
///   (WAL, `synchronous=FULL`, one transaction each) and beside a format 1 log (before group commit);
/// - `bench log` (replay): a log replayed into the fold, beside a sequential read;
/// - `bench results`: one mark's incremental update (p50/p99) at WorldSkills scale, the
///   replay into full results, peak memory;
/// - `bench render`: compose (p50/p99 at 80×24 and 240×67), one-score repaint bytes beside a
///   full repaint, append-to-screen latency, idle CPU of a real board;
/// - `bench judge`: the console's start on a 200,000-record venue, keypress to redrawn screen
///   and sheet submitted to durable, 20 other judges submitting.
/// Each bench's figures are stamped with the 1-minute load average when it ends.
struct BenchAll: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Every figure of the suite in one table from one run: log, replay, results, render, judge (see docs/performance.md)."
    )

    enum Part: String, CaseIterable, Sendable { case append, replay, results, render, judge }

    /// How much each bench does. The quick sizes keep the run to a few minutes on a shared
    /// 2-core machine; `--full` takes the issues' sizes for the log and results.
    struct Sizes: Sendable, Equatable {
        var appends = 2000            // per writer process
        var replayRecords = 200_000
        var resultsMarks = 200_000
        var updateSamples = 10_000
        var renderSamples = 600
        var renderAppends = 40
        var idleSeconds = 10.0
        var judgeOthers = 20
        var judgeKeypresses = 2000
        var judgeSubmissions = 400

        static let quick = Sizes()
        static let full = Sizes(replayRecords: 1_000_000, resultsMarks: 1_000_000)
    }

    @Option(help: "Directory on the file system to measure (default: ./.bench-work).")
    var dir: String = ".bench-work"
    @Flag(help: "The issues' sizes: replay of 1M records and a results log of 1M marks (several minutes more).")
    var full = false
    @Option(help: "Run only these parts (repeat): append, replay, results, render, judge.")
    var only: [String] = []
    @Option(help: "Seed of the generated competitions.")
    var seed: UInt64 = 2025

    func validate() throws {
        for part in only where Part(rawValue: part) == nil {
            throw ValidationError("--only \(part): not a part (\(Part.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    func run() throws {
        let sizes = full ? Sizes.full : Sizes.quick
        let parts = only.isEmpty ? Set(Part.allCases) : Set(only.compactMap(Part.init(rawValue:)))
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // The PostgreSQL section runs last: a server it cannot use is said now, not after the rest.
        if let server = ProcessInfo.processInfo.environment["PODIUM_BENCH_POSTGRES"], !server.isEmpty, only.isEmpty {
            try PostgresBench(url: try PostgresURL(server), binary: executablePath()).checkConnections()
        }
        let started = Date()
        let binary = executablePath()
        print("podium bench all — \(Self.timestamp(started)), load average \(loadAverage()) (1, 5, 15 min), "
              + (full ? "full sizes" : "quick sizes (--full for the issues' sizes)") + ", in \(dir)")
        var figures: [BenchFigure] = []
        func part(_ p: Part, _ body: () throws -> [BenchFigure]) throws {
            guard parts.contains(p) else { return }
            print("\n== \(p.rawValue) (load average \(loadAverage()))")
            let t0 = Date()
            var got = try body()
            let load = loadAverage().split(separator: " ").first.map(String.init) ?? "?"
            for i in got.indices { got[i].load = load }
            print(String(format: "== %@: %.0f s", p.rawValue, Date().timeIntervalSince(t0)))
            figures += got
        }
        try part(.append) {
            try BenchLog.parse(["--dir", dir, "--appends", String(sizes.appends), "--only", "append"]).figures()
        }
        try part(.replay) {
            try BenchLog.parse(["--dir", dir, "--records", String(sizes.replayRecords), "--only", "replay"]).figures()
        }
        try part(.results) {
            try BenchResults.parse(["--dir", dir, "--marks", String(sizes.resultsMarks), "--samples", String(sizes.updateSamples),
                                    "--seed", String(seed)]).figures()
        }
        try part(.render) {
            var options = RenderBench.Options()
            options.dir = dir
            options.samples = sizes.renderSamples
            options.appends = sizes.renderAppends
            options.idleSeconds = sizes.idleSeconds
            options.seed = seed
            options.binary = binary
            return try RenderBench.figures(options) { print($0) }
        }
        try part(.judge) {
            try benchJudge(binary: binary, dir: dir, others: sizes.judgeOthers, keypresses: sizes.judgeKeypresses,
                           submissions: sizes.judgeSubmissions, intervalMillis: 100).figures
        }
        // PODIUM_BENCH_POSTGRES names a server (and PODIUM_BENCH_POSTGRES_STANDBY a standby of it).
        let env = ProcessInfo.processInfo.environment
        if let server = env["PODIUM_BENCH_POSTGRES"], !server.isEmpty, only.isEmpty {
            print("\n== postgres (load average \(loadAverage()))")
            var args = ["--store", server, "--appends", String(sizes.appends), "--records", String(sizes.replayRecords)]
            if let standby = env["PODIUM_BENCH_POSTGRES_STANDBY"], !standby.isEmpty { args += ["--standby", standby] }
            var got = try BenchLog.parse(args).figures()
            let load = loadAverage().split(separator: " ").first.map(String.init) ?? "?"
            for i in got.indices { got[i].load = load }
            figures += got
        }
        print("\n== podium bench all: every figure in one table (\(Self.timestamp(Date())))\n")
        printFigureTable(figures)
        print("")
        print(Self.summary(figures))
        print(String(format: "load average %@ at the end (1, 5, 15 min); the whole run took %.0f s", loadAverage(),
                     Date().timeIntervalSince(started)))
    }

    /// "N of M targets met", and which were missed.
    static func summary(_ figures: [BenchFigure]) -> String {
        let judged = figures.filter { $0.met != nil }
        let missed = judged.filter { $0.met == false }
        return "\(judged.count - missed.count) of \(judged.count) targets met"
            + (missed.isEmpty ? "" : "; missed: " + missed.map(\.what).joined(separator: ", "))
    }

    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: date)
    }
}
