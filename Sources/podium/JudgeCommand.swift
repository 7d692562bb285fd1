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
    /// nil for a past view (`--at`), which follows nothing.
    private let reader: EventReader?

    init(directory: String, options: JudgeOptions, unixUser: Bool, theme: Theme, at spec: AtSpec? = nil) throws {
        try VenueStore.requireVenue(directory)
        if let spec {
            // Read-only: no login (it would append), the judge named by --judge, nothing followed.
            guard !unixUser else { throw CLIError("--at is read-only and needs no login: give --judge ID instead of --unix-user") }
            guard let id = options.judgeID else { throw CLIError("--at: give --judge ID (a past view opens without a login)") }
            let past = try PastJudgeBackend(directory: directory, at: spec)
            guard let judge = past.state.judges[id] else { throw CLIError("--judge \(id): no such judge at this competition at that time") }
            session = try JudgeSession(backend: past, options: options, actor: Actor(judge.chief ? .chief : .judge, id))
            session.setPast(past.moment)
            reader = nil
            self.theme = theme
            return
        }
        let backend = try VenueJudgeBackend(directory: directory)
        reader = backend.reader
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

    var changeDescriptor: Int32? { reader?.changeDescriptor() }

    func render(width: Int, height: Int, now: Date) -> Canvas { session.render(width: width, height: height, now: now) }

    func handle(_ key: Key, now: Date) -> ScreenAction {
        switch session.handle(key, now: now) {
        case .none: return .none
        case .redraw: return .redraw
        case .quit: return .quit
        }
    }

    func logChanged() throws -> Bool { reader == nil ? false : try session.logChanged() }

    func nextDeadline(after now: Date) -> Date? {
        if reader == nil { return nil }  // a past view changes only on keys
        return Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down) + 1)
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
    @Option(help: "A theme in themes/ (see `podium themes`).") var theme: String?
    @OptionGroup var past: PastArguments

    func run() throws {
        let dir = try venue.resolve()
        let controller = try JudgeController(directory: dir, options: JudgeOptions(lang: RunLanguage.language, judgeID: judge),
                                             unixUser: unixUser, theme: try ThemeLocator.load(theme), at: try past.spec())
        let runner = TerminalRunner(screen: controller, options: RunOptions(changeDescriptor: controller.changeDescriptor,
                                                                           statsKey: "\u{0}", programName: "podium judge"))
        do { try runner.run() } catch let e as TerminalError { throw CLIError(e.said) }
        if case let .signal(s) = runner.stopReason { Foundation.exit(128 + s) }
    }
}

/// The judge console's backend for a past view: the records up to the moment, once; every
/// login or command is refused (a past view appends nothing).
final class PastJudgeBackend: JudgeBackend {
    let moment: PastMoment
    private(set) var state = VenueState()
    private var pending: [EventRecord] = []

    init(directory: String, at spec: AtSpec) throws {
        let h = try history(directory)
        moment = try PastVenue.resolve(spec, in: h)
        try PastVenue.replay(h, through: moment) { raw in
            let r = try EventRecord(raw)
            state.apply(r)
            pending.append(r)
        }
    }

    func verify(id: String, pin: String, now: Date) throws -> LoginOutcome {
        throw CommandError.forbidden(PastViewMessage.readOnly.said)
    }

    func execute(_ command: Command, as actor: Actor, now: Date) throws -> AppendReceipt? {
        throw CommandError.forbidden(PastViewMessage.readOnly.said)
    }

    func readNew() throws -> [EventRecord] {
        defer { pending = [] }
        return pending
    }
}
