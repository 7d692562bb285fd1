import ArgumentParser
import Foundation
import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a PIN: from the terminal without echo, asked twice; or one line of standard input
/// when it is not a terminal (scripts: `echo 4821 | podium judges set-pin DIR J01`).
func readNewPIN(for id: String) throws -> String {
    if isatty(STDIN_FILENO) == 1 {
        let first = try readHidden(prompt: "New PIN for \(id): ")
        try CredentialRules.checkPIN(first)
        let second = try readHidden(prompt: "The same PIN again: ")
        guard first == second else { throw CLIError("the two PINs differ; nothing was changed") }
        return first
    }
    let pin = try readPIN(prompt: "")
    try CredentialRules.checkPIN(pin)
    return pin
}

/// Reads a PIN to check: from the terminal without echo, or one line of standard input when
/// it is not a terminal (scripts: `echo 4821 | podium publish DIR S01 --as ST1`).
func readPIN(prompt: Said) throws -> String {
    if isatty(STDIN_FILENO) == 1 { return try readHidden(prompt: prompt.text(RunLanguage.language)) }
    guard let line = readLine(strippingNewline: true) else { throw CLIError("no PIN on standard input") }
    return line.hasSuffix("\r") ? String(line.dropLast()) : line
}

/// One line from the terminal with echo off (restored on every way out).
private func readHidden(prompt: String) throws -> String {
    FileHandle.standardError.write(Data(prompt.utf8))
    var saved = termios()
    guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw CLIError("cannot read the terminal's modes") }
    var quiet = saved
    quiet.c_lflag &= ~tcflag_t(ECHO)
    quiet.c_lflag |= tcflag_t(ECHONL)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
    defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
    guard let line = readLine(strippingNewline: true) else { throw CLIError("no PIN typed") }
    return line
}

/// Sets a PIN: checks the change against the log first, then writes the venue's credentials
/// (`DIR/credentials`, atomically, 0600; or the `podium_credentials` table of a PostgreSQL
/// venue), then logs `account.pin-set` (id and role only).
func setPIN(directory: String, id: String, role: Actor.Role, pin: String, actor: Actor) throws {
    let venue = try Venue(directory: directory)
    _ = try Decide.decide(.recordPINSet(account: id, role: role), on: venue.state, by: actor, now: Date())
    var store = try CredentialStore.open(directory: directory)
    try store.setPIN(id: id, role: role, pin: pin)
    do {
        try venue.execute(.recordPINSet(account: id, role: role), as: actor)
    } catch {
        throw CLIError("the PIN of \(id) is set, but recording that in the log failed: \(error)")
    }
}

/// Who sets a PIN of `role` for the account `id`. While `DIR/credentials` holds no admin
/// account (and `--as` is not given), as before: the login name, unchecked (`checked` false);
/// that is how the first admin is made. Once an admin exists: the account named by `--as`,
/// logged in through `StaffLogin` (its PIN is the first line of standard input, the new PIN the
/// next); a judge's PIN needs a staff or admin login, a staff or admin account's an admin's,
/// or the account's own (changing its own PIN, same role, with its current PIN).
func pinSetter(_ login: StaffArguments, venue: Venue, id: String, role: Actor.Role) throws -> (actor: Actor, checked: Bool) {
    let admin: Bool
    do { admin = try StaffLogin.hasAdminAccount(venue.directory) } catch { throw CLIError(Podium.said(error)) }
    guard admin || login.named else { return (currentStaffActor(), false) }
    let needed = role == .judge || role == .chief ? "a staff or admin account's" : "an admin's"
    let actor = try login.accountLogin(on: venue, missing:
        "this venue has an admin account: setting this PIN needs \(needed) login, --as ID (its PIN comes first on standard input, then the new PIN)")
    switch role {
    case .judge, .chief: break // StaffLogin admits staff and admin accounts only
    default:
        guard actor.role == .admin || (actor.id == id && actor.role == role) else {
            throw CLIError("\(actor) may not set the PIN of \(role.rawValue) \(id): only an admin creates or changes staff and admin accounts (an account may change its own PIN); nothing was changed")
        }
    }
    return (actor, true)
}

/// The one stderr line after an unchecked set-pin.
func noteFirstAdmin(_ directory: String) {
    note("note: \(CredentialStore.name(in: directory)) holds no admin account yet, so this PIN was set without a login (that is how the first admin is made); once one exists, set-pin needs --as ID and its PIN")
}

struct JudgesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judges",
        abstract: "Judges' logins for the judge console.",
        subcommands: [JudgeSetPIN.self]
    )
}

struct JudgeSetPIN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-pin",
        abstract: "Set a judge's PIN (4 to 12 digits), stored as a salted scrypt hash in DIR/credentials (mode 0600) or a PostgreSQL venue's podium_credentials table, never in the log.",
        discussion: "On a terminal the PIN is asked twice without echo; otherwise one line is read from standard input. Setting a PIN also lifts a lock-out. The log records that the PIN was set, by whom, and nothing of the PIN. Once DIR/credentials holds an admin account, this needs a staff or admin login: --as ID, and that account's PIN first (the first line of standard input, then the new PIN)."
    )

    @OptionGroup var venue: VenueArgument
    @Argument(help: "The judge's id, as in the competition definition.") var id: String
    @OptionGroup var staff: StaffArguments

    func run() throws {
        let dir = try venue.resolve()
        let opened = try Venue(directory: dir)
        let state = opened.state
        guard let judge = state.judges[id] else {
            throw CLIError("no judge \"\(id)\" at this competition (judges: \(state.judges.items.prefix(8).map(\.id).joined(separator: ", "))\(state.judges.count > 8 ? ", …" : ""))")
        }
        let role: Actor.Role = judge.chief ? .chief : .judge
        let setter = try pinSetter(staff, venue: opened, id: id, role: role)
        let pin = try readNewPIN(for: "\(judge.id) \(judge.name)")
        try setPIN(directory: dir, id: id, role: role, pin: pin, actor: setter.actor)
        print("PIN set for \(role.rawValue) \(judge.id) \(judge.name)")
        if !setter.checked { noteFirstAdmin(dir) }
    }
}

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Staff and admin logins for the staff console.",
        subcommands: [StaffSetPIN.self]
    )
}

struct StaffSetPIN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-pin",
        abstract: "Set a staff or admin account's PIN, stored as a salted scrypt hash in DIR/credentials (mode 0600) or a PostgreSQL venue's podium_credentials table.",
        discussion: "An id holds one account: a judge's id cannot also be a staff account. While DIR/credentials holds no admin account this runs without a login (that is how the first admin is made); after that it needs an admin's login, or the account's own to change its own PIN: --as ID, and that account's PIN first (the first line of standard input, then the new PIN)."
    )

    enum Role: String, ExpressibleByArgument, CaseIterable { case staff, admin }

    @OptionGroup var venue: VenueArgument
    @Argument(help: "The account id (1 to 32 letters, digits, '-', '_' or '.').") var id: String
    @Option(help: "staff or admin.") var role: Role
    @OptionGroup var staff: StaffArguments

    func run() throws {
        let dir = try venue.resolve()
        try CredentialRules.checkID(id)
        let opened = try Venue(directory: dir)
        if opened.state.judges.contains(id) { throw CLIError("\(id) is a judge of this competition; give the staff account another id") }
        let accountRole: Actor.Role = role == .admin ? .admin : .staff
        let setter = try pinSetter(staff, venue: opened, id: id, role: accountRole)
        let pin = try readNewPIN(for: id)
        try setPIN(directory: dir, id: id, role: accountRole, pin: pin, actor: setter.actor)
        print("PIN set for \(role.rawValue) \(id)")
        if !setter.checked { noteFirstAdmin(dir) }
    }
}
