import ArgumentParser
import Foundation
import PodiumCore
import PodiumTerminal
import PodiumUI
#if canImport(Glibc)
import Glibc
#endif

/// The staff console as a `TerminalScreen`: a `LogReader` following the venue's log into a
/// `ConsoleModel` (so other consoles' and judges' changes appear at once), and a `Venue` that
/// executes what the staff ask for. Commands are decided in the core; a refusal comes back as
/// the core's message and nothing is appended.
final class ConsoleController: TerminalScreen {
    let theme: Theme
    private(set) var model: ConsoleModel
    /// Both nil for a past view (`--at`): it follows nothing and can write nothing.
    private let reader: EventReader?
    private let venue: Venue?
    private let directory: String
    private var healthRead: Date?

    init(directory: String, options: ConsoleOptions, actor: Actor?, theme: Theme, now: Date = Date(), at spec: AtSpec? = nil) throws {
        try VenueStore.requireVenue(directory)
        self.directory = directory
        var model = ConsoleModel(options: options, actor: actor)
        if let spec {
            let h = try history(directory)
            let moment = try PastVenue.resolve(spec, in: h)
            try PastVenue.replay(h, through: moment) { raw in model.apply(try EventRecord(raw)) }
            model.fixedPast = moment
            venue = nil
            reader = nil
        } else {
            venue = try Venue(directory: directory)
            let reader = try VenueStore.reader(directory)
            try reader.readNew { raw in model.apply(try EventRecord(raw)) }
            self.reader = reader
        }
        guard model.state.competition != nil else { throw CLIError("\(directory): the venue has no competition defined yet") }
        self.model = model
        self.theme = theme
        refreshHealth(now: now)
    }

    var changeDescriptor: Int32? { reader?.changeDescriptor() }

    func render(width: Int, height: Int, now: Date) -> Canvas {
        if healthRead.map({ now.timeIntervalSince($0) >= 5 }) ?? true { refreshHealth(now: now) }
        // The audit search's index, built in slices of about 20 ms between frames after start
        // (`nextDeadline` asks for the next frame at once until it is done), so the screen keeps
        // drawing and the first `/` search only scans.
        if model.searchIndexPending { model.indexSearch(forNanos: 20_000_000) }
        return ConsoleScreen.render(model, width: width, height: height, now: now)
    }

    func handle(_ key: Key, now: Date) -> ScreenAction {
        switch model.handle(key, now: now) {
        case .none: return .none
        case .redraw: return .redraw
        case .quit: return .quit
        case let .request(r):
            perform(r, now: now)
            return .redraw
        }
    }

    /// Carries out what the console asked for, and tells the model how it went.
    func perform(_ request: ConsoleRequest, now: Date) {
        switch request {
        case let .execute(command, pin):
            guard let actor = model.actor else { return }
            guard let venue else {
                model.finished(.refused(PastViewMessage.readOnly.text(model.lang)), now: now)
                return
            }
            if let since = model.link.lostSince {
                model.finished(.refused(LinkMessage.staffRefused(time: model.formats.hourMinute(since)).text(model.lang)), now: now)
                return
            }
            if let pin, let refusal = reauthenticate(actor, pin: pin, now: now) {
                model.finished(.notAuthenticated(refusal), now: now)
                return
            }
            do {
                try venue.execute(command, as: actor, now: Date())
                let tz = venue.state.timeZone
                let lines = venue.lastAppended.map { "seq \($0.seq): \(EventText.summary($0.event, in: tz, lang: RunLanguage.language))" }
                _ = try? logChanged()
                model.finished(.appended(lines), now: now)
            } catch let e as CommandError {
                model.finished(.refused(e.text(RunLanguage.language)), now: now)
            } catch where Link.isLost(error) {
                // Lost before the commit: nothing written. During it: the store's own message
                // says the command may have landed and how to look.
                model.link.observe(reachable: false, at: now)
                let since = model.link.lostSince ?? now
                let text = Link.isOutcomeUnknown(error) ? Podium.describe(error)
                    : LinkMessage.staffRefused(time: model.formats.hourMinute(since)).text(model.lang)
                model.finished(.refused(text), now: now)
            } catch {
                model.finished(.refused(Podium.describe(error)), now: now)
            }
            refreshHealth(now: now)
        case .verifyLog:
            let verification: ConsoleHealth.Verification
            do {
                let report = try VenueStore.verify(directory)
                if let problem = report.problem {
                    verification = .init(at: Date(), ok: false, records: report.records, detail: "\(problem)")
                } else {
                    verification = .init(at: Date(), ok: true, records: report.records, detail: "chain head " + (report.head?.hex ?? "-"))
                }
            } catch {
                verification = .init(at: Date(), ok: false, records: 0, detail: Podium.describe(error))
            }
            model.verified(verification)
            refreshHealth(now: now)
        case let .login(id, pin):
            model.loginAnswered(login(id: id, pin: pin, now: now), now: now)
        }
    }

    /// Re-authentication before unlocking and finalizing: nil when the PIN is right, else why not.
    func reauthenticate(_ actor: Actor, pin: String, now: Date) -> String? {
        switch login(id: actor.id, pin: pin, now: now) {
        case let .success(a) where a == actor: return nil
        case .success: return model.formats.loginRefusal(.unknown, id: actor.id)
        case let .failure(e): return e.text(model.lang)
        }
    }

    /// Checks a staff login (`StaffLogin.login`, shared with the plain commands).
    func login(id: String, pin: String, now: Date) -> Result<Actor, ConsoleLoginError> {
        guard let venue else { return .failure(ConsoleLoginError(id: id, message: PastViewMessage.readOnly.said)) }
        let result = StaffLogin.login(id: id, pin: pin, venue: venue, formats: model.formats)
        _ = try? logChanged()
        return result
    }

    /// Folds new records; an unreachable store turns on the link-lost bar instead of stopping
    /// the console (as on the board), and the next good read turns it off.
    func logChanged() throws -> Bool {
        guard let reader else { return false }
        var applied = 0
        let now = Date()
        do {
            try reader.readNew { raw in
                model.apply(try EventRecord(raw))
                applied += 1
            }
        } catch where Link.isLost(error) {
            return model.link.observe(reachable: false, at: now)
        }
        return model.link.follow(reader.link) || applied > 0
    }

    func nextDeadline(after now: Date) -> Date? { model.searchIndexPending ? now : ConsoleScreen.nextDeadline(after: now) }

    /// Log size and free disk space (statvfs of the venue directory).
    private func refreshHealth(now: Date) {
        healthRead = now
        if StoreKinds.isURL(directory) {
            // A venue kept in a database server: its name without the password; the server's
            // disk is the database administrator's to watch, not this console's.
            model.health.logName = (try? StoreKinds.kind(of: directory).displayName(directory)) ?? "-"
            model.health.logBytes = nil
            model.health.freeBytes = nil
            model.health.totalBytes = nil
            return
        }
        var st = stat()
        if stat(Venue.logPath(directory), &st) == 0 { model.health.logBytes = Int64(st.st_size) }
        var fs = statvfs()
        if statvfs(directory, &fs) == 0 {
            model.health.freeBytes = Int64(fs.f_bavail) * Int64(fs.f_frsize)
            model.health.totalBytes = Int64(fs.f_blocks) * Int64(fs.f_frsize)
        } else {
            model.health.freeBytes = nil
            model.health.totalBytes = nil
        }
    }
}

struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The staff console: schedule, announcements, clock, results, ceremony reveal, audit trail and log health, live from the log.",
        discussion: """
            Keys: 1-7 or Tab switch tabs, ↑↓ move, Enter opens, / searches, Esc closes or clears, ? shows the keys of \
            the tab, q quits (after a question). Every command is decided by the same rules as the plain commands; \
            a refusal is shown and nothing is written. Needs at least 80×24. See docs/staff-guide.md.
            """
    )

    @OptionGroup var venue: VenueArgument

    @Option(help: "A theme in themes/ (see `podium themes`).")
    var theme: String?

    @OptionGroup var past: PastArguments

    func run() throws {
        let dir = try venue.resolve()
        try VenueStore.requireVenue(dir)
        if let spec = try past.spec() {
            // A past view is read-only and appends nothing, not even a login: it starts without one.
            let options = ConsoleOptions(lang: RunLanguage.language, directory: dir, reauthenticate: false)
            let controller = try ConsoleController(directory: dir, options: options, actor: currentStaffActor(),
                                                   theme: try ThemeLocator.load(theme), at: spec)
            let runner = TerminalRunner(screen: controller, options: RunOptions(changeDescriptor: nil, statsKey: "~", programName: "podium console"))
            do { try runner.run() } catch let e as TerminalError { throw CLIError(e.said) }
            if case let .signal(s) = runner.stopReason { Foundation.exit(128 + s) }
            return
        }
        // With staff accounts in DIR/credentials the console starts with a login; without,
        // it acts as the plain commands do (PODIUM_ACTOR or the login name, as staff).
        let login: Bool
        do { login = try StaffLogin.hasStaffAccounts(dir) } catch { throw CLIError(Podium.said(error)) }
        let options = ConsoleOptions(lang: RunLanguage.language, directory: dir, reauthenticate: login)
        let controller = try ConsoleController(directory: dir, options: options, actor: login ? nil : currentStaffActor(),
                                               theme: try ThemeLocator.load(theme))
        // F is finalize here; the frame statistics overlay moves to `~`.
        let runner = TerminalRunner(screen: controller, options: RunOptions(changeDescriptor: controller.changeDescriptor,
                                                                           statsKey: "~", programName: "podium console"))
        do {
            try runner.run()
        } catch let e as TerminalError {
            throw CLIError(e.said)
        }
        if case let .signal(s) = runner.stopReason { Foundation.exit(128 + s) }
    }
}
