import ArgumentParser
import Foundation
import PodiumCore
import PodiumTerminal
import PodiumUI
#if canImport(Glibc)
import Glibc
#endif

/// The board as a `TerminalScreen`: a `LogReader` following the venue's log and the
/// `BoardModel` folded from it. Everything it shows is `BoardScreen.render` of the model.
final class BoardController: TerminalScreen {
    let theme: Theme
    private(set) var model: BoardModel
    /// nil for a past view (`--at`): it follows nothing.
    private let reader: EventReader?
    /// The size of the last frame: the ticker only scrolls (and asks for frames) when its
    /// text is wider than the screen.
    private var size = (width: 0, height: 0)

    init(directory: String, options: BoardOptions, theme: Theme, now: Date = Date(), page: BoardPage = .countdown,
         at spec: AtSpec? = nil) throws {
        var model: BoardModel
        if let spec {
            // The board as it stood then: its clock stopped at that moment, nothing followed.
            let h = try history(directory)
            let moment = try PastVenue.resolve(spec, in: h)
            model = BoardModel(state: VenueState(), now: moment.time, options: options, page: page)
            try PastVenue.replay(h, through: moment) { raw in try model.apply(raw: raw) }
            model.past = moment
            reader = nil
        } else {
            let reader = try VenueStore.reader(directory)
            model = BoardModel(state: VenueState(), now: now, options: options, page: page)
            try reader.readNew { raw in try model.apply(raw: raw) }
            self.reader = reader
        }
        guard model.state.competition != nil else { throw CLIError("\(directory): the venue has no competition defined yet") }
        if let site = options.site, model.state.sites[site] == nil {
            let known = model.state.sites.items.map(\.id).joined(separator: ", ")
            throw CLIError("--site \(site): no such site (sites: \(known))")
        }
        self.model = model
        self.theme = theme
    }

    /// The inotify descriptor for `RunOptions.changeDescriptor` (nil: the runner polls).
    var changeDescriptor: Int32? { reader?.changeDescriptor() }

    /// Bumped whenever the model changes: the cached frame is only good for one generation.
    private var generation = 0
    /// The last frame without its ticker, for the frames between clock seconds in which only
    /// the ticker moves (three in four on a big screen): those redraw one row, not the screen.
    private var cached: (key: FrameKey, canvas: Canvas)?

    private struct FrameKey: Equatable {
        var width: Int, height: Int, second: Int64, generation: Int
    }

    func render(width: Int, height: Int, now: Date) -> Canvas {
        if (width, height) != size {
            model.fit(width: width, height: height)
            generation += 1
        }
        if let past = model.past {
            size = (width, height)
            return BoardScreen.render(model, theme: theme, width: width, height: height, now: past.time)
        }
        if model.advance(to: now) { generation += 1 }
        size = (width, height)
        let key = frameKey(width: width, height: height, now: now)
        var canvas: Canvas
        if let cached, cached.key == key {
            canvas = cached.canvas
        } else {
            canvas = BoardScreen.renderWithoutTicker(model, theme: theme, width: width, height: height, now: now)
            cached = (key, canvas)
        }
        BoardScreen.drawTicker(tickerItems(for: key, now: now), now: now, into: &canvas)
        return canvas
    }

    /// The ticker's items for a frame key. Like the rest of the frame they change with the
    /// model or the second, not with each step of the scroll, so the steps between two seconds
    /// (and the deadline checks between them) do not recompute them: that recomputation
    /// (recent results' standings, the day's session states) was most of a step's cost.
    private var tickerCache: (key: FrameKey, items: [TickerItem])?

    private func tickerItems(for key: FrameKey, now: Date) -> [TickerItem] {
        if let tickerCache, tickerCache.key == key { return tickerCache.items }
        let items = model.tickerItems(now: now)
        tickerCache = (key, items)
        return items
    }

    private func frameKey(width: Int, height: Int, now: Date) -> FrameKey {
        FrameKey(width: width, height: height, second: Int64(now.timeIntervalSince1970.rounded(.down)), generation: generation)
    }

    func handle(_ key: Key, now: Date) -> ScreenAction {
        let result = model.handle(key, now: model.past?.time ?? now)
        if result != .none { generation += 1 }
        switch result {
        case .none: return .none
        case .redraw: return .redraw
        case .quit: return .quit
        }
    }

    /// Folds new records. A store that cannot be reached keeps the board's last state and turns
    /// on the link-lost bar (`LinkStatus`); the next read that works folds what was missed and
    /// turns it off. Any other failure (a damaged log) still stops the board.
    func logChanged() throws -> Bool {
        guard let reader else { return false }
        var applied = 0
        let now = Date()
        do {
            try reader.readNew { raw in
                try model.apply(raw: raw)
                applied += 1
            }
        } catch where Link.isLost(error) {
            guard model.link.observe(reachable: false, at: now) else { return false }
            generation += 1
            return true
        }
        let changed = model.link.follow(reader.link) || applied > 0
        if changed { generation += 1 }
        return changed
    }

    func nextDeadline(after now: Date) -> Date? {
        if model.past != nil { return nil }  // a past view changes only on keys
        return BoardScreen.nextDeadline(model, width: size.width, height: size.height, after: now,
                                 tickerItems: tickerItems(for: frameKey(width: size.width, height: size.height, now: now), now: now))
    }
}

/// Where themes are found and how one is chosen.
enum ThemeLocator {
    /// `PODIUM_THEMES`, else `themes/` in the current directory, else `themes/` in the package
    /// the binary was built in (found by walking up from the executable to a directory that
    /// holds both `Package.swift` and `themes/`). When none exists the built-in theme is used.
    static func directory() -> String {
        let fm = FileManager.default
        let env = ProcessInfo.processInfo.environment
        if let d = env["PODIUM_THEMES"], !d.isEmpty { return d }
        let cwd = fm.currentDirectoryPath + "/themes"
        if isDirectory(cwd) { return cwd }
        var dir = URL(fileURLWithPath: executablePath()).deletingLastPathComponent()
        for _ in 0..<8 {
            let themes = dir.appendingPathComponent("themes").path
            if isDirectory(themes), fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return themes }
            let up = dir.deletingLastPathComponent()
            if up.path == dir.path { break }
            dir = up
        }
        return cwd
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The theme named on the command line; without a name, `mono` when NO_COLOR is set
    /// (https://no-color.org), else `default` (the built-in theme when those files are absent).
    static func load(_ name: String?) throws -> Theme {
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let dir = directory()
        do {
            if let name { return try Theme.named(name, in: dir) }
            let fallback = noColor ? "mono" : "default"
            if isDirectory(dir), !FileManager.default.fileExists(atPath: dir + "/\(fallback).toml") { return .builtIn }
            return try Theme.named(fallback, in: dir)
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// This program's own path (to start `podium simulate` beside it, and to find `themes/`).
func executablePath() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
}

/// Runs a board screen on the terminal; exits 128 + N when signal N stopped it.
func runBoard(_ controller: BoardController, program: String, cleanup: () -> Void = {}) throws {
    // In kiosk mode no key reaches anything, the statistics overlay included (NUL never
    // arrives as a character key).
    let statsKey: Character = controller.model.options.kiosk ? "\u{0}" : "F"
    let runner = TerminalRunner(screen: controller, options: RunOptions(changeDescriptor: controller.changeDescriptor,
                                                                       statsKey: statsKey, programName: program))
    do {
        try runner.run()
    } catch let e as TerminalError {
        cleanup()
        throw CLIError(e.said)
    }
    cleanup()
    if case let .signal(s) = runner.stopReason { Foundation.exit(128 + s) }
}

let boardKeysHelp = """
    Keys: space pauses or resumes the rotation; → or n next page, ← or p previous page; s picks a \
    skill; ? shows help; q quits. With --kiosk every key is ignored until the word podium is typed \
    followed by Enter (then k locks again). Results appear only as the competition's results policy \
    allows (live, on-publish or at-ceremony); until then a skill shows its marking progress only.
    """

struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "The spectators' big screen: countdown to the closing ceremony, standings, medal tables, schedule and announcements, live from the log.",
        discussion: boardKeysHelp + " Needs at least 80×24; from 160×40 the big-screen layout. See docs/board-guide.md."
    )

    @OptionGroup var venue: VenueArgument

    @Option(help: "A theme in themes/ (see `podium themes`); default: default, or mono when NO_COLOR is set.")
    var theme: String?

    @Option(name: .customLong("page-seconds"), help: "Seconds each page stays before the next one.")
    var pageSeconds: Double = 12

    @Option(help: "Show only this site's skills, sessions and ticker (a site id of the competition).")
    var site: String?

    @Flag(help: "Kiosk mode: ignore every key until `podium` then Enter is typed.")
    var kiosk = false

    @OptionGroup var past: PastArguments

    func checkOptions() throws {
        guard pageSeconds.isFinite, pageSeconds >= 1 else { throw UsageError("--page-seconds must be at least 1") }
    }

    func run() throws {
        try checkOptions()
        let dir = try venue.resolve()
        let options = BoardOptions(lang: RunLanguage.language, site: site, pageSeconds: pageSeconds, kiosk: kiosk)
        let controller = try BoardController(directory: dir, options: options, theme: try ThemeLocator.load(theme), at: try past.spec())
        try runBoard(controller, program: "podium board")
    }
}

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the themes in themes/ with a preview line each (exit 1 if one does not parse).",
        discussion: "Themes are read from PODIUM_THEMES, ./themes, or the themes/ directory of the package podium was built from."
    )

    func run() throws {
        let dir = ThemeLocator.directory()
        let themes = listThemes(in: dir)
        guard !themes.isEmpty else {
            print("no themes in \(dir); the built-in theme is used:")
            print("  \(Theme.builtIn.name)  \(Theme.builtIn.description)")
            print("      \(Theme.builtIn.previewLine)")
            return
        }
        let width = themes.map(\.name.count).max() ?? 0
        for t in themes {
            print("  " + t.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + t.description)
            print("      " + (t.error == nil ? t.previewLine : "(not usable)"))
        }
        let broken = themes.filter { $0.error != nil }
        if !broken.isEmpty {
            throw CLIError("\(broken.count) theme file(s) in \(dir) do not parse: \(broken.map(\.name).joined(separator: ", "))")
        }
    }
}
