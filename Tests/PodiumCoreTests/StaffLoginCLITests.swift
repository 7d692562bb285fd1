import Foundation
import Testing
@testable import PodiumCore

/// The plain staff commands log staff in like the console does once DIR/credentials holds a
/// staff or admin account: `--as ID` (or PODIUM_ACTOR=staff:ID) and the PIN on standard input,
/// checked by `CredentialStore.verify`.
@Suite("Staff logins for the plain commands", .serialized)
struct StaffLoginCLITests {
    /// S01 marked and signed off (ResultsCLITests' venue), with admin desk1 (PIN 555555) and
    /// judge J1 (PIN 1234) in DIR/credentials.
    func venue() throws -> (TempDir, String) {
        let (dir, path) = try ResultsCLITests().venue()
        let admin = try runPodium(["staff", "set-pin", path, "desk1", "--role", "admin"], stdin: "555555\n")
        try #require(admin.status == 0, "\(admin.err)")
        // With an admin account, a judge's PIN needs a staff login: its PIN first, then the new one.
        let judge = try runPodium(["judges", "set-pin", path, "J1", "--as", "desk1"], stdin: "555555\n1234\n")
        try #require(judge.status == 0, "\(judge.err)")
        return (dir, path)
    }

    func records(_ path: String) throws -> [EventRecord] {
        try LogReader(path: Venue.logPath(path)).records().map { try EventRecord($0) }
    }

    @Test("the right PIN: the command runs, and its record's actor is the account (role from DIR/credentials)")
    func rightPIN() throws {
        let (tmp, path) = try venue()
        defer { withExtendedLifetime(tmp) {} }
        let before = try records(path).count
        let r = try runPodium(["publish", path, "S01", "--as", "desk1"], env: ["PODIUM_ACTOR": "mallory"], stdin: "555555\n")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("published"))
        let added = try records(path).dropFirst(before)
        #expect(added.map(\.event.typeName) == ["login.succeeded", "results.published"])
        #expect(added.last?.actor == "admin:desk1")
        // PODIUM_ACTOR=staff:ID names the account too; the role is still the account's.
        let a = try runPodium(["announce", path, "午餐时间 Lunch"], env: ["PODIUM_ACTOR": "staff:desk1"], stdin: "555555\n")
        #expect(a.status == 0, "\(a.err)")
        #expect(try records(path).last?.actor == "admin:desk1")
        #expect(try records(path).last?.event.typeName == "announcement.posted")
    }

    @Test("a wrong PIN: one line, nothing but login.failed appended, counted towards the lock-out")
    func wrongPIN() throws {
        let (tmp, path) = try venue()
        defer { withExtendedLifetime(tmp) {} }
        for attempt in 1...LockoutPolicy.standard.maxFailures {
            let before = try records(path).count
            let r = try runPodium(["publish", path, "S01", "--as", "desk1"], stdin: "000000\n")
            #expect(r.status != 0, "attempt \(attempt)")
            #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
            #expect(r.err.contains(attempt < LockoutPolicy.standard.maxFailures ? "wrong PIN" : "locked out"), "\(r.err)")
            let added = try records(path).dropFirst(before).map(\.event.typeName)
            #expect(added.first == "login.failed" && !added.contains("results.published"), "\(added)")
        }
        let v = try Venue(directory: path)
        #expect(v.state.accounts["desk1"]?.isLocked(at: Date()) == true)
        // Locked out: even the right PIN is refused now, and nothing is appended.
        let before = try records(path).count
        let locked = try runPodium(["clock", path, "pause", "--as", "desk1"], stdin: "555555\n")
        #expect(locked.status != 0 && locked.err.contains("locked out"), "\(locked.err)")
        #expect(try records(path).count == before)
    }

    @Test("refused in one line with nothing appended: a judge's account, no --as, an unknown account, no PIN")
    func refusals() throws {
        let (tmp, path) = try venue()
        defer { withExtendedLifetime(tmp) {} }
        let before = try records(path).count
        for (args, env, stdin, message) in [
            (["publish", path, "S01", "--as", "J1"], [:], "1234\n", "J1 is a judge account"),
            (["publish", path, "S01"], ["PODIUM_ACTOR": "desk1"], "555555\n", "name yours with --as ID"),
            (["schedule", path, "delay", "S01-final", "10"], [:], "555555\n", "name yours with --as ID"),
            (["withdraw", path, "A1", "--as", "nobody"], [:], "555555\n", "no staff account \"nobody\""),
            (["finalize", path, "S01", "--as", "desk1"], [:], "", "no PIN on standard input"),
        ] as [([String], [String: String], String, String)] {
            let r = try runPodium(args, env: env.merging(["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]) { $1 }, stdin: stdin)
            #expect(r.status != 0 && r.err.contains(message), "\(args): \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "\(args): \(r.err)")
        }
        #expect(try records(path).count == before)
    }

    @Test("finalize asks for the PIN every time, after publish did too")
    func finalizeNeedsPIN() throws {
        let (tmp, path) = try venue()
        defer { withExtendedLifetime(tmp) {} }
        #expect(try runPodium(["publish", path, "S01", "--as", "desk1"], stdin: "555555\n").status == 0)
        let wrong = try runPodium(["finalize", path, "S01", "--as", "desk1"], stdin: "111111\n")
        #expect(wrong.status != 0 && wrong.err.contains("wrong PIN"), "\(wrong.err)")
        #expect(try records(path).last?.event.typeName == "login.failed")
        let ok = try runPodium(["finalize", path, "S01", "--as", "desk1"], stdin: "555555\n")
        #expect(ok.status == 0, "\(ok.err)")
        let last = try records(path).suffix(2)
        #expect(last.map(\.event.typeName) == ["login.succeeded", "results.finalized"])
        #expect(last.last?.actor == "admin:desk1")
    }

    @Test("no staff accounts: as before (PODIUM_ACTOR, unchecked), and one line on stderr for commands that change results")
    func noAccounts() throws {
        let (tmp, path) = try ResultsCLITests().venue()
        defer { withExtendedLifetime(tmp) {} }
        let pub = try runPodium(["publish", path, "S01"], env: ["PODIUM_ACTOR": "li"])
        #expect(pub.status == 0, "\(pub.err)")
        #expect(pub.err.split(separator: "\n").count == 1 && pub.err.contains("holds no staff accounts"), "\(pub.err)")
        #expect(try records(path).last?.actor == "staff:li")
        let a = try runPodium(["announce", path, "Lunch"], env: ["PODIUM_ACTOR": "li"])
        #expect(a.status == 0 && a.err.isEmpty, "\(a.err)")
        // A judge's account alone does not turn the staff login on.
        #expect(try runPodium(["judges", "set-pin", path, "J1"], stdin: "1234\n").status == 0)
        let fin = try runPodium(["finalize", path, "S01"], env: ["PODIUM_ACTOR": "li"])
        #expect(fin.status == 0 && fin.err.contains("holds no staff accounts"), "\(fin.err)")
        #expect(try records(path).last?.actor == "staff:li")
    }
}
