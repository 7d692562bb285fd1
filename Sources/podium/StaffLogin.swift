import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI
#if canImport(Glibc)
import Glibc
#endif

/// Staff logins against `DIR/credentials`, shared by the staff console and the plain staff
/// commands (announce, withdraw, publish, freeze, finalize, schedule, clock, ceremony, import).
/// Every check goes through `CredentialStore.verify`, so a wrong PIN is logged and counts
/// towards the lock-out wherever it was typed; the actor's role comes from the account.
enum StaffLogin {
    /// True when `DIR/credentials` holds a staff or admin account: then staff must log in.
    static func hasStaffAccounts(_ directory: String) throws -> Bool {
        let store = try CredentialStore.open(directory: directory)
        return store.accounts.values.contains { $0.role == .staff || $0.role == .admin }
    }

    /// True when `DIR/credentials` holds an admin account: then setting PINs needs a login.
    static func hasAdminAccount(_ directory: String) throws -> Bool {
        let store = try CredentialStore.open(directory: directory)
        return store.accounts.values.contains { $0.role == .admin }
    }

    /// Checks `pin` for the staff or admin account `id`; a judge's account is refused before
    /// its PIN is checked. Messages come from `formats` (the console's language).
    static func login(id: String, pin: String, venue: Venue, formats f: Formats, now: Date = Date()) -> Result<Actor, ConsoleLoginError> {
        do {
            let store = try CredentialStore.open(directory: venue.directory)
            guard let account = store[id] else { return .failure(ConsoleLoginError(id: id, message: Said(verbatim: f.loginRefusal(.unknown, id: id)))) }
            guard account.role == .staff || account.role == .admin else {
                return .failure(ConsoleLoginError(id: id, message: Said(verbatim: f.notStaff(id, role: account.role.rawValue))))
            }
            let outcome = try CredentialStore.verify(id: id, pin: pin, now: now, venue: venue)
            if case let .ok(actor) = outcome { return .success(actor) }
            return .failure(ConsoleLoginError(id: id, message: Said(verbatim: f.loginRefusal(outcome, id: id))))
        } catch {
            return .failure(ConsoleLoginError(id: id, message: Podium.said(error)))
        }
    }
}

/// `--as ID` for the plain staff commands.
struct StaffArguments: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp(
        "The staff account to act as, when DIR/credentials holds staff accounts (or PODIUM_ACTOR=staff:ID); the PIN is read from the terminal, or one line of standard input.",
        valueName: "ID"))
    var account: String?

    /// Who runs this command on `venue`. With staff accounts in `DIR/credentials`: the account
    /// named by `--as` (or `PODIUM_ACTOR=staff:ID`), after its PIN is checked (`checked` is
    /// true); every command asks for it, so finalize always does. Without: as before any
    /// accounts existed (the login name, or `PODIUM_ACTOR`, as staff), unchecked.
    func login(on venue: Venue, now: Date = Date()) throws -> (actor: Actor, checked: Bool) {
        let accounts: Bool
        do { accounts = try StaffLogin.hasStaffAccounts(venue.directory) } catch { throw CLIError(Podium.said(error)) }
        guard accounts else { return (currentStaffActor(), false) }
        return (try accountLogin(on: venue, now: now), true)
    }

    /// Logs in the account named by `--as` (or `PODIUM_ACTOR=staff:ID`): reads one PIN (the
    /// terminal, or the next line of standard input) and checks it through `StaffLogin.login`.
    /// `missing` is the refusal when no account is named.
    func accountLogin(on venue: Venue, now: Date = Date(),
                      missing: Said = "this venue has staff accounts: name yours with --as ID (or PODIUM_ACTOR=staff:ID)") throws -> Actor {
        let id = try accountID(missing: missing)
        let pin = try readPIN(prompt: "PIN for \(id): ")
        let formats = Formats(lang: RunLanguage.language, timeZone: venue.state.timeZone)
        switch StaffLogin.login(id: id, pin: pin, venue: venue, formats: formats, now: now) {
        case let .success(actor): return actor
        case let .failure(e): throw CLIError(e.said)
        }
    }

    func actor(on venue: Venue, now: Date = Date()) throws -> Actor { try login(on: venue, now: now).actor }

    /// The one line on stderr after an unchecked command that changed results, so a venue
    /// notices it has no staff accounts (a refusal stays one line, so this comes after success).
    static func noteUnchecked(_ venue: Venue) {
        note("note: \(CredentialStore.name(in: venue.directory)) holds no staff accounts, so who did this was not checked; add one with `podium staff set-pin`")
    }

    /// Whether `--as` was given (not `PODIUM_ACTOR`).
    var named: Bool { !(account ?? "").isEmpty }

    private func accountID(missing: Said) throws -> String {
        if let account, !account.isEmpty { return account }
        if let env = ProcessInfo.processInfo.environment["PODIUM_ACTOR"] {
            for prefix in ["staff:", "admin:"] where env.hasPrefix(prefix) && env.count > prefix.count {
                return String(env.dropFirst(prefix.count))
            }
        }
        throw CLIError(missing)
    }
}
