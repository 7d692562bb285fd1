import Foundation
import PodiumCore

/// Where a judge console's commands and logins go: the venue's log and credentials. A protocol
/// so tests can put a failing disk behind a real venue.
public protocol JudgeBackend: AnyObject {
    /// Checks a PIN (the credential store, which logs failures and lock-outs).
    func verify(id: String, pin: String, now: Date) throws -> LoginOutcome
    /// Decides and appends durably; returns when the records are on disk.
    func execute(_ command: Command, as actor: Actor, now: Date) throws -> AppendReceipt?
    /// Records appended since the last call (by anyone, this console included), in order.
    func readNew() throws -> [EventRecord]
    /// The state to start from: every record so far, folded. Called once, first; `readNew` then
    /// returns the records after it. (The default folds `readNew`; the venue's backend starts
    /// from the venue's own replay, so a wrapper must forward this too.)
    func startState() throws -> VenueState
    /// The link to the store as the last `readNew` found it (a file is always up).
    var link: StoreLink { get }
}

extension JudgeBackend {
    public func startState() throws -> VenueState {
        var state = VenueState()
        for r in try readNew() { state.apply(r) }
        return state
    }
}

extension JudgeBackend {
    public var link: StoreLink { .up }
}

/// The real backend: a `Venue` to append through and a reader (on either store) to follow the log with.
public final class VenueJudgeBackend: JudgeBackend {
    public let venue: Venue
    public let reader: EventReader

    public init(directory: String) throws {
        venue = try Venue(directory: directory)
        let kind = try StoreKinds.kind(of: directory)
        if kind is FileStoreKind {
            reader = try LogReader(continuing: venue)
        } else {
            // A server's reader starts at the beginning: skip through what the venue replayed.
            reader = try kind.openReader(directory)
            try reader.readNew(skipThrough: venue.state.lastSeq) { _ in }
            if case let .lost(_, reason) = reader.link {
                throw StoreError.linkLost(location: reader.storeName, reason: reason)
            }
        }
    }

    /// The venue's own replay (marks folded from their bytes), read once: the reader goes on
    /// from where it ended, instead of decoding every record a second time.
    public func startState() throws -> VenueState {
        var state = venue.state
        try reader.readNew { try state.apply(raw: $0) }
        return state
    }

    public func verify(id: String, pin: String, now: Date) throws -> LoginOutcome {
        try CredentialStore.verify(id: id, pin: pin, now: now, venue: venue)
    }

    public func execute(_ command: Command, as actor: Actor, now: Date) throws -> AppendReceipt? {
        try venue.execute(command, as: actor, now: now)
    }

    public var link: StoreLink { reader.link }

    public func readNew() throws -> [EventRecord] {
        var out: [EventRecord] = []
        try reader.readNew { out.append(try EventRecord($0)) }
        return out
    }
}

/// A judge console at work: the pure `JudgeModel`, and the effects its actions ask for (a PIN
/// check, a durable append), against a backend. The terminal runner (or a test) feeds it keys
/// and log changes and draws `render`.
public final class JudgeSession {
    public private(set) var model: JudgeModel
    public let backend: JudgeBackend

    /// Folds the whole log into a fresh model.
    public init(backend: JudgeBackend, options: JudgeOptions, actor: Actor? = nil) throws {
        self.backend = backend
        model = JudgeModel(state: try backend.startState(), options: options, actor: actor)
    }

    /// Makes the console a read-only view of a past moment (`podium judge --at`).
    public func setPast(_ moment: PastMoment) { model.past = moment }

    public enum Result: Sendable, Equatable { case none, redraw, quit }

    /// One key: the model's change, and whatever its action asks for, done before returning,
    /// so the screen drawn next already says whether a submission is on disk.
    public func handle(_ key: Key, now: Date) -> Result {
        switch model.handle(key, now: now) {
        case .none: return .none
        case .redraw: return .redraw
        case .quit: return .quit
        case let .login(id, pin):
            do {
                model.loginFinished(try backend.verify(id: id, pin: pin, now: now))
            } catch {
                model.loginFailed(Said.describing(error).text(model.lang))
            }
            catchUp()
            return .redraw
        case let .execute(command, kind):
            guard let actor = model.actor else { return .redraw }
            // While the log cannot be reached nothing is sent: the judge is told at once, in
            // the console's language, and what was typed stays for the retry.
            if let since = model.link.lostSince {
                model.failed(LinkMessage.judgeRefused(time: model.formats.hourMinute(since)).text(model.lang), kind: kind)
                return .redraw
            }
            do {
                if let receipt = try backend.execute(command, as: actor, now: now) {
                    // Fold what was appended (and anything before it) before saying it is saved.
                    catchUp()
                    model.finished(JudgeReceipt(kind: kind, first: receipt.first, last: receipt.last,
                                                count: Int(receipt.last - receipt.first + 1)))
                } else {
                    model.failed(Label.judgeNotSaved.text(model.lang), kind: kind)
                }
            } catch let e as CommandError {
                catchUp()
                model.failed(e.text(model.lang), kind: kind)
            } catch where Link.isLost(error) {
                // The store was lost during the append: nothing was acknowledged. Before the
                // commit nothing was written either (the store's guarantee), so it is refused as
                // for a link already down; during the commit it may have landed, and the judge is
                // told to look before submitting again (the sheet shows it once the link is back).
                model.link.observe(reachable: false, at: now)
                let time = model.formats.hourMinute(model.link.lostSince ?? now)
                let message: LinkMessage = Link.isOutcomeUnknown(error) ? .judgeUnknown(time: time) : .judgeRefused(time: time)
                model.failed(message.text(model.lang), kind: kind)
            } catch {
                catchUp()
                model.failed(Said.describing(error).text(model.lang), kind: kind)
            }
            return .redraw
        }
    }

    private func catchUp() { _ = try? logChanged(now: Date()) }

    /// Folds new records of the log; true when there were any or the link's status changed (the
    /// screen should redraw). A store that cannot be reached marks the link lost (the model
    /// keeps what it had) instead of throwing; any other failure throws.
    @discardableResult
    public func logChanged(now: Date = Date()) throws -> Bool {
        let records: [EventRecord]
        do {
            records = try backend.readNew()
        } catch where Link.isLost(error) {
            return model.link.observe(reachable: false, at: now)
        }
        let changed = model.link.follow(backend.link)
        for r in records { model.apply(r) }
        return !records.isEmpty || changed
    }

    public func render(width: Int, height: Int, now: Date) -> Canvas {
        JudgeScreen.render(model, width: width, height: height, now: now)
    }
}
