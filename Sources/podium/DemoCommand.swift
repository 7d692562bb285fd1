import ArgumentParser
import Foundation
import PodiumCore
import PodiumTerminal
import PodiumUI
#if canImport(Glibc)
import Glibc
#endif

/// `podium demo`: the board on the built-in competition, fed live by the rehearsal feed.
///
/// It makes a venue in a temporary directory from `DemoCompetition.definition(start:)`, with
/// the first competition day three days ago (so today is mid-competition and the closing
/// ceremony three days ahead), starts `podium simulate DIR --rate <5 × speed>` as a child
/// process, and opens the board on the venue. On the way out (q, a signal, an error) the child
/// is stopped and the directory removed.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The board on a built-in competition, with a live simulated feed (nothing to set up).",
        discussion: boardKeysHelp + " The venue lives in a temporary directory, removed on exit."
    )

    @Option(help: "A theme in themes/ (see `podium themes`).")
    var theme: String?

    @Option(help: "How fast the simulated competition goes: the feed runs 5 × X commands a second.")
    var speed: Double = 1

    @Option(name: .customLong("page-seconds"), help: "Seconds each page stays before the next one.")
    var pageSeconds: Double = 10

    @Flag(help: "Kiosk mode: ignore every key until `podium` then Enter is typed.")
    var kiosk = false

    /// Days of competition before today: the demo opens mid-week.
    static let daysBefore = 3

    func checkOptions() throws {
        guard speed.isFinite, speed > 0, speed <= 1000 else { throw UsageError("--speed must be more than 0 (and at most 1000)") }
        guard pageSeconds.isFinite, pageSeconds >= 1 else { throw UsageError("--page-seconds must be at least 1") }
    }

    /// Midnight in Asia/Shanghai (no daylight saving) of `now`'s day, `daysBefore` days ago.
    static func start(now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar.date(byAdding: .day, value: -daysBefore, to: calendar.startOfDay(for: now))!
    }

    func run() throws {
        try checkOptions()
        let options = BoardOptions(lang: RunLanguage.language, pageSeconds: pageSeconds, kiosk: kiosk)
        let chosenTheme = try ThemeLocator.load(theme)
        guard TerminalCheck.isTTY() else { throw CLIError("podium demo needs a terminal: standard input and output must not be redirected") }

        let dir = try Self.makeTemporaryDirectory()
        var feed: Process?
        let cleanup = {
            if let feed { Self.stop(feed) }
            try? FileManager.default.removeItem(atPath: dir)
        }
        do {
            try Venue.create(directory: dir, definition: DemoCompetition.definition(start: Self.start(now: Date())),
                             actor: Actor(.system, "demo"))
            feed = try Self.startFeed(dir: dir, rate: 5 * speed)
            let controller = try BoardController(directory: dir, options: options, theme: chosenTheme)
            try runBoard(controller, program: "podium demo", cleanup: cleanup)
        } catch {
            cleanup()
            throw error
        }
    }

    static func makeTemporaryDirectory() throws -> String {
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("podium-demo-XXXXXX")
        var template = Array(base.utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CLIError("cannot make a temporary directory: \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// `podium simulate DIR --rate R`, this same binary, its output in DIR/simulate.log.
    static func startFeed(dir: String, rate: Double) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executablePath())
        p.arguments = ["simulate", dir, "--rate", String(rate)]
        p.standardInput = FileHandle.nullDevice
        FileManager.default.createFile(atPath: dir + "/simulate.log", contents: nil)
        let log = FileHandle(forWritingAtPath: dir + "/simulate.log") ?? FileHandle.nullDevice
        p.standardOutput = log
        p.standardError = log
        try p.run()
        return p
    }

    /// SIGTERM (the feed stops between commands), then SIGKILL after two seconds.
    static func stop(_ p: Process) {
        guard p.isRunning else { return }
        p.terminate()
        for _ in 0..<200 where p.isRunning { usleep(10_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
    }
}
