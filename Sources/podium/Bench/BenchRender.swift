import ArgumentParser
import Foundation
import PodiumCore
import PodiumTerminal
import PodiumUI
#if canImport(Glibc)
import Glibc
#endif

/// `podium bench render`: the big screen's costs, each beside its anchor or target.
///
/// The scene is the demo competition (`DemoCompetition`, moved to this week as `podium demo`
/// does) marked by the rehearsal feed until results are published, written to a real venue
/// log. Then:
/// 1. **compose**: `BoardScreen.render` of every page of the rotation into a canvas at 80×24
///    and 240×67 (p50, p99), beside the floor of putting the same frame's text into a canvas
///    row by row;
/// 2. **bytes**: the real board (`BoardController` on the venue's log, through
///    `TerminalRunner` and ncurses) in a pseudo-terminal with its clock frozen, on the page of
///    a published skill; the bytes read from the pty master for a full repaint (SIGCONT)
///    beside those for one correction mark that changes one published score;
/// 3. **latency**: a real `podium board` in a pseudo-terminal while this process appends
///    announcements to the log: from the append's return to the announcement's text in the
///    bytes read from the master (p50, p99);
/// 4. **idle**: CPU (utime + stime from /proc/PID/stat) of a real `podium board` over N
///    seconds with nothing appended, with the ticker still and with it scrolling.
///
/// `RenderBench.figures` returns every figure as a value (`BenchFigure`).
struct BenchRender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "The board: compose time, bytes of a one-score change beside a full repaint, append-to-screen latency, idle CPU (real boards in pseudo-terminals)."
    )

    @Option(help: "Directory for the bench's venue (default: ./.bench-work).")
    var dir: String = ".bench-work"
    @Option(help: "Renders per size for the compose time.")
    var samples: Int = 600
    @Option(help: "Announcements appended for the latency.")
    var appends: Int = 40
    @Option(name: .customLong("idle-seconds"), help: "Seconds of idle CPU measured per case.")
    var idleSeconds: Double = 10
    @Option(help: "Run only these parts (repeat): compose, bytes, latency, idle.")
    var only: [String] = []
    @Option(help: "Seed of the rehearsal feed.")
    var seed: UInt64 = 2025
    @Flag(help: "Keep the venue directory afterwards.")
    var keep = false

    func validate() throws {
        for part in only where RenderBench.Part(rawValue: part) == nil {
            throw ValidationError("--only \(part): not a part (compose, bytes, latency, idle)")
        }
        guard samples > 0, appends > 0 else { throw ValidationError("--samples and --appends must be at least 1") }
        guard idleSeconds.isFinite, idleSeconds >= 1 else { throw ValidationError("--idle-seconds must be at least 1") }
    }

    func run() throws {
        var options = RenderBench.Options()
        options.dir = dir
        options.samples = samples
        options.appends = appends
        options.idleSeconds = idleSeconds
        options.seed = seed
        options.keep = keep
        if !only.isEmpty { options.parts = Set(only.compactMap(RenderBench.Part.init(rawValue:))) }
        print("podium bench render — load average \(loadAverage()) (1, 5, 15 min)")
        let figures = try RenderBench.figures(options) { print($0) }
        print("")
        printFigureTable(figures)
        print("")
        print("load average \(loadAverage()) at the end")
    }
}

/// The pieces of `podium bench render`, each returning its figures as values.
enum RenderBench {
    enum Part: String, CaseIterable, Sendable { case compose, bytes, latency, idle }

    struct Options: Sendable {
        var dir = ".bench-work"
        var samples = 600
        var appends = 40
        var idleSeconds = 10.0
        var seed: UInt64 = 2025
        var keep = false
        var parts = Set(Part.allCases)
        /// The podium binary to run the boards (this one).
        var binary = executablePath()
    }

    static let sizes = [(width: 80, height: 24), (width: 240, height: 67)]
    static let composeTargetMillis = 2.0
    static let changeShareTarget = 0.05
    static let latencyTargetMillis = 100.0
    static let idleTargetPercent = 1.0
    static let staff = Actor(.staff, "bench")

    /// Runs the chosen parts on a fresh scene; `log` gets a line per step.
    static func figures(_ options: Options, log: (String) -> Void = { _ in }) throws -> [BenchFigure] {
        try? FileManager.default.createDirectory(atPath: options.dir, withIntermediateDirectories: true)
        let work = options.dir + "/render-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if !options.keep { try? FileManager.default.removeItem(atPath: work) } }
        let scene = try Scene.build(in: work + "/venue", seed: options.seed)
        log(scene.summary)
        var figures: [BenchFigure] = []
        if options.parts.contains(.compose) {
            log("compose: \(options.samples) renders per size…")
            figures += try compose(scene, samples: options.samples)
        }
        if options.parts.contains(.bytes) {
            // Under on-publish a published score cannot change in place (reopening a module
            // withdraws the publication), so the one-score change is a live standing: the same
            // competition under the `live` policy, where a judge's correction changes one score.
            let live = try Scene.build(in: work + "/venue-live", seed: options.seed, policy: .live)
            log(live.summary)
            for size in sizes {
                log("bytes: the board in a \(size.width)×\(size.height) pseudo-terminal…")
                figures += try changeBytes(live, binary: options.binary, width: size.width, height: size.height,
                                           statsPath: work + "/frames-\(size.width)x\(size.height)")
            }
        }
        if options.parts.contains(.latency) {
            log("latency: \(options.appends) announcements appended to a board's log…")
            figures += try appendLatency(scene, binary: options.binary, count: options.appends, seed: options.seed)
        }
        if options.parts.contains(.idle) {
            for scrolling in [false, true] {
                log("idle: \(Int(options.idleSeconds)) s of a board, ticker \(scrolling ? "scrolling" : "still")…")
                figures.append(try idleCPU(scene, binary: options.binary, seconds: options.idleSeconds, scrolling: scrolling))
            }
        }
        return figures
    }

    // MARK: The scene

    /// A venue of the demo competition with published results.
    struct Scene {
        let directory: String
        /// The round whose standings the bytes test changes: a round still being marked whose
        /// standings the board shows (under the `live` policy), on its skill's page.
        let changeRound: RoundKey?
        let summary: String

        /// The demo competition, moved so that today is its fourth day, marked by the rehearsal
        /// feed (in memory, through `Decide`, written in batches) until at least two rounds
        /// are published and one of them is a skill's final; then staff withdraw the feed's
        /// announcements, so the ticker holds the results news (and is still on 240 columns).
        static func build(in directory: String, seed: UInt64, policy: ResultsPolicy = .onPublish) throws -> Scene {
            let now = Date()
            var definition = DemoCompetition.definition(start: InitDemo.start(now: now))
            definition.competition.resultsPolicy = policy
            let venue = try Venue.create(directory: directory, definition: definition, actor: Actor(.system, "demo"))
            let writer = try LogWriter(path: Venue.logPath(directory))
            var generator = BenchResults.Generator(state: venue.state, writer: writer, clock: now)
            var feed = RehearsalFeed(seed: seed)
            func publishedFinal(_ state: VenueState) -> RoundKey? {
                state.roundKeys.first { key in
                    state.status(key) == .published && state.skills[key.skill]?.rounds.last?.id == key.round
                }
            }
            while feed.counts.publications < 2 || publishedFinal(generator.state) == nil {
                guard feed.counts.commands < 100_000, let (command, actor) = feed.next(state: generator.state, now: generator.clock) else {
                    throw CLIError("the rehearsal feed published no final round")
                }
                try generator.execute(command, as: actor)
            }
            for a in generator.state.announcements.items {
                try generator.execute(.withdrawAnnouncement(id: a.announcement.id), as: staff)
            }
            try generator.flush()
            guard feed.counts.refusals == 0 else { throw CLIError("the rehearsal feed proposed a refused command: \(feed.counts.lastRefusal ?? "")") }
            let state = generator.state
            let published = state.roundKeys.filter { state.status($0) == .published }
            let board = BoardModel(state: state, now: now)
            // A round being marked, shown on its skill's page, with a measurement to correct.
            let changeRound = policy == .onPublish ? nil : board.skills.compactMap { board.displayRound($0, now: now) }.first { key in
                state.status(key) == .marking && (try? correction(key, on: state)) != nil
            }
            let summary = "scene (results policy \(policy.rawValue)): the demo competition (\(state.skills.count) skills, \(state.competitors.count) competitors), "
                + "\(state.lastSeq) events from the rehearsal feed; published: \(published.map(\.description).joined(separator: ", "))"
                + (changeRound.map { "; the one-score change corrects a mark of \($0)" } ?? "")
            return Scene(directory: directory, changeRound: changeRound, summary: summary)
        }

        /// One correction that changes one score of a round still being marked: a judge of
        /// the skill corrects the first-ranked competitor's measurement (in a module not signed
        /// off) by 1.25, with a reason.
        static func correction(_ round: RoundKey, on state: VenueState) throws -> (Command, Actor) {
            guard let skill = state.skills[round.skill] else { throw CLIError("\(round): no such skill") }
            let locked = state.rounds[round]?.lockedModules ?? []
            for entry in state.standings(round).entries {
                guard let sheet = state.rounds[round]?.sheets[entry.competitor] else { continue }
                for module in skill.modules where !locked.contains(module.id) {
                    for aspect in module.aspects where aspect.type == .M {
                        guard let value = sheet.measurements[aspect.id] else { continue }
                        // 1.25 off, as a misread gauge would be (up when the mark is below that).
                        let changed = Fixed2(hundredths: value.hundredths >= 125 ? value.hundredths - 125 : value.hundredths + 125)
                        let mark = Command.submitMarks(skill: round.skill, round: round.round, marks: [
                            MarkInput(competitor: entry.competitor, aspect: aspect.id, value: .measurement(changed)),
                        ], reason: "录入错误，更正为实际测量值")
                        for judge in state.judges.items where judge.skills.contains(round.skill) {
                            let actor = Actor(judge.chief ? .chief : .judge, judge.id)
                            if (try? Decide.decide(mark, on: state, by: actor, now: Date())) != nil { return (mark, actor) }
                        }
                    }
                }
            }
            throw CLIError("\(round): no measurement a judge may correct")
        }
    }

    /// The board's model folded from the venue's log, as `BoardController` folds it.
    static func boardModel(_ directory: String, now: Date, page: BoardPage = .countdown) throws -> (BoardModel, LogReader) {
        let reader = try LogReader(path: Venue.logPath(directory))
        var model = BoardModel(state: VenueState(), now: now, options: BoardOptions(lang: .zh), page: page)
        try reader.readNew { raw in model.apply(try EventRecord(raw)) }
        return (model, reader)
    }

    static func environment() -> [String: String] {
        var env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        for key in ["PATH", "HOME", "TMPDIR", "PODIUM_THEMES"] {
            if let value = ProcessInfo.processInfo.environment[key] { env[key] = value }
        }
        return env
    }

    static func millis(_ nanos: UInt64) -> Double { Double(nanos) / 1e6 }

    /// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID): what a render costs, without
    /// the time other processes had the core.
    static func threadCPUNanos() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    // MARK: 1. Compose

    static func compose(_ scene: Scene, samples: Int) throws -> [BenchFigure] {
        let now = Date()
        let (model, _) = try boardModel(scene.directory, now: now)
        let theme = try ThemeLocator.load(nil)
        let pages = model.pages
        var figures: [BenchFigure] = []
        for size in sizes {
            var times: [UInt64] = [], cpu: [UInt64] = [], floor: [UInt64] = []
            var byPage: [BoardPage: [UInt64]] = [:]
            var cells = 0
            for i in 0..<samples {
                var m = model
                m.page = pages[i % pages.count]
                let t0 = PseudoTerminal.nanos(), c0 = threadCPUNanos()
                let canvas = BoardScreen.render(m, theme: theme, width: size.width, height: size.height, now: now)
                let dt = PseudoTerminal.nanos() - t0
                cpu.append(threadCPUNanos() - c0)
                times.append(dt)
                byPage[m.page, default: []].append(dt)
                // The floor: the same frame's text put into a fresh canvas row by row.
                let lines = canvas.lines()
                let f0 = PseudoTerminal.nanos()
                var plain = Canvas(width: size.width, height: size.height)
                for (y, line) in lines.enumerated() { plain.put(line, x: 0, y: y) }
                floor.append(PseudoTerminal.nanos() - f0)
                cells += plain.width == canvas.width ? 1 : 0
            }
            guard cells == samples else { throw CLIError("compose: canvas of the wrong size") }
            let s = Stats(times), fs = Stats(floor), cs = Stats(cpu)
            let slowest = byPage.max { Stats($0.value).p50 < Stats($1.value).p50 }!
            let slowestName: String
            switch slowest.key {
            case .countdown: slowestName = "countdown"
            case .schedule: slowestName = "schedule"
            case .medals: slowestName = "medal tables"
            case let .skill(id): slowestName = "skill \(id)"
            }
            let name = "\(size.width)×\(size.height)"
            let target: BenchFigure.Target? = .below(composeTargetMillis)
            figures.append(BenchFigure(bench: "render", what: "compose \(name), p50", value: millis(s.p50), unit: .millis,
                                       anchor: millis(fs.p50), anchorWhat: "text put row by row", target: target,
                                       note: "\(samples) renders over the \(pages.count) pages of the rotation; slowest page: \(slowestName), p50 \(String(format: "%.3f", millis(Stats(slowest.value).p50))) ms"))
            figures.append(BenchFigure(bench: "render", what: "compose \(name), p99", value: millis(s.p99), unit: .millis,
                                       anchor: millis(fs.p99), anchorWhat: "text put row by row", target: target))
            // On a shared machine the wall-clock p99 is mostly time the thread was not running.
            figures.append(BenchFigure(bench: "render", what: "compose \(name), p99 of thread CPU time", value: millis(cs.p99), unit: .millis,
                                       target: target, note: String(format: "p50 %.3f ms; wall-clock p99 minus this is preemption by other processes", millis(cs.p50))))
        }
        return figures
    }

    // MARK: 2. Bytes of a one-score change

    /// The real board in a pty, clock frozen, on the published round's skill page: bytes for a
    /// full repaint (SIGCONT: ncurses clears and repaints everything) and for one correction.
    static func changeBytes(_ scene: Scene, binary: String, width: Int, height: Int, statsPath: String) throws -> [BenchFigure] {
        let venue = try Venue(directory: scene.directory)
        let at = Date()
        let micros = Int64((at.timeIntervalSince1970 * 1e6).rounded())
        let frozen = Date(timeIntervalSince1970: Double(micros) / 1e6)
        guard let round = scene.changeRound else { throw CLIError("bytes: the scene has no round being marked to change") }
        let page = BoardPage.skill(round.skill)
        var (model, reader) = try boardModel(scene.directory, now: frozen, page: page)
        let theme = try ThemeLocator.load(nil)

        let pty = try PseudoTerminal([binary, "bench", "render-board", scene.directory, "--skill", round.skill,
                                      "--at-micros", String(micros), "--stats", statsPath],
                                     environment: environment(), width: width, height: height)
        defer { pty.stop() }
        let firstPaint = pty.drain(quietMillis: 500, limitSeconds: 30)
        guard firstPaint > 0 else { throw CLIError("bytes: the board wrote nothing to its terminal") }
        pty.signal(SIGCONT)
        let full = pty.drain(quietMillis: 500, limitSeconds: 30)

        let before = BoardScreen.render(model, theme: theme, width: width, height: height, now: frozen)
        let (command, actor) = try Scene.correction(round, on: venue.state)
        guard try venue.execute(command, as: actor) != nil else { throw CLIError("bytes: the correction appended nothing") }
        let changeBytes = pty.drain(quietMillis: 500, limitSeconds: 30)
        try reader.readNew { raw in model.apply(try EventRecord(raw)) }
        let after = BoardScreen.render(model, theme: theme, width: width, height: height, now: frozen)
        let canvasCells = after.diff(from: before).reduce(0) { $0 + $1.width }

        pty.write("q")
        _ = pty.waitForExit(seconds: 5)
        // The board's own figures per frame: cells, and bytes from /proc/thread-self/io.
        let frames = (try? String(contentsOfFile: statsPath, encoding: .utf8))?.split(separator: "\n")
            .map { $0.split(separator: " ").compactMap { Int($0) } } ?? []
        guard frames.count == 3, frames.allSatisfy({ $0.count >= 3 }) else {
            throw CLIError("bytes: the board recorded \(frames.count) frame(s), expected 3 (first paint, repaint, change)")
        }
        let repaint = frames[1], changed = frames[2]
        let boardCells = changed[1], boardBytes = changed[2]
        let name = "\(width)×\(height)"
        return [
            BenchFigure(bench: "render", what: "one-score change, bytes to the terminal, \(name)", value: Double(changeBytes), unit: .bytes,
                        anchor: Double(full), anchorWhat: "full repaint", target: .belowShareOfAnchor(changeShareTarget),
                        note: "read from the pty master; the board's own count (write accounting): change \(boardBytes) B, repaint \(repaint[2]) B; first paint with terminal set-up \(firstPaint) B"),
            BenchFigure(bench: "render", what: "one-score change, cells changed, \(name)", value: Double(boardCells), unit: .cells,
                        anchor: Double(width * height), anchorWhat: "every cell",
                        note: "the same change diffed in this process: \(canvasCells) cells"),
        ]
    }

    // MARK: 3. Append-to-screen latency

    /// Eight capital letters, no two neighbours alike and none where the previous token had the
    /// same letter, so ncurses has to write every one of them (it skips only unchanged cells).
    static func token(_ rng: inout SplitMix64, unlike previous: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        while out.count < 8 {
            let c = UInt8(0x41 + rng.below(26))
            if out.last == c { continue }
            if previous.count > out.count, previous[out.count] == c { continue }
            out.append(c)
        }
        return out
    }

    static func appendLatency(_ scene: Scene, binary: String, count: Int, seed: UInt64) throws -> [BenchFigure] {
        let venue = try Venue(directory: scene.directory)
        let (width, height) = (240, 67)
        let pty = try PseudoTerminal([binary, "board", scene.directory, "--lang", "zh"], environment: environment(),
                                     width: width, height: height)
        defer { pty.stop() }
        guard pty.drain(quietMillis: 300, limitSeconds: 30) > 0 else { throw CLIError("latency: the board wrote nothing to its terminal") }
        var rng = SplitMix64(seed: seed ^ 0x7A7E)
        var latencies: [UInt64] = []
        var previous: [UInt8] = []
        var missed = 0
        for _ in 0..<count {
            let word = token(&rng, unlike: previous)
            previous = word
            // A random phase against the board's clock second and ticker steps.
            pty.read(forSeconds: 0.05 + rng.unit() * 0.5)
            let text = "请观众注意：" + String(decoding: word, as: UTF8.self) + " 号展台互动即将开始"
            guard try venue.execute(.announce(text: text, priority: .normal, until: nil), as: staff) != nil else {
                throw CLIError("latency: the announcement appended nothing")
            }
            let t0 = PseudoTerminal.nanos()
            if let hit = pty.waitFor(word, timeoutSeconds: 3) { latencies.append(hit.at - t0) } else { missed += 1 }
            if case let .announcementPosted(a)? = venue.lastAppended.first?.event {
                try venue.execute(.withdrawAnnouncement(id: a.id), as: staff)
            }
            pty.drain(quietMillis: 150, limitSeconds: 3)
        }
        guard !latencies.isEmpty else { throw CLIError("latency: no announcement appeared on the board within 3 s") }
        let s = Stats(latencies)
        let note = "\(latencies.count) announcements, real `podium board` \(width)×\(height) following the log (inotify)"
            + (missed > 0 ? "; \(missed) never seen within 3 s (not counted)" : "")
        return [
            BenchFigure(bench: "render", what: "append to screen, p50", value: millis(s.p50), unit: .millis,
                        target: .below(latencyTargetMillis), note: note),
            BenchFigure(bench: "render", what: "append to screen, p99", value: millis(s.p99), unit: .millis,
                        target: .below(latencyTargetMillis)),
        ]
    }

    // MARK: 4. Idle CPU

    static func idleCPU(_ scene: Scene, binary: String, seconds: Double, scrolling: Bool) throws -> BenchFigure {
        let venue = try Venue(directory: scene.directory)
        let (width, height) = (240, 67)
        var posted: [String] = []
        defer { for id in posted { _ = try? venue.execute(.withdrawAnnouncement(id: id), as: staff) } }
        if scrolling {
            for text in ["下午15:00在主赛区举行技能展示互动活动，欢迎观众到1号馆A区参与体验，现场有专家讲解",
                         "请各代表队领队于16:30前到组委会办公室领取明日赛程与入场证件",
                         "世博展览馆分赛区今日开放至17:30，观众请从2号门入场，注意保管随身物品"] {
                try venue.execute(.announce(text: text, priority: .normal, until: nil), as: staff)
                if case let .announcementPosted(a)? = venue.lastAppended.first?.event { posted.append(a.id) }
            }
        }
        let (model, _) = try boardModel(scene.directory, now: Date())
        let scrolls = BoardScreen.tickerScrolls(model, width: width, now: Date())
        let pty = try PseudoTerminal([binary, "board", scene.directory, "--lang", "zh"], environment: environment(),
                                     width: width, height: height)
        defer { pty.stop() }
        pty.read(forSeconds: 2)  // the first paint and a page's first seconds
        guard let t0 = pty.cpuTicks() else { throw CLIError("idle: cannot read /proc/\(pty.pid)/stat") }
        let bytes0 = pty.bytesRead, w0 = PseudoTerminal.nanos()
        pty.read(forSeconds: seconds)
        guard let t1 = pty.cpuTicks() else { throw CLIError("idle: cannot read /proc/\(pty.pid)/stat") }
        let wall = Double(PseudoTerminal.nanos() - w0) / 1e9
        let cpu = Double(t1 - t0) / Double(ProcessCPU.ticksPerSecond)
        let rate = Double(pty.bytesRead - bytes0) / wall
        return BenchFigure(bench: "render", what: "idle CPU, board \(width)×\(height), ticker \(scrolls ? "scrolling" : "still")",
                           value: cpu / wall * 100, unit: .percent, target: .below(idleTargetPercent),
                           note: String(format: "%.2f s of CPU in %.1f s (utime+stime, %d ticks/s); %.0f B/s to the terminal",
                                        cpu, wall, ProcessCPU.ticksPerSecond, rate))
    }
}

/// A screen whose clock stands still: every frame is drawn at `now`, and it never asks for a
/// frame by itself, so the only frames are the first, repaints and log changes.
final class FrozenClockScreen: TerminalScreen {
    let inner: TerminalScreen
    let now: Date
    init(_ inner: TerminalScreen, now: Date) { self.inner = inner; self.now = now }
    var theme: Theme { inner.theme }
    func render(width: Int, height: Int, now _: Date) -> Canvas { inner.render(width: width, height: height, now: now) }
    func handle(_ key: Key, now _: Date) -> ScreenAction { inner.handle(key, now: now) }
    func logChanged() throws -> Bool { try inner.logChanged() }
    func nextDeadline(after _: Date) -> Date? { nil }
}

/// The board of the bytes test: `BoardController` on a venue, clock frozen, on one skill's
/// page; writes a line per frame (`frame cells bytes millis`) to --stats.
struct BenchRenderBoard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-board",
        abstract: "A board with its clock frozen, recording each frame (a helper of `podium bench render`).",
        shouldDisplay: false
    )

    @Argument var directory: String
    @Option var skill: String
    @Option(name: .customLong("at-micros")) var atMicros: Int64
    @Option var stats: String

    func run() throws {
        let now = Date(timeIntervalSince1970: Double(atMicros) / 1e6)
        let controller = try BoardController(directory: directory, options: BoardOptions(lang: .zh, pageSeconds: 3600),
                                             theme: try ThemeLocator.load(nil), now: now, page: .skill(skill))
        guard controller.model.pages.contains(.skill(skill)) else { throw CLIError("--skill \(skill): the board has no page for it") }
        guard FileManager.default.createFile(atPath: stats, contents: nil), let out = FileHandle(forWritingAtPath: stats) else {
            throw CLIError("\(stats): cannot create")
        }
        let runner = TerminalRunner(screen: FrozenClockScreen(controller, now: now),
                                    options: RunOptions(changeDescriptor: controller.changeDescriptor, programName: "podium bench render-board"))
        // Written after each frame's doupdate(), outside the bytes it counts.
        runner.onFrame = { s in
            out.write(Data("\(s.frames) \(s.cellsChanged) \(s.bytesWritten) \(String(format: "%.3f", s.frameMillis))\n".utf8))
        }
        do { try runner.run() } catch let e as TerminalError { throw CLIError(e.said) }
    }
}
