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
