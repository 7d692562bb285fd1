import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A login (failed or not) or a PIN change, as the log records it: the account, its role, and
/// how it was checked. Never the PIN, never its hash.
public struct LoginRecord: Hashable, Sendable, Codable, WireCodable {
    public var account: String
    public var role: String
    /// "pin", or "unix-user NAME" for an SSH login mapped by `DIR/unix-users`.
    public var via: String
    /// When the check was decided: the lock-out window counts from these times, so the rule is
    /// a function of the events alone.
    public var at: Date
    public init(account: String, role: String, via: String = "pin", at: Date) {
        self.account = account; self.role = role; self.via = via; self.at = at
    }
    public func write(to w: inout WireWriter) { w.string(account); w.string(role); w.string(via); w.date(at) }
    public init(from r: inout WireReader) throws {
        self.init(account: try r.string(), role: try r.string(), via: try r.string(), at: try r.date())
    }
}

/// An account locked out after too many wrong PINs, until `until`.
public struct Lockout: Hashable, Sendable, Codable, WireCodable {
    public var account: String
    public var until: Date
    public init(account: String, until: Date) { self.account = account; self.until = until }
    public func write(to w: inout WireWriter) { w.string(account); w.date(until) }
    public init(from r: inout WireReader) throws { self.init(account: try r.string(), until: try r.date()) }
}

/// How many wrong PINs lock an account, for how long.
public struct LockoutPolicy: Sendable, Hashable {
    /// Wrong PINs within `window` that lock the account.
    public var maxFailures: Int
    public var window: TimeInterval
    public var duration: TimeInterval
    /// 5 wrong PINs within 15 minutes lock the account for 5 minutes.
    public static let standard = LockoutPolicy(maxFailures: 5, window: 15 * 60, duration: 5 * 60)
}

/// What the log says of one account's logins: the fold keeps it, so every console process
/// (each folding the same log) sees the same counters, and the log's lock serialises them.
public struct AccountActivity: Sendable, Hashable {
    /// Times of wrong PINs since the last success, lock-out or PIN change.
    public internal(set) var failures: [Date] = []
    public internal(set) var lockedUntil: Date?
    public internal(set) var lastLogin: Date?

    public func isLocked(at now: Date) -> Bool { lockedUntil.map { now < $0 } ?? false }
    public func recentFailures(at now: Date, policy: LockoutPolicy = .standard) -> Int {
        failures.filter { now.timeIntervalSince($0) < policy.window }.count
    }

    mutating func apply(_ e: Event, time: Date) {
        switch e {
        case let .loginFailed(l): failures.append(l.at)
        case let .loginSucceeded(l): failures = []; lastLogin = l.at
        case let .accountLockedOut(l): failures = []; lockedUntil = l.until
        case .pinSet: failures = []; lockedUntil = nil
        default: break
        }
    }
}

/// The outcome of checking a PIN.
public enum LoginOutcome: Sendable, Hashable {
    case ok(Actor)
    /// Wrong PIN; this many more wrong PINs lock the account.
    case wrong(attemptsLeft: Int)
    case lockedOut(until: Date)
    /// No such account in `DIR/credentials`.
    case unknown
}

enum LoginRules {
    static func decide(account: String, role: Actor.Role, via: String, succeeded: Bool, on state: VenueState, now: Date) throws(CommandError) -> [Event] {
        try CredentialRules.checkIDForCommand(account)
        let activity = state.accounts[account] ?? AccountActivity()
        if let until = activity.lockedUntil, now < until {
            throw .conflict("account \(account) is locked out until \(Timestamps.format(until, in: state.timeZone)) after too many wrong PINs")
        }
        let record = LoginRecord(account: account, role: role.rawValue, via: via, at: now)
        if succeeded { return [.loginSucceeded(record)] }
        let policy = LockoutPolicy.standard
        if activity.recentFailures(at: now, policy: policy) + 1 >= policy.maxFailures {
            return [.loginFailed(record), .accountLockedOut(Lockout(account: account, until: now.addingTimeInterval(policy.duration)))]
        }
        return [.loginFailed(record)]
    }

    static func decidePINSet(account: String, role: Actor.Role, now: Date) throws(CommandError) -> [Event] {
        try CredentialRules.checkIDForCommand(account)
        guard Account.roles.contains(role) else { throw .invalid("role \(role.rawValue) cannot log in") }
        return [.pinSet(LoginRecord(account: account, role: role.rawValue, via: "pin", at: now))]
    }
}

extension CredentialRules {
    static func checkIDForCommand(_ id: String) throws(CommandError) {
        do { try checkID(id) } catch { throw .invalid(error.said) }
    }
}

/// The actor the credential checks append as.
public let credentialsActor = Actor(.system, "credentials")

extension CredentialStore {
    /// Checks `pin` for `id`, reading `DIR/credentials` afresh (a PIN changed by staff takes
    /// effect at once). A wrong PIN is appended as `login.failed`; the one that reaches the
    /// policy's limit also appends `account.locked-out` with its end, in the same atomic batch.
    /// The counters come from the log under its lock, so judges at several consoles trying
    /// the same id are counted together. An unknown id appends nothing.
    public static func verify(id: String, pin: String, now: Date = Date(), venue: Venue) throws -> LoginOutcome {
        let store = try open(directory: venue.directory)
        guard let account = store[id] else { return .unknown }
        // A locked account is refused before any hashing (state as last seen; the decision
        // below re-checks it against the log under its lock).
        if let activity = venue.state.accounts[id], activity.isLocked(at: now), let until = activity.lockedUntil {
            return .lockedOut(until: until)
        }
        let wellFormed = (try? CredentialRules.checkPIN(pin)) != nil
        let ok = try wellFormed && account.pin.matches(pin)
        do {
            try venue.execute(.recordLogin(account: id, role: account.role, via: "pin", succeeded: ok), as: credentialsActor, now: now)
        } catch let e as CommandError where e.kind == .conflict {
            if let until = venue.state.accounts[id]?.lockedUntil { return .lockedOut(until: until) }
            throw e
        }
        if ok { return .ok(account.actor) }
        let activity = venue.state.accounts[id] ?? AccountActivity()
        if activity.isLocked(at: now), let until = activity.lockedUntil { return .lockedOut(until: until) }
        return .wrong(attemptsLeft: max(0, LockoutPolicy.standard.maxFailures - activity.recentFailures(at: now)))
    }
}

/// `DIR/unix-users`: for SSH deployments, which Unix login is which account, so a judge's SSH
/// key (checked by sshd) stands in for the PIN. One mapping a line, `#` starts a comment:
/// ```
/// # unix user   account   [role: for staff accounts]
/// lihua         J01
/// wangfang      ST1       staff
/// ```
/// Refused when group or others may write it (whoever can edit it can become any judge).
public struct UnixUserMap: Sendable {
    public static let fileName = "unix-users"
    public struct Entry: Sendable, Hashable {
        public var user: String
        public var account: String
        public var role: Actor.Role?
    }
    public private(set) var entries: [String: Entry]

    public static func open(directory: String) throws -> UnixUserMap {
        let path = directory + "/" + fileName
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw CredentialError("\(path): no such file; --unix-user needs it (see docs/deployment.md)") }
            throw CredentialError("\(path): cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { throw CredentialError("\(path): not a regular file") }
        if st.st_mode & 0o022 != 0 {
            throw CredentialError("\(path): mode \(String(st.st_mode & 0o777, radix: 8)) lets others change who is which judge; refusing it (chmod 644 or 640)")
        }
        let bytes = try Posix.readAll(fd, count: Int(st.st_size), at: 0, path)
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    public static func parse(_ text: String, path: String) throws -> UnixUserMap {
        var entries: [String: Entry] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if f.isEmpty { continue }
            let at = "\(path) line \(i + 1)"
            guard f.count == 2 || f.count == 3 else { throw CredentialError("\(at): expected \"unix-user account [role]\"") }
            do { try CredentialRules.checkID(f[1]) } catch { throw CredentialError("\(at): \(error)") }
            var role: Actor.Role?
            if f.count == 3 {
                guard let r = Actor.Role(rawValue: f[2]), Account.roles.contains(r) else {
                    throw CredentialError("\(at): unknown role \"\(f[2])\" (judge, chief, staff or admin)")
                }
                role = r
            }
            guard entries[f[0]] == nil else { throw CredentialError("\(at): unix user \(f[0]) appears twice") }
            entries[f[0]] = Entry(user: f[0], account: f[1], role: role)
        }
        return UnixUserMap(entries: entries)
    }

    /// The name of the Unix user this process runs as.
    public static func currentUser() -> String? {
        guard let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}

extension UnixUserMap {
    /// Logs the Unix user this process runs as in through `DIR/unix-users` (sshd has checked
    /// their key): the account's actor, with the login appended to the log. A judge's role
    /// (judge or chief) comes from the competition; a staff account's from the map.
    public static func login(venue: Venue, now: Date = Date()) throws -> Actor {
        if StoreKinds.isURL(venue.directory) {
            // The map is a file beside a venue directory; a server venue's judges use PINs.
            let name = (try? StoreKinds.kind(of: venue.directory).displayName(venue.directory)) ?? venue.directory
            throw CredentialError("\(name): --unix-user maps Unix users through DIR/unix-users, which a PostgreSQL venue does not have; log in with a PIN (see docs/deployment.md)")
        }
        let map = try open(directory: venue.directory)
        guard let user = currentUser() else { throw CredentialError("cannot tell which Unix user this is (uid \(geteuid()))") }
        guard let entry = map.entries[user] else {
            throw CredentialError("\(venue.directory)/\(fileName): no account for Unix user \(user)")
        }
        let role: Actor.Role
        if let judge = venue.state.judges[entry.account] {
            role = judge.chief ? .chief : .judge
            if let r = entry.role, r != .judge && r != .chief {
                throw CredentialError("\(venue.directory)/\(fileName): \(entry.account) is a judge, not a \(r.rawValue) account")
            }
        } else if let r = entry.role, r == .staff || r == .admin {
            role = r
        } else {
            throw CredentialError("\(venue.directory)/\(fileName): \(entry.account) (Unix user \(user)) is not a judge of this competition")
        }
        try venue.execute(.recordLogin(account: entry.account, role: role, via: "unix-user \(user)", succeeded: true),
                          as: credentialsActor, now: now)
        return Actor(role, entry.account)
    }
}
