import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// The credential store: PINs as salted scrypt hashes in DIR/credentials (0600, atomic),
/// verify with lock-out counted in the log, and nothing of a PIN ever in the log.
@Suite("Credentials")
struct CredentialsTests {
    let dir = TempDir()
    let start = Date(timeIntervalSince1970: 1_750_400_000)

    func venue() throws -> Venue {
        try Venue.create(directory: dir.file("v"), definition: markingDefinition(), now: start)
    }

    /// A venue with one judge's PIN set.
    func venue(pin: String, for id: String) throws -> (Venue, CredentialStore) {
        let v = try venue()
        var store = try CredentialStore.open(directory: v.directory)
        try store.setPIN(id: id, role: .judge, pin: pin, parameters: .fastForTests)
        return (v, store)
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        stat(path, &st)
        return st.st_mode & 0o777
    }

    @Test("a PIN is stored as a salted scrypt hash, mode 0600, and verifies")
    func storeAndVerify() throws {
        let v = try venue()
        var store = try CredentialStore.open(directory: v.directory)
        #expect(store.accounts.isEmpty)
        try store.setPIN(id: "J1", role: .judge, pin: "482193", parameters: .fastForTests)
        try store.setPIN(id: "J2", role: .judge, pin: "482193", parameters: .fastForTests)
        let path = CredentialStore.path(in: v.directory)
        #expect(mode(path) == 0o600)
        let text = String(decoding: readBytes(path), as: UTF8.self)
        #expect(text.hasPrefix("podium-credentials 1\n"))
        #expect(!text.contains("482193"))
        // Same PIN, different salts: different hashes.
        let reread = try CredentialStore.open(directory: v.directory)
        #expect(reread["J1"]!.pin.salt != reread["J2"]!.pin.salt)
        #expect(reread["J1"]!.pin.hash != reread["J2"]!.pin.hash)
        #expect(try reread["J1"]!.pin.matches("482193"))
        #expect(try !reread["J1"]!.pin.matches("482194"))
        #expect(try CredentialStore.verify(id: "J1", pin: "482193", now: start, venue: v) == .ok(Actor(.judge, "J1")))
        #expect(try CredentialStore.verify(id: "NOPE", pin: "482193", now: start, venue: v) == .unknown)
        // No temporary file left behind.
        let files = try FileManager.default.contentsOfDirectory(atPath: v.directory)
        #expect(!files.contains { $0.contains(".tmp-") }, "\(files)")
    }

    @Test("PIN and id rules")
    func rules() throws {
        #expect(throws: CredentialError.self) { try CredentialRules.checkPIN("123") }
        #expect(throws: CredentialError.self) { try CredentialRules.checkPIN("12a4") }
        #expect(throws: CredentialError.self) { try CredentialRules.checkPIN("1234567890123") }
        try CredentialRules.checkPIN("0000")
        #expect(throws: CredentialError.self) { try CredentialRules.checkID("J 1") }
        #expect(throws: CredentialError.self) { try CredentialRules.checkID("张") }
        #expect(throws: CredentialError.self) { try CredentialRules.checkID("") }
        var store = try CredentialStore.open(directory: dir.path)
        try store.setPIN(id: "ST1", role: .staff, pin: "5555", parameters: .fastForTests)
        // An id holds one account: the staff id cannot become a judge's.
        #expect(throws: CredentialError.self) { try store.setPIN(id: "ST1", role: .judge, pin: "5555", parameters: .fastForTests) }
        #expect(throws: CredentialError.self) { try store.setPIN(id: "X", role: .spectator, pin: "5555", parameters: .fastForTests) }
        // Judge to chief is the same kind of account.
        try store.setPIN(id: "K1", role: .judge, pin: "5555", parameters: .fastForTests)
        try store.setPIN(id: "K1", role: .chief, pin: "6666", parameters: .fastForTests)
        #expect(try CredentialStore.open(directory: dir.path)["K1"]!.role == .chief)
    }

    @Test("wrong PINs count down, the fifth locks the account out, logged with its end; it expires")
    func lockOut() throws {
        let (v, store) = try venue(pin: "2468", for: "J1")
        var now = start
        for left in [4, 3, 2, 1] {
            #expect(try CredentialStore.verify(id: "J1", pin: "1111", now: now, venue: v) == .wrong(attemptsLeft: left))
            now += 10
        }
        let until = now + LockoutPolicy.standard.duration
        #expect(try CredentialStore.verify(id: "J1", pin: "1111", now: now, venue: v) == .lockedOut(until: until))
        // Locked: even the right PIN is refused, and nothing is appended for it.
        let seq = v.state.lastSeq
        #expect(try CredentialStore.verify(id: "J1", pin: "2468", now: now + 60, venue: v) == .lockedOut(until: until))
        #expect(v.state.lastSeq == seq)
        // Another process (a second console) sees the same lock-out from the log.
        let other = try Venue(directory: v.directory)
        #expect(try CredentialStore.verify(id: "J1", pin: "2468", now: now + 61, venue: other) == .lockedOut(until: until))
        // The log holds the failures and the lock-out with its end.
        let records = try LogReader(path: v.logPath).records().map { try EventRecord($0) }
        let types = records.map(\.event.typeName)
        #expect(types.filter { $0 == "login.failed" }.count == 5)
        #expect(records.contains { $0.event == .accountLockedOut(Lockout(account: "J1", until: until)) })
        // After the lock-out the right PIN works, and a success clears the count.
        #expect(try CredentialStore.verify(id: "J1", pin: "2468", now: until + 1, venue: v) == .ok(Actor(.judge, "J1")))
        #expect(try CredentialStore.verify(id: "J1", pin: "0000", now: until + 2, venue: v) == .wrong(attemptsLeft: 4))
    }

    @Test("wrong PINs spread beyond the window do not add up; a new PIN lifts a lock-out")
    func windowAndReset() throws {
        let (v, store) = try venue(pin: "2468", for: "J2")
        var now = start
        for _ in 0..<4 { _ = try CredentialStore.verify(id: "J2", pin: "9999", now: now, venue: v); now += 1 }
        now += LockoutPolicy.standard.window
        #expect(try CredentialStore.verify(id: "J2", pin: "9999", now: now, venue: v) == .wrong(attemptsLeft: 4))
        for _ in 0..<4 { _ = try CredentialStore.verify(id: "J2", pin: "9999", now: now, venue: v) }
        guard case .lockedOut = try CredentialStore.verify(id: "J2", pin: "2468", now: now, venue: v) else {
            Issue.record("expected a lock-out"); return
        }
        var reset = store
        try reset.setPIN(id: "J2", role: .judge, pin: "1357", parameters: .fastForTests)
        try v.execute(.recordPINSet(account: "J2", role: .judge), as: Actor(.staff, "desk"), now: now)
        #expect(try CredentialStore.verify(id: "J2", pin: "1357", now: now + 1, venue: v) == .ok(Actor(.judge, "J2")))
    }

    @Test("only the credential store records logins; only staff record PIN changes")
    func access() throws {
        let v = try venue()
        #expect(throws: CommandError.forbidden("judge:J1 may not record logins (the credential store only)")) {
            try v.execute(.recordLogin(account: "J1", role: .judge, via: "pin", succeeded: true), as: Actor(.judge, "J1"))
        }
        #expect(throws: CommandError.self) { try v.execute(.recordPINSet(account: "J1", role: .judge), as: Actor(.judge, "J1")) }
        #expect(throws: CommandError.self) { try v.execute(.recordPINSet(account: "J1", role: .spectator), as: Actor(.staff, "s")) }
    }

    @Test("a credentials file others may read is refused, and a damaged one is reported with its line")
    func refusedFiles() throws {
        var store = try CredentialStore.open(directory: dir.path)
        try store.setPIN(id: "J1", role: .judge, pin: "2468", parameters: .fastForTests)
        let path = CredentialStore.path(in: dir.path)
        chmod(path, 0o644)
        #expect {
            _ = try CredentialStore.open(directory: dir.path)
        } throws: { ($0 as? CredentialError)?.description.contains("mode 644") == true }
        chmod(path, 0o640)
        #expect(throws: CredentialError.self) { _ = try CredentialStore.open(directory: dir.path) }
        chmod(path, 0o600)
        _ = try CredentialStore.open(directory: dir.path)
        let good = String(decoding: readBytes(path), as: UTF8.self)
        for (bad, expected) in [
            ("nonsense\n", "line 1"),
            (good + "J2\tjudge\tscrypt\t15\n", "line 3: expected 8"),
            (good.replacingOccurrences(of: "\tjudge\t", with: "\tking\t"), "unknown role"),
            (good.replacingOccurrences(of: "\tscrypt\t15\t", with: "\tscrypt\t40\t").replacingOccurrences(of: "\tscrypt\t10\t", with: "\tscrypt\t40\t"), "out of range"),
            (good + good.split(separator: "\n")[1] + "\n", "appears twice"),
        ] {
            unlink(path)
            let fd = open(path, O_WRONLY | O_CREAT, 0o600)
            _ = bad.withCString { write(fd, $0, strlen($0)) }
            close(fd)
            #expect {
                _ = try CredentialStore.open(directory: dir.path)
            } throws: { ($0 as? CredentialError)?.description.contains(expected) == true }
        }
    }

    @Test("no PIN and no hash ever reach the log")
    func nothingInTheLog() throws {
        let v = try venue()
        var store = try CredentialStore.open(directory: v.directory)
        try store.setPIN(id: "J3", role: .judge, pin: "97531", parameters: .fastForTests)
        try v.execute(.recordPINSet(account: "J3", role: .judge), as: Actor(.staff, "desk"), now: start)
        var now = start
        for pin in ["11111", "97530", "97531", "13579", "11111", "22222", "33333", "44444"] {
            _ = try CredentialStore.verify(id: "J3", pin: pin, now: now, venue: v)
            now += 1
        }
        let account = try CredentialStore.open(directory: v.directory)["J3"]!
        let log = readBytes(v.logPath)
        let json = try LogReader(path: v.logPath).records().map { try EventRecord($0).jsonLine() }.joined(separator: "\n")
        for secret in ["97531", "11111", "97530", "13579", "22222", CredentialStore.hex(account.pin.hash), CredentialStore.hex(account.pin.salt)] {
            #expect(!json.contains(secret), "\(secret) in the JSON log")
            #expect(!contains(log, Array(secret.utf8)), "\(secret) in the log file")
        }
        #expect(!contains(log, account.pin.hash) && !contains(log, account.pin.salt))
        #expect(json.contains("\"type\":\"account.locked-out\""))
    }

    func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count, !needle.isEmpty else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<i + needle.count]) == needle { return true }
        return false
    }

    @Test("the unix-users map: parsed with roles, refused when others may write it")
    func unixUsers() throws {
        let path = dir.file(UnixUserMap.fileName)
        writeBytes(path, Array("# venue\nlihua  J01\nwang\tST1 staff # desk\n\n".utf8))
        chmod(path, 0o644)
        let map = try UnixUserMap.open(directory: dir.path)
        #expect(map.entries["lihua"] == UnixUserMap.Entry(user: "lihua", account: "J01", role: nil))
        #expect(map.entries["wang"]?.role == .staff)
        chmod(path, 0o666)
        #expect(throws: CredentialError.self) { _ = try UnixUserMap.open(directory: dir.path) }
        #expect(throws: CredentialError.self) { _ = try UnixUserMap.parse("a J1 king\n", path: "m") }
        #expect(throws: CredentialError.self) { _ = try UnixUserMap.parse("a J1\na J2\n", path: "m") }
    }
}
