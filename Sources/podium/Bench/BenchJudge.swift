import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI

/// The figures of `podium bench judge`, as values (for `podium bench all`). Times in nanoseconds.
struct JudgeBenchFigures: Sendable {
    /// A key on the marking sheet to the redrawn canvas (handle + render + diff against the
    /// previous frame), with the other judges submitting.
    var keypressP50: UInt64, keypressP99: UInt64
    /// Anchor: the same keys with nobody else writing.
    var keypressIdleP50: UInt64, keypressIdleP99: UInt64
    /// A sheet submitted through Decide to durable (the command decided against the caught-up
    /// state, appended, fdatasync'd, folded back), with the other judges submitting.
    var submitP50: UInt64, submitP99: UInt64
    /// Anchor: the same events appended raw (lock, catch-up, write, fdatasync), interleaved.
    var rawAppendP50: UInt64, rawAppendP99: UInt64
    /// A record appended by another judge to this console's redrawn canvas (logChanged + render).
    var logToScreenP50: UInt64, logToScreenP99: UInt64
    var otherJudges: Int
    var otherSheets: Int
    var keypresses: Int
    var submissions: Int
    var loadAverage: String
    /// The console's start (venue opened, state folded, first canvas drawn) on a venue of
    /// `startEvents` records, median of 3; anchor: the same start the way it was before issue 12
    /// (the venue's replay, then a second reader decoding every record into the console's state).
    var startMedian: UInt64 = 0, startBeforeMedian: UInt64 = 0
    var startEvents = 0

    /// The same figures as `BenchFigure` values (milliseconds), for a table of every bench.
    var figures: [BenchFigure] {
        let ms = { (ns: UInt64) in Double(ns) / 1e6 }
        let note = "\(otherJudges) other judges, \(otherSheets) sheets of 6 marks meanwhile; load average \(loadAverage)"
        return [
            BenchFigure(bench: "judge", what: "console start, \(startEvents) records, to first canvas", value: ms(startMedian), unit: .millis,
                        anchor: ms(startBeforeMedian), anchorWhat: "second replay, decoding all", target: .below(150),
                        note: "median of 3: open the venue, fold, draw 120×40"),
            BenchFigure(bench: "judge", what: "keypress → redrawn 120×40 canvas, p50", value: ms(keypressP50), unit: .millis,
                        anchor: ms(keypressIdleP50), anchorWhat: "idle"),
            BenchFigure(bench: "judge", what: "keypress → redrawn 120×40 canvas, p99", value: ms(keypressP99), unit: .millis,
                        anchor: ms(keypressIdleP99), anchorWhat: "idle", target: .below(10), note: "\(keypresses) keys; " + note),
            BenchFigure(bench: "judge", what: "another judge's record → redrawn canvas, p50", value: ms(logToScreenP50), unit: .millis),
            BenchFigure(bench: "judge", what: "another judge's record → redrawn canvas, p99", value: ms(logToScreenP99), unit: .millis),
            BenchFigure(bench: "judge", what: "sheet submitted → durable, p50", value: ms(submitP50), unit: .millis,
                        anchor: ms(rawAppendP50), anchorWhat: "raw append"),
            BenchFigure(bench: "judge", what: "sheet submitted → durable, p99", value: ms(submitP99), unit: .millis,
                        anchor: ms(rawAppendP99), anchorWhat: "raw append", target: .below(5), note: "\(submissions) sheets; " + note),
        ]
    }
}

/// The bench venue: one skill, module A of 6 judgement aspects and 2 measurement aspects,
/// 30 competitors, judge J00 (measured) and J01...J20 (the other consoles), none of the
/// competitors' delegation.
private func benchJudgeDefinition(judges: Int) -> CompetitionDefinition {
    var def = benchCompetition(id: "bench", name: LocalizedText(zh: "裁判台基准", en: "Judge bench"))
    def.skills = [benchSkill("S01", LocalizedText(zh: "工业机器人", en: "Industrial Robots"), module: LocalizedText("编程"))]
    def.competitors = (1...30).map { Competitor(id: String(format: "C%02d", $0), name: "选手\($0)号", delegation: "JD", skill: "S01") }
    def.judges = (0...judges).map { Judge(id: String(format: "J%02d", $0), name: "裁判\($0)", delegation: "XX", skills: ["S01"]) }
    return def
}

/// A bench venue's frame: one site, the competitors' delegation JD and the judges' XX.
func benchCompetition(id: String, name: LocalizedText) -> CompetitionDefinition {
    var def = CompetitionDefinition(competition: CompetitionInfo(id: id, name: name, timezone: "Asia/Shanghai",
                                                                 closing: Date().addingTimeInterval(86_400)))
    def.sites = [Site(id: "main", name: LocalizedText("主赛区"))]
    def.delegations = [Delegation(id: "JD", name: LocalizedText("嘉定区")), Delegation(id: "XX", name: LocalizedText("裁判"))]
    return def
}

/// A bench skill: one final round, module A of six judgement aspects (A1–A6, max 10: the ones
/// the bench's sheets mark) and two measurement aspects (A7–A8, max 20).
func benchSkill(_ id: String, _ name: LocalizedText, module: LocalizedText) -> Skill {
    let aspects = (1...6).map { Aspect(id: "A\($0)", type: .J, max: Fixed2(10), text: "评价项 \($0)") }
        + (7...8).map { Aspect(id: "A\($0)", type: .M, max: Fixed2(20), text: "测量项 \($0)") }
    return Skill(id: id, name: name, origin: .worldskills, kind: .official, rounds: [Round(id: "final", name: LocalizedText("决赛"))],
                 modules: [Module(id: "A", name: module, aspects: aspects)])
}

/// One judge's sheet of the six judgement aspects for a competitor, as a correction (so it can
/// be submitted again and again).
private func benchSheet(_ competitor: String, score: Int) -> Command {
    .submitMarks(skill: "S01", round: "final",
                 marks: (1...6).map { MarkInput(competitor: competitor, aspect: "A\($0)", value: .judgement(score)) }, reason: "bench")
}

/// The judge console's start on a venue of `events` records (mostly marks of 21 judges, 30
/// competitors and 8 aspects, a few announcements): the time from opening the venue to the first
/// canvas, median of 3, beside the start as it was (a second full replay, decoding every record).
func benchJudgeStart(dir: String, events: Int) throws -> (median: UInt64, before: UInt64) {
    let venueDir = dir + "/judge-start-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: venueDir) }
    let venue = try Venue.create(directory: venueDir, definition: benchJudgeDefinition(judges: 20))
    let writer = try LogWriter(path: venue.logPath)
    var n = Int(venue.state.lastSeq)
    while n < events {
        let k = min(10_000, events - n)
        try writer.append(actor: "judge:J01") { _ in
            (0..<k).map { i -> RawEntry in
                let j = n + i
                if j % 500 == 0 { return Event.announcementPosted(Announcement(id: "N\(j)", text: "第\(j)条公告", priority: .normal)).entry }
                return Event.markEntered(MarkEntry(skill: "S01", round: "final", competitor: String(format: "C%02d", j % 30 + 1),
                                                   aspect: "A\(j / 30 % 6 + 1)", judge: String(format: "J%02d", j / 180 % 21),
                                                   value: .judgement(j % 4))).entry
            }
        }
        n += k
    }
    let options = JudgeOptions(lang: .zh)
    let me = Actor(.judge, "J00")
    var after: [UInt64] = [], before: [UInt64] = []
    for _ in 0..<3 {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let session = try JudgeSession(backend: try VenueJudgeBackend(directory: venueDir), options: options, actor: me)
        _ = session.render(width: 120, height: 40, now: Date())
        after.append(DispatchTime.now().uptimeNanoseconds - t0)
        guard session.model.state.lastSeq == UInt64(events) else { throw CLIError("bench judge: the console started at seq \(session.model.state.lastSeq)") }
        let t1 = DispatchTime.now().uptimeNanoseconds
        _ = try Venue(directory: venueDir)
        var state = VenueState()
        try LogReader(path: venue.logPath).readNew { state.apply(try EventRecord($0)) }
        _ = JudgeScreen.render(JudgeModel(state: state, options: options, actor: me), width: 120, height: 40, now: Date())
        before.append(DispatchTime.now().uptimeNanoseconds - t1)
    }
    return (after.sorted()[1], before.sorted()[1])
}

/// Runs the judge console benchmark in `dir`; see docs/performance.md.
func benchJudge(binary: String, dir: String, others: Int = 20, keypresses: Int = 2000, submissions: Int = 400,
                intervalMillis: Int = 100, startEvents: Int = 200_000) throws -> JudgeBenchFigures {
    let start = try benchJudgeStart(dir: dir, events: startEvents)
    let venueDir = dir + "/judge-venue-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: venueDir) }
    let venue = try Venue.create(directory: venueDir, definition: benchJudgeDefinition(judges: others))
    let me = Actor(.judge, "J00")
    let backend = try VenueJudgeBackend(directory: venueDir)
    let session = try JudgeSession(backend: backend, options: JudgeOptions(lang: .zh), actor: me)
    let (width, height) = (120, 40)
    for k in [Key.enter, .enter, .enter] { _ = session.handle(k, now: Date()) } // round → module A → C01's sheet
    guard case .sheet = session.model.page else { throw CLIError("bench judge: the sheet did not open") }
    var previous = session.render(width: width, height: height, now: Date())
    // Keys a judge types on a sheet, none of which submits: a score, a correction of it, moves.
    let cycle: [Key] = [.char("2"), .backspace, .char("3"), .backspace, .down, .char("1"), .backspace, .up, .tab, .backTab]

    func timeKeys(_ n: Int) -> [UInt64] {
        (0..<n).map { i in
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = session.handle(cycle[i % cycle.count], now: Date())
            let canvas = session.render(width: width, height: height, now: Date())
            _ = canvas.diff(from: previous)
            previous = canvas
            return DispatchTime.now().uptimeNanoseconds - t0
        }
    }
    let idle = timeKeys(keypresses)

    // The other judges: each a `podium bench judge-worker` process submitting a sheet every
    // interval until the stop file appears.
    let stop = venueDir + "/stop"
    let workers: [(Process, Pipe)] = try (1...others).map { i in
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["bench", "judge-worker", venueDir, "--judge", String(format: "J%02d", i), "--interval-ms", String(intervalMillis),
                       "--stop-file", stop]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        return (p, out)
    }
    var stopped = false
    func stopWorkers() throws -> Int {
        guard !stopped else { return 0 }
        stopped = true
        FileManager.default.createFile(atPath: stop, contents: nil)
        var sheets = 0
        for (p, out) in workers {
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw CLIError("a judge worker failed (status \(p.terminationStatus))") }
            sheets += Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        return sheets
    }
    defer { _ = try? stopWorkers() }
    // Wait until every worker has submitted once.
    var watched = VenueState()
    let watcher = try LogReader(path: venue.logPath)
    let deadline = Date().addingTimeInterval(30)
    func judgesIn() -> Int { watched.rounds[RoundKey(skill: "S01", round: "final")]?.sheets.reduce(into: Set<String>()) { $0.formUnion($1.value.judgements["A1"]?.keys ?? [:].keys) }.count ?? 0 }
    while judgesIn() < others, Date() < deadline {
        usleep(20_000)
        try watcher.readNew { watched.apply(try EventRecord($0)) }
    }
    guard judgesIn() >= others else { throw CLIError("bench judge: not every judge worker started within 30 s") }

    // Under load: keys (folding others' records as the runner does between keys), the log
    // change to screen, and submissions beside raw appends of the same events.
    var loaded: [UInt64] = [], logToScreen: [UInt64] = []
    for i in 0..<keypresses {
        let t0 = DispatchTime.now().uptimeNanoseconds
        if try session.logChanged() {
            let canvas = session.render(width: width, height: height, now: Date())
            _ = canvas.diff(from: previous)
            previous = canvas
            logToScreen.append(DispatchTime.now().uptimeNanoseconds - t0)
        }
        loaded += timeKeys(1)
        if i % 50 == 49 { usleep(1000) }
    }
    let writer = try LogWriter(path: venue.logPath)
    var submit: [UInt64] = [], raw: [UInt64] = []
    for i in 0..<submissions {
        let command = benchSheet(String(format: "C%02d", i % 30 + 1), score: i % 4)
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = try backend.execute(command, as: me, now: Date())
        submit.append(DispatchTime.now().uptimeNanoseconds - t0)
        let events = try Decide.decide(command, on: venue.state, by: me, now: Date())
        let t1 = DispatchTime.now().uptimeNanoseconds
        try writer.append(actor: me.logName) { _ in events.map(\.entry) }
        raw.append(DispatchTime.now().uptimeNanoseconds - t1)
        _ = try backend.readNew()
    }
    let sheets = try stopWorkers()
    let load = loadAverage()
    guard try LogVerifier.verify(path: venue.logPath).ok else { throw CLIError("the bench log does not verify") }
    let (k, ki, s, r, l) = (Stats(loaded), Stats(idle), Stats(submit), Stats(raw), Stats(logToScreen))
    return JudgeBenchFigures(keypressP50: k.p50, keypressP99: k.p99, keypressIdleP50: ki.p50, keypressIdleP99: ki.p99,
                             submitP50: s.p50, submitP99: s.p99, rawAppendP50: r.p50, rawAppendP99: r.p99,
                             logToScreenP50: l.p50, logToScreenP99: l.p99, otherJudges: others, otherSheets: sheets,
                             keypresses: keypresses, submissions: submissions, loadAverage: load,
                             startMedian: start.median, startBeforeMedian: start.before, startEvents: startEvents)
}

struct BenchJudge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judge",
        abstract: "Judge console: keypress to redrawn screen and submit to durable (p50/p99) with 20 other judge processes submitting, beside their anchors."
    )

    @Option(help: "Directory on the file system to measure (default: ./.bench-work).") var dir: String = ".bench-work"
    @Option(help: "Other judge processes submitting meanwhile.") var others: Int = 20
    @Option(help: "Keypresses timed (idle, then under load).") var keypresses: Int = 2000
    @Option(help: "Sheets submitted by the measured console.") var submissions: Int = 400
    @Option(name: .customLong("interval-ms"), help: "Each other judge submits a sheet this often.") var intervalMillis: Int = 100
    @Flag(help: "Only the console's start on a 200,000-record venue (e.g. to profile it).") var onlyStart = false

    func validate() throws {
        guard others >= 1, keypresses >= 10, submissions >= 10, intervalMillis >= 0 else {
            throw ValidationError("--others ≥ 1, --keypresses ≥ 10, --submissions ≥ 10, --interval-ms ≥ 0")
        }
    }

    func run() throws {
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if onlyStart {
            let start = try benchJudgeStart(dir: dir, events: 200_000)
            print(String(format: "judge console start, 200000 records, to first canvas: %.1f ms (median of 3); as before (second replay): %.1f ms; load average %@",
                         Double(start.median) / 1e6, Double(start.before) / 1e6, loadAverage()))
            return
        }
        let f = try benchJudge(binary: executablePath(), dir: dir, others: others, keypresses: keypresses,
                               submissions: submissions, intervalMillis: intervalMillis)
        print("podium bench judge — \(dir), \(f.otherJudges) other judges each submitting a 6-mark sheet every \(intervalMillis) ms "
              + "(\(f.otherSheets) sheets in all), load average \(f.loadAverage)")
        printFigureTable(f.figures)
    }
}

/// One of the other judges of `podium bench judge`: submits a sheet every interval, round the
/// competitors, until the stop file appears; prints how many it submitted.
struct BenchJudgeWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "judge-worker", abstract: "A judge submitting sheets (a helper of bench judge).",
                                                    shouldDisplay: false)
    @Argument var directory: String
    @Option var judge: String
    @Option(name: .customLong("interval-ms")) var intervalMillis: Int = 100
    @Option(name: .customLong("stop-file")) var stopFile: String

    func run() throws {
        let venue = try Venue(directory: directory)
        let me = Actor(.judge, judge)
        var n = 0
        while !FileManager.default.fileExists(atPath: stopFile) {
            try venue.execute(benchSheet(String(format: "C%02d", n % 30 + 1), score: (n + (Int(judge.dropFirst()) ?? 0)) & 3), as: me)
            n += 1
            if intervalMillis > 0 { usleep(useconds_t(intervalMillis * 1000)) }
        }
        print(n)
    }
}
