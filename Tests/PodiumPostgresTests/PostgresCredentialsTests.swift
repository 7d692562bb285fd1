import Foundation
import Testing
import PodiumCore
import PodiumPostgres
import PodiumTestSupport
import PodiumUI

/// Credentials of a PostgreSQL venue (issue 11): PIN hashes in `podium_credentials`, never in
/// the log, readable by the venue's owning role only; set-pin, staff and judge logins and the
/// lock-out work on a URL as on a directory.
@Suite("Credentials of a PostgreSQL venue", .serialized)
struct PostgresCredentialsTests {
    init() { StoreKinds.register(PostgresStoreKind()) }

    /// A demo venue in a database owned by a role of its own (not a superuser), as
    /// docs/deployment.md has it; returns the server, the database, its URL and the owner.
    func venue(_ prefix: String) throws -> (PostgresServer, String, String, String) {
        let server = try SharedServer.get()
        let owner = "\(prefix)_writer_\(UInt32.random(in: 0...UInt32.max))"
        _ = try server.psql("CREATE ROLE \(owner) LOGIN")
        let db = try server.createDatabase(prefix: prefix, owner: owner)
        let url = server.url(database: db, user: owner)
        try Venue.create(directory: url, definition: DemoCompetition.definition())
        return (server, db, url, owner)
    }

    func records(_ url: String) throws -> [EventRecord] {
        try PostgresStoreKind().openReader(url).records().map { try EventRecord($0) }
    }

    @Test("set-pin on a URL, then a staff command with --as: the right PIN runs it, a wrong one is refused in one line and only login.failed is appended")
    func staffCommandsOnURL() throws {
        let (server, db, url, _) = try venue("creds_cli")
        let admin = try PodiumProcess.run(["staff", "set-pin", url, "desk1", "--role", "admin"], stdin: "555555\n")
        try #require(admin.status == 0, "\(admin.err)")
        #expect(admin.err.contains("podium_credentials holds no admin account yet"), "\(admin.err)")
        // With an admin, a judge's PIN needs a staff login: its PIN first, then the new one.
        let judge = try #require(try Venue(directory: url).state.judges.items.first)
        let jset = try PodiumProcess.run(["judges", "set-pin", url, judge.id], stdin: "2468\n")
        #expect(jset.status != 0 && jset.err.contains("--as ID"), "\(jset.err)")
        let jset2 = try PodiumProcess.run(["judges", "set-pin", url, judge.id, "--as", "desk1"], stdin: "555555\n2468\n")
        #expect(jset2.status == 0, "\(jset2.err)")

        let before = try records(url).count
        let ok = try PodiumProcess.run(["announce", url, "午餐 12:00 在二号馆", "--as", "desk1"], stdin: "555555\n")
        #expect(ok.status == 0, "\(ok.err)")
        let added = try records(url).dropFirst(before)
        #expect(added.map(\.event.typeName) == ["login.succeeded", "announcement.posted"])
        #expect(added.last?.actor == "admin:desk1")

        let seq = try records(url).count
        let wrong = try PodiumProcess.run(["announce", url, "不该出现", "--as", "desk1"], stdin: "000000\n")
        #expect(wrong.status != 0)
        #expect(wrong.err.split(separator: "\n").count == 1 && wrong.err.contains("wrong PIN"), "\(wrong.err)")
        #expect(try records(url).dropFirst(seq).map(\.event.typeName) == ["login.failed"])
        // Without --as, a venue with staff accounts refuses before anything is appended.
        let anonymous = try PodiumProcess.run(["announce", url, "不该出现"], stdin: "555555\n")
        #expect(anonymous.status != 0 && anonymous.err.contains("--as ID"), "\(anonymous.err)")
        #expect(try records(url).count == seq + 1)

        // The hashes are in the table, one line of the file format each; none is in the log.
        let rows = try server.psql("SELECT id || ' ' || split_part(record, E'\\t', 2) FROM podium_credentials ORDER BY id", database: db)
        #expect(rows.split(separator: "\n").map(String.init).sorted() == ["\(judge.id) \(judge.chief ? "chief" : "judge")", "desk1 admin"].sorted())
        let accounts = try CredentialStore.open(directory: url).accounts
        let log = try PostgresStoreKind().openReader(url).records()
        for a in accounts.values {
            let secret = Array(CredentialStore.renderLine(a).split(separator: "\t")[7].utf8)
            #expect(!log.contains { $0.body.firstRange(of: secret) != nil || $0.body.firstRange(of: a.pin.hash) != nil })
        }
    }

    @Test("a judge logs in on a URL through JudgeSession and VenueJudgeBackend; wrong PINs lock the account for every console")
    func judgeLoginOnURL() throws {
        let (_, _, url, _) = try venue("creds_judge")
        let judge = try #require(try Venue(directory: url).state.judges.items.first)
        let role: Actor.Role = judge.chief ? .chief : .judge
        var store = try CredentialStore.open(directory: url)
        try store.setPIN(id: judge.id, role: role, pin: "2468", parameters: .fastForTests)
        #expect(store.path.hasSuffix("podium_credentials"))
        // An id holds one account, checked against the table under the venue's lock.
        #expect { try store.setPIN(id: judge.id, role: .staff, pin: "1357", parameters: .fastForTests) } throws: { e in
            "\(e)".contains("already a \(role.rawValue) account")
        }

        let session = try JudgeSession(backend: VenueJudgeBackend(directory: url), options: JudgeOptions(lang: .zh, judgeID: judge.id))
        for c in "2468" { _ = session.handle(.char(c), now: Date()) }
        _ = session.handle(.enter, now: Date())
        #expect(session.model.actor == Actor(role, judge.id))

        // Whole seconds: the log keeps times to the microsecond, and a console that read the
        // lock-out back from the server compares its end with this one's.
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let console = try VenueJudgeBackend(directory: url), other = try VenueJudgeBackend(directory: url)
        #expect(try console.verify(id: judge.id, pin: "1111", now: now) == .wrong(attemptsLeft: 4))
        for i in 2...4 { _ = try (i % 2 == 0 ? other : console).verify(id: judge.id, pin: "1111", now: now) }
        guard case let .lockedOut(until) = try other.verify(id: judge.id, pin: "1111", now: now) else {
            Issue.record("not locked out after five wrong PINs from two consoles"); return
        }
        #expect(try console.verify(id: judge.id, pin: "2468", now: now + 1) == .lockedOut(until: until))
        #expect(try console.verify(id: judge.id, pin: "2468", now: until + 1) == .ok(Actor(role, judge.id)))
        #expect(try console.verify(id: "NOPE", pin: "2468", now: until + 2) == .unknown)
    }

    @Test("the board role reads the log but cannot SELECT the credentials; a grant on them is refused")
    func boardRoleCannotRead() throws {
        let (server, db, url, owner) = try venue("creds_board")
        var store = try CredentialStore.open(directory: url)
        try store.setPIN(id: "desk1", role: .admin, pin: "555555", parameters: .fastForTests)
        let board = "\(db)_board"
        _ = try server.psql("CREATE ROLE \(board) LOGIN")
        _ = try server.psql("GRANT CONNECT ON DATABASE \(db) TO \(board); GRANT SELECT ON podium_venue, podium_events TO \(board)", database: db, user: owner)
        #expect(try server.psql("SELECT count(*) > 0 FROM podium_events", database: db, user: board).contains("t"))
        #expect { _ = try server.psql("SELECT record FROM podium_credentials", database: db, user: board) } throws: { e in
            "\(e)".contains("permission denied")
        }
        let boardURL = server.url(database: db, user: board)
        #expect { _ = try CredentialStore.open(directory: boardURL) } throws: { e in
            "\(e)".contains("permission denied") && !"\(e)".contains("\n")
        }
        // A staff command run as the board role fails in one line; nothing is appended.
        let seq = try records(url).count
        let r = try PodiumProcess.run(["announce", boardURL, "不该出现", "--as", "desk1"], stdin: "555555\n")
        #expect(r.status != 0 && r.err.split(separator: "\n").count == 1, "\(r.err)")
        #expect(try records(url).count == seq)

        // Someone grants the board the table: the venue's owner refuses to use it until revoked.
        _ = try server.psql("GRANT SELECT ON podium_credentials TO \(board)", database: db, user: owner)
        #expect { _ = try CredentialStore.open(directory: url) } throws: { e in
            "\(e)".contains("open to \(board)") && "\(e)".contains("REVOKE ALL ON podium_credentials FROM \(board)")
        }
        _ = try server.psql("REVOKE ALL ON podium_credentials FROM \(board)", database: db, user: owner)
        #expect(try CredentialStore.open(directory: url)["desk1"]?.role == .admin)
    }

    @Test("--unix-user on a URL is refused in one line (the map is a file beside a venue directory)")
    func unixUserOnURL() throws {
        let (_, _, url, _) = try venue("creds_unix")
        #expect { _ = try UnixUserMap.login(venue: try Venue(directory: url)) } throws: { e in
            "\(e)".contains("--unix-user") && "\(e)".contains("log in with a PIN")
        }
    }
}
