import Foundation
import Testing
import PodiumTestSupport

@Suite("The throw-away PostgreSQL server", .serialized)
struct PostgresServerTests {
    @Test("initdb on a free port, SQL, stop -m immediate keeps committed rows, removed when dropped")
    func lifecycle() throws {
        let base = try exercise()
        #expect(!FileManager.default.fileExists(atPath: base), "the cluster's directory is removed with it")
    }

    /// Makes, uses and drops a server; returns where it was.
    private func exercise() throws -> String {
        let s = try PostgresServer()
        let base = s.baseDir
        #expect(s.port > 0 && s.port != 5432)
        let db = try s.createDatabase()
        try s.psql("CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2)", database: db)
        try s.stop(.immediate)
        #expect(throws: (any Error).self) { try s.psql("SELECT 1") }
        try s.start()
        #expect(try s.psql("SELECT sum(x) FROM t", database: db).trimmingCharacters(in: .whitespacesAndNewlines) == "3")
        try s.restart()
        #expect(try s.psql("SHOW synchronous_commit").contains("on"))
        return base
    }
}
