import Crypto
import _CryptoExtras
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why the credential store refused something. Each message names the file (and line) and
/// what to do; none ever contains a PIN or a hash.
public struct CredentialError: Error, CustomStringConvertible, Equatable, Sendable, Localized {
    public var said: Said
    public var description: String { said.text(.en) }
    public init(_ d: Said) { said = d }
}

/// How a PIN is stretched: scrypt (RFC 7914) with its cost parameters, stored with every
/// account so the cost can be raised later without invalidating existing PINs.
public struct KDFParameters: Hashable, Sendable {
    /// log2 of scrypt's N (CPU/memory cost).
    public var logN: Int
    /// scrypt's block size r.
    public var r: Int
    /// scrypt's parallelism p.
    public var p: Int

    public init(logN: Int, r: Int, p: Int) { self.logN = logN; self.r = r; self.p = p }

    /// N = 2^15, r = 8, p = 1: 32 MiB and about 0.1 s a check on this machine, so a stolen file
    /// costs an attacker that much per guess, and the console's lock-out bounds guesses online.
    public static let standard = KDFParameters(logN: 15, r: 8, p: 1)
    /// For tests only: the same algorithm at a cost that keeps test suites fast.
    public static let fastForTests = KDFParameters(logN: 10, r: 8, p: 1)

    /// Bounds accepted from a file, so a damaged or hostile file cannot ask for gigabytes.
    static let logNRange = 10...20
    static let rRange = 1...16
    static let pRange = 1...4
}

/// A salted scrypt hash of a PIN. The PIN itself is never kept.
public struct PINHash: Hashable, Sendable {
    public var parameters: KDFParameters
    public var salt: [UInt8]
    public var hash: [UInt8]

    static let saltBytes = 16
    static let hashBytes = 32

    /// Hashes `pin` with a fresh random salt.
    public static func make(pin: String, parameters: KDFParameters = .standard) throws -> PINHash {
        var salt = [UInt8](repeating: 0, count: saltBytes)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255, using: &rng) }
        return PINHash(parameters: parameters, salt: salt, hash: try derive(pin: pin, salt: salt, parameters: parameters))
    }

    static func derive(pin: String, salt: [UInt8], parameters: KDFParameters) throws -> [UInt8] {
        do {
            let key = try KDF.Scrypt.deriveKey(from: Array(pin.utf8), salt: salt, outputByteCount: hashBytes,
                                               rounds: 1 << parameters.logN, blockSize: parameters.r,
                                               parallelism: parameters.p)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw CredentialError("cannot derive a PIN hash (scrypt N=2^\(parameters.logN), r=\(parameters.r), p=\(parameters.p)): \(error)")
        }
    }

    /// Whether `pin` is the PIN this hash was made from (compared in constant time).
    public func matches(_ pin: String) throws -> Bool {
        let candidate = try Self.derive(pin: pin, salt: salt, parameters: parameters)
        guard candidate.count == hash.count else { return false }
        var diff: UInt8 = 0
        for i in hash.indices { diff |= candidate[i] ^ hash[i] }
        return diff == 0
    }
}

/// One login: an id, the role it acts in, and its PIN hash.
public struct Account: Hashable, Sendable {
    public var id: String
    /// judge, chief, staff or admin.
    public var role: Actor.Role
    public var pin: PINHash
    public init(id: String, role: Actor.Role, pin: PINHash) { self.id = id; self.role = role; self.pin = pin }

    /// The actor this account acts as once its PIN is verified.
    public var actor: Actor { Actor(role, id) }

    /// The roles an account may have (system and spectator never log in).
    public static let roles: [Actor.Role] = [.judge, .chief, .staff, .admin]
}

/// The rules for PINs and account ids, checked before anything is hashed or written.
public enum CredentialRules {
    /// A PIN is 4 to 12 digits (typed on a keypad, under time pressure).
    public static func checkPIN(_ pin: String) throws(CredentialError) {
        guard (4...12).contains(pin.count) else { throw CredentialError("a PIN is 4 to 12 digits (this one has \(pin.count) characters)") }
        guard pin.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw CredentialError("a PIN is digits only (0-9)") }
    }

    /// Ids: 1 to 32 ASCII letters, digits, `-`, `_` or `.` (they go into the file and the log).
    public static func checkID(_ id: String) throws(CredentialError) {
        guard (1...32).contains(id.count),
              id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) })
        else { throw CredentialError("account id \"\(id)\" must be 1 to 32 ASCII letters, digits, '-', '_' or '.'") }
    }
}

/// A venue's logins, as salted scrypt hashes, never in the log. Where they live depends on the
/// venue's store (`StoreKind.readAccounts` / `upsertAccount`, the credentials seam):
///
/// - a directory venue: `DIR/credentials`, a text file, one account a line after a version line:
///   ```
///   podium-credentials 1
///   J01	judge	scrypt	15	8	1	<salt, hex>	<hash, hex>
///   ```
///   It is mode 0600, written atomically (a temporary file in the same directory, fsync, rename,
///   fsync of the directory) under an exclusive `flock` on `DIR/credentials.lock`, so two staff
///   setting PINs at once cannot lose one. It is refused on open when group or others may read
///   or write it.
/// - a PostgreSQL venue: the table `podium_credentials` (id, record), `record` being one such
///   line, readable by the venue's owning role only; an upsert holds the venue's own lock.
///
/// Lock-out counters are in neither: they are folded from the log (see `Login`).
public struct CredentialStore: Sendable {
    /// Where the accounts are, for messages: `DIR/credentials`, or the table on its server.
    public let path: String
    /// The venue's location (a directory or a store URL).
    public let location: String
    public private(set) var accounts: [String: Account]

    public static let fileName = "credentials"
    static let header = "podium-credentials 1"

    public static func path(in directory: String) -> String { directory + "/" + fileName }

    /// Where the accounts of the venue at `location` are, for messages.
    public static func name(in location: String) -> String {
        guard let kind = try? StoreKinds.kind(of: location) else { return location }
        return kind.credentialsName(location)
    }

    /// Reads the accounts of the venue at `location` (a directory: `DIR/credentials`, absent
    /// meaning none; a store URL: its store's credentials).
    public static func open(directory location: String) throws -> CredentialStore {
        let kind = try StoreKinds.kind(of: location)
        return CredentialStore(path: kind.credentialsName(location), location: location, accounts: try kind.readAccounts(location))
    }

    init(path: String, location: String, accounts: [String: Account]) {
        self.path = path; self.location = location; self.accounts = accounts
    }

    public subscript(id: String) -> Account? { accounts[id] }

    /// Sets (or replaces) the PIN of `id`, re-reading the account under the store's lock first
    /// so a concurrent change is kept. An id holds one account: a staff id cannot become a judge's.
    public mutating func setPIN(id: String, role: Actor.Role, pin: String, parameters: KDFParameters = .standard) throws {
        try CredentialRules.checkID(id)
        try CredentialRules.checkPIN(pin)
        guard Account.roles.contains(role) else { throw CredentialError("role \(role.rawValue) cannot log in (judge, chief, staff or admin)") }
        let account = Account(id: id, role: role, pin: try PINHash.make(pin: pin, parameters: parameters))
        let name = path
        accounts = try StoreKinds.kind(of: location).upsertAccount(location, account) { existing in
            if let existing, Self.isJudgeRole(existing.role) != Self.isJudgeRole(role) {
                throw CredentialError("\(name): \(id) is already a \(existing.role.rawValue) account; an id holds one account")
            }
        }
    }

    // MARK: The file (the file store kind's side of the seam)

    /// `DIR/credentials`' accounts (none when it is absent).
    static func readFile(in directory: String) throws -> [String: Account] { try read(path(in: directory)) }

    /// Replaces one account of `DIR/credentials` under its lock: re-reads the file, lets `check`
    /// refuse on the current account of that id, writes the file atomically.
    static func upsertFile(in directory: String, _ account: Account, check: (Account?) throws -> Void) throws -> [String: Account] {
        let path = path(in: directory)
        let lock = try Self.lock(path)
        defer { close(lock) }
        var current = try Self.read(path)
        try check(current[account.id])
        current[account.id] = account
        try Self.write(current, to: path)
        return current
    }

    static func isJudgeRole(_ r: Actor.Role) -> Bool { r == .judge || r == .chief }

    static func lock(_ path: String) throws -> Int32 {
        let lockPath = path + ".lock"
        let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CredentialError("\(lockPath): cannot open: \(String(cString: strerror(errno)))") }
        do { try Posix.flock(fd, LOCK_EX, lockPath) } catch { close(fd); throw CredentialError("\(error)") }
        return fd
    }

    static func read(_ path: String) throws -> [String: Account] {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 {
            if errno == ENOENT { return [:] }
            throw CredentialError("\(path): cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw CredentialError("\(path): cannot stat: \(String(cString: strerror(errno)))") }
        guard st.st_mode & S_IFMT == S_IFREG else { throw CredentialError("\(path): not a regular file") }
        let mode = st.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw CredentialError("\(path): mode \(String(mode, radix: 8)) lets others read or change the PIN hashes; refusing it (run chmod 600 \(path))")
        }
        let bytes = try Posix.readAll(fd, count: Int(st.st_size), at: 0, path)
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws -> [String: Account] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first else { return [:] }
        guard first == header else { throw CredentialError("\(path) line 1: expected \"\(header)\", not a Podium credentials file") }
        var out: [String: Account] = [:]
        for (i, line) in lines.enumerated().dropFirst() {
            let at = "\(path) line \(i + 1)"
            if line.isEmpty || line.hasPrefix("#") { continue }
            let account = try parseLine(line, at: at)
            guard out[account.id] == nil else { throw CredentialError("\(at): account \(account.id) appears twice") }
            out[account.id] = account
        }
        return out
    }

    /// One account from its line (`at` names where it came from, for the message).
    public static func parseLine(_ line: String, at: String) throws -> Account {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 8 else { throw CredentialError("\(at): expected 8 tab-separated fields, found \(f.count)") }
        do { try CredentialRules.checkID(f[0]) } catch { throw CredentialError("\(at): \(error)") }
        guard let role = Actor.Role(rawValue: f[1]), Account.roles.contains(role) else {
            throw CredentialError("\(at): unknown role \"\(f[1])\" (judge, chief, staff or admin)")
        }
        guard f[2] == "scrypt" else { throw CredentialError("\(at): unknown key derivation \"\(f[2])\" (scrypt)") }
        guard let logN = Int(f[3]), KDFParameters.logNRange.contains(logN), let r = Int(f[4]), KDFParameters.rRange.contains(r),
              let p = Int(f[5]), KDFParameters.pRange.contains(p) else {
            throw CredentialError("\(at): scrypt parameters out of range (log2 N \(KDFParameters.logNRange), r \(KDFParameters.rRange), p \(KDFParameters.pRange))")
        }
        guard let salt = hexBytes(f[6]), salt.count >= 8, let hash = hexBytes(f[7]), hash.count == PINHash.hashBytes else {
            throw CredentialError("\(at): salt or hash is not valid hex of the right length")
        }
        return Account(id: f[0], role: role, pin: PINHash(parameters: KDFParameters(logN: logN, r: r, p: p), salt: salt, hash: hash))
    }

    /// An account's line: id, role, "scrypt", log2 N, r, p, salt and hash in hex, tab-separated.
    public static func renderLine(_ a: Account) -> String {
        let k = a.pin.parameters
        return [a.id, a.role.rawValue, "scrypt", "\(k.logN)", "\(k.r)", "\(k.p)", hex(a.pin.salt), hex(a.pin.hash)].joined(separator: "\t")
    }

    static func render(_ accounts: [String: Account]) -> String {
        var text = header + "\n"
        for a in accounts.values.sorted(by: { $0.id < $1.id }) { text += renderLine(a) + "\n" }
        return text
    }

    /// Temporary file (0600) in the same directory, synced, renamed over, the directory synced
    /// (`AtomicFile`).
    static func write(_ accounts: [String: Account], to path: String) throws {
        do { try AtomicFile.write(Array(render(accounts).utf8), to: path, mode: 0o600) } catch {
            throw CredentialError("\(path): cannot replace: \(error)")
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var s = ""
        s.reserveCapacity(bytes.count * 2)
        for b in bytes { s.append(digits[Int(b >> 4)]); s.append(digits[Int(b & 15)]) }
        return s
    }

    static func hexBytes(_ s: String) -> [UInt8]? {
        let chars = Array(s.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var i = 0
        while i < chars.count {
            guard let h = nibble(chars[i]), let l = nibble(chars[i + 1]) else { return nil }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }
}
