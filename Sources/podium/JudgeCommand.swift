import ArgumentParser
import Foundation
import PodiumCore
import PodiumTerminal
import PodiumUI

/// The judge console as a `TerminalScreen`: a `JudgeSession` on the venue, redrawn on every
/// key, on every change of the log (other judges' submissions update the panel status) and on
/// every clock second (the header's clock, what is live now).
final class JudgeController: TerminalScreen {
    let theme: Theme
    let session: JudgeSession
    private let backend: VenueJudgeBackend

    init(directory: String, options: JudgeOptions, unixUser: Bool, theme: Theme) throws {
        try VenueStore.requireVenue(directory)
        backend = try VenueJudgeBackend(directory: directory)
        guard backend.venue.state.competition != nil else { throw CLIError("\(directory): the venue has no competition defined yet") }
        var actor: Actor?
        if unixUser {
            let a = try UnixUserMap.login(venue: backend.venue)
            guard a.role == .judge || a.role == .chief else {
                throw CLIError("\(a.id) is a \(a.role.rawValue) account: use podium console")
            }
            if let id = options.judgeID, id != a.id { throw CLIError("--judge \(id) does not match Unix user's account \(a.id)") }
            actor = a
        } else if let id = options.judgeID, backend.venue.state.judges[id] == nil {
            throw CLIError("--judge \(id): no such judge at this competition")
        }
        session = try JudgeSession(backend: backend, options: options, actor: actor)
        self.theme = theme
    }

    var changeDescriptor: Int32? { backend.reader.changeDescriptor() }

    func render(width: Int, height: Int, now: Date) -> Canvas { session.render(width: width, height: height, now: now) }

    func handle(_ key: Key, now: Date) -> ScreenAction {
        switch session.handle(key, now: now) {
        case .none: return .none
        case .redraw: return .redraw
        case .quit: return .quit
        }
    }

    func logChanged() throws -> Bool { try session.logChanged() }

    func nextDeadline(after now: Date) -> Date? {
        Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down) + 1)
    }
}

struct JudgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judge",
        abstract: "The judge console: log in with your id and PIN, enter marks by keyboard, correct them, and (chief judges) resolve disputes and sign modules off.",
        discussion: """
            Keys: ↑↓ choose, Enter open or next, Esc back, ? help on every screen. On a marking sheet: digits and . type \
            the mark (a key that cannot be right is refused with the reason), Tab or ↑↓ move between aspects, s reviews and \
            submits the sheet (all its marks or none, on disk before the screen says so), c corrects a submitted mark with a \
            reason. Chief judges: v opens every judge's marks of a module, r asks for re-marking, l signs the module off. \
            See docs/judge-guide.md; for SSH deployments (--unix-user) docs/deployment.md.
            """
    )

    @OptionGroup var venue: VenueArgument
    @Option(help: "Your judge id: the console asks only for the PIN.") var judge: String?
    @Flag(name: .customLong("unix-user"), help: "Log in as the judge DIR/unix-users maps this Unix user to (SSH deployments), without a PIN.")
    var unixUser = false
    @Option(help: "zh or en; default from LC_ALL, LC_MESSAGES or LANG.") var lang: String?
    @Option(help: "A theme in themes/ (see `podium themes`).") var theme: String?

    func validate() throws { _ = try parseLanguage(lang) }

    func run() throws {
        let dir = try venue.resolve()
        let controller = try JudgeController(directory: dir, options: JudgeOptions(lang: try parseLanguage(lang), judgeID: judge),
                                             unixUser: unixUser, theme: try ThemeLocator.load(theme))
        let runner = TerminalRunner(screen: controller, options: RunOptions(changeDescriptor: controller.changeDescriptor,
                                                                           statsKey: "\u{0}", programName: "podium judge"))
        do { try runner.run() } catch let e as TerminalError { throw CLIError(e.description) }
        if case let .signal(s) = runner.stopReason { Foundation.exit(128 + s) }
    }
}
