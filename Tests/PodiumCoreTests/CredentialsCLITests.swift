import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// `podium judges set-pin` and `podium staff set-pin` from a script (PIN on standard input), and
/// the SSH login through DIR/unix-users.
@Suite("Credentials on the command line")
struct CredentialsCLITests {
    @Test("set-pin: a PIN from stdin, mode 0600, one log record without the PIN; bad input refused, nothing appended")
    func setPIN() throws {
        let dir = TempDir()
        let venue = dir.file("v")
        try Venue.create(directory: venue, definition: markingDefinition())
        let records = { try LogReader(path: Venue.logPath(venue)).records().count }
        let before = try records()
        let ok = try runPodium(["judges", "set-pin", venue, "K1"], stdin: "86420\n")
        #expect(ok.status == 0, "\(ok.err)")
        #expect(ok.out.contains("PIN set for chief K1 马丁"))
        var st = stat()
        stat(CredentialStore.path(in: venue), &st)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(try records() == before + 1)
        let v = try Venue(directory: venue)
        #expect(try CredentialStore.verify(id: "K1", pin: "86420", venue: v) == .ok(Actor(.chief, "K1")))
        let log = String(decoding: readBytes(Venue.logPath(venue)), as: UTF8.self)
        #expect(!log.contains("86420"))
        let count = try records()
        for (args, stdin, message) in [
            (["judges", "set-pin", venue, "K1"], "12\n", "4 to 12 digits"),
            (["judges", "set-pin", venue, "K1"], "12ab\n", "digits only"),
            (["judges", "set-pin", venue, "NOBODY"], "1234\n", "no judge \"NOBODY\""),
            (["judges", "set-pin", venue, "K1"], "", "no PIN on standard input"),
            (["staff", "set-pin", venue, "J1", "--role", "staff"], "1234\n", "J1 is a judge"),
            (["staff", "set-pin", venue, "bad id", "--role", "admin"], "1234\n", "must be 1 to 32"),
        ] {
            let r = try runPodium(args, stdin: stdin)
            #expect(r.status != 0 && r.err.contains(message), "\(args): \(r.status) \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "one line: \(r.err)")
        }
        #expect(try records() == count)
        let staff = try runPodium(["staff", "set-pin", venue, "desk1", "--role", "admin"], stdin: "555555\n")
        #expect(staff.status == 0, "\(staff.err)")
        #expect(try CredentialStore.open(directory: venue)["desk1"]?.role == .admin)
        // A credentials file others can read is refused by every command that uses it.
        chmod(CredentialStore.path(in: venue), 0o644)
        let refused = try runPodium(["judges", "set-pin", venue, "J1"], stdin: "1234\n")
        #expect(refused.status != 0 && refused.err.contains("chmod 600"), "\(refused.err)")
    }

    @Test("set-pin needs a login once an admin exists: admin's PIN first line, new PIN second; a staff login sets judges' PINs only")
    func setPINLogin() throws {
        let dir = TempDir()
        let venue = dir.file("v")
        try Venue.create(directory: venue, definition: markingDefinition())
        let credentials = CredentialStore.path(in: venue)
        let records = { try LogReader(path: Venue.logPath(venue)).records().map { try EventRecord($0) } }
        // The first admin: no login, one note on stderr.
        let first = try runPodium(["staff", "set-pin", venue, "boss", "--role", "admin"], env: ["PODIUM_ACTOR": "li"], stdin: "246810\n")
        #expect(first.status == 0, "\(first.err)")
        #expect(first.err.split(separator: "\n").count == 1 && first.err.contains("holds no admin account yet"), "\(first.err)")
        #expect(try records().last?.actor == "staff:li")
        // A second account: refused without --as, and with a wrong PIN; nothing changed but login.failed.
        let file = readBytes(credentials)
        let count = try records().count
        let noLogin = try runPodium(["staff", "set-pin", venue, "desk1", "--role", "staff"], stdin: "555555\n")
        #expect(noLogin.status != 0 && noLogin.err.contains("needs an admin's login, --as ID"), "\(noLogin.err)")
        #expect(noLogin.err.split(separator: "\n").count == 1, "\(noLogin.err)")
        #expect(try records().count == count)
        let wrong = try runPodium(["staff", "set-pin", venue, "desk1", "--role", "staff", "--as", "boss"], stdin: "000000\n555555\n")
        #expect(wrong.status != 0 && wrong.err.contains("wrong PIN"), "\(wrong.err)")
        #expect(wrong.err.split(separator: "\n").count == 1, "\(wrong.err)")
        #expect(readBytes(credentials) == file)
        #expect(try records().dropFirst(count).map(\.event.typeName) == ["login.failed"])
        // The new PIN alone (no admin PIN before it) is taken as the admin's PIN and refused.
        let swapped = try runPodium(["staff", "set-pin", venue, "desk1", "--role", "staff", "--as", "boss"], stdin: "555555\n")
        #expect(swapped.status != 0 && swapped.err.contains("wrong PIN"), "\(swapped.err)")
        #expect(readBytes(credentials) == file)
        // The right admin PIN, then the new PIN.
        let ok = try runPodium(["staff", "set-pin", venue, "desk1", "--role", "staff", "--as", "boss"], stdin: "246810\n555555\n")
        #expect(ok.status == 0 && ok.err.isEmpty, "\(ok.err)")
        #expect(try records().suffix(2).map(\.event.typeName) == ["login.succeeded", "account.pin-set"])
        #expect(try records().last?.actor == "admin:boss")
        let v = try Venue(directory: venue)
        #expect(try CredentialStore.verify(id: "desk1", pin: "555555", venue: v) == .ok(Actor(.staff, "desk1")))
        // A staff login sets a judge's PIN...
        let judge = try runPodium(["judges", "set-pin", venue, "J1", "--as", "desk1"], stdin: "555555\n1234\n")
        #expect(judge.status == 0, "\(judge.err)")
        #expect(try records().last?.actor == "staff:desk1")
        #expect(try CredentialStore.verify(id: "J1", pin: "1234", venue: try Venue(directory: venue)) == .ok(Actor(.judge, "J1")))
        // ...but creates no admin, touches no other staff account, and cannot promote itself.
        for args in [["staff", "set-pin", venue, "evil", "--role", "admin", "--as", "desk1"],
                     ["staff", "set-pin", venue, "boss", "--role", "admin", "--as", "desk1"],
                     ["staff", "set-pin", venue, "desk1", "--role", "admin", "--as", "desk1"]] {
            let before = readBytes(credentials)
            let r = try runPodium(args, stdin: "555555\n999999\n")
            #expect(r.status != 0 && r.err.contains("only an admin creates or changes"), "\(args): \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
            #expect(readBytes(credentials) == before)
            #expect(try records().last?.event.typeName != "account.pin-set")
        }
        #expect(try CredentialStore.open(directory: venue)["evil"] == nil)
        // A judge's PIN without a login, or by a judge, is refused.
        let anon = try runPodium(["judges", "set-pin", venue, "J1"], stdin: "4321\n")
        #expect(anon.status != 0 && anon.err.contains("a staff or admin account's login"), "\(anon.err)")
        let byJudge = try runPodium(["judges", "set-pin", venue, "K1", "--as", "J1"], stdin: "1234\n4321\n")
        #expect(byJudge.status != 0, "\(byJudge.err)")
        #expect(try CredentialStore.open(directory: venue)["K1"] == nil)
        // An account changes its own PIN with its current one.
        let own = try runPodium(["staff", "set-pin", venue, "desk1", "--role", "staff", "--as", "desk1"], stdin: "555555\n777777\n")
        #expect(own.status == 0, "\(own.err)")
        #expect(try CredentialStore.verify(id: "desk1", pin: "777777", venue: try Venue(directory: venue)) == .ok(Actor(.staff, "desk1")))
    }

    @Test("--unix-user: the Unix user this process runs as, mapped to a judge, logged in and logged")
    func unixUser() throws {
        let dir = TempDir()
        let path = dir.file("v")
        let venue = try Venue.create(directory: path, definition: markingDefinition())
        let me = try #require(UnixUserMap.currentUser())
        let map = path + "/" + UnixUserMap.fileName
        writeBytes(map, Array("# test\n\(me) K1\nsomeoneelse J1\n".utf8))
        chmod(map, 0o644)
        #expect(try UnixUserMap.login(venue: venue) == Actor(.chief, "K1"))
        let last = try EventRecord(try LogReader(path: venue.logPath).records().last!)
        guard case let .loginSucceeded(l) = last.event else { Issue.record("\(last)"); return }
        #expect(l.account == "K1" && l.via == "unix-user \(me)")
        writeBytes(map, Array("someoneelse J1\n".utf8))
        #expect(throws: CredentialError.self) { _ = try UnixUserMap.login(venue: venue) }
        writeBytes(map, Array("\(me) NOTAJUDGE\n".utf8))
        #expect(throws: CredentialError.self) { _ = try UnixUserMap.login(venue: venue) }
    }

    @Test("podium judge refuses a bad venue, an unknown judge, a missing unix-users map, and no terminal, each in one line")
    func judgeCommandRefusals() throws {
        let dir = TempDir()
        let venue = dir.file("v")
        try Venue.create(directory: venue, definition: markingDefinition())
        for (args, message) in [
            (["judge", dir.file("nowhere")], "not a venue"),
            (["judge", venue, "--judge", "NOBODY"], "--judge NOBODY: no such judge"),
            (["judge", venue, "--unix-user"], "unix-users: no such file"),
            (["judge", venue, "--judge", "J1"], "needs a terminal"),
            (["judge", venue, "--lang", "fr"], "--lang must be zh or en"),
        ] {
            let r = try runPodium(args)
            #expect(r.status != 0 && r.err.contains(message), "\(args): \(r.status) \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "one line: \(r.err)")
        }
    }
}
