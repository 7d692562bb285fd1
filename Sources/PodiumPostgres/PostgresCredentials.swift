import Foundation
import PodiumCore
import PostgresNIO

/// Why a PostgreSQL venue's credentials were refused. None ever holds a PIN or a hash.
public enum PostgresCredentialError: Error, CustomStringConvertible, Localized {
    /// Roles other than the venue's owner have rights on `podium_credentials`.
    case exposed(server: String, roles: String)
    /// A row whose record names another account than its key.
    case mismatched(at: String, account: String)

    public var description: String { said.text(.en) }

    public var said: Said {
        switch self {
        case let .exposed(s, roles):
            return "\(s): podium_credentials is open to \(roles), but only the venue's owning role may read the PIN hashes; refusing it (REVOKE ALL ON podium_credentials FROM \(roles))"
        case let .mismatched(at, account):
            return "\(at): the record is for account \(account); the table has been changed by hand"
        }
    }
}

/// The credentials seam on a PostgreSQL venue: the table `podium_credentials` (id, record), one
/// row an account, `record` being the account's line of the file format
/// (`CredentialStore.renderLine`). `init` makes it owned by the role that made the venue, with
/// PUBLIC's rights revoked; every read also checks that no other role has been granted any
/// right on it (as the file venue refuses a credentials file others can read). An upsert holds
/// the venue's lock, the head row's `FOR UPDATE`, like an append: one writer at a time.
extension PostgresStoreKind {
    public func credentialsName(_ location: String) -> String {
        "\(displayName(location)) \(PostgresSchema.credentialsTable)"
    }

    public func readAccounts(_ location: String) throws -> [String: Account] {
        let s = try PostgresSession(PostgresURL(location))
        return try Self.accounts(s, name: credentialsName(location))
    }

    public func upsertAccount(_ location: String, _ account: Account, check: (Account?) throws -> Void) throws -> [String: Account] {
        let s = try PostgresSession(PostgresURL(location))
        let name = credentialsName(location)
        do {
            try s.run("BEGIN")
            // The venue's lock (see PostgresSchema): two staff setting PINs at once cannot lose one.
            guard try !s.query("SELECT 1 FROM podium_venue FOR UPDATE").isEmpty else {
                throw PostgresStoreError.damaged(server: s.server, reason: "podium_venue has no row")
            }
            let current = try Self.accounts(s, name: name)
            try check(current[account.id])
            try s.query("INSERT INTO podium_credentials (id, record) VALUES (\(account.id), \(CredentialStore.renderLine(account))) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record")
            try s.run("COMMIT")
            var after = current
            after[account.id] = account
            return after
        } catch {
            if !s.isClosed { try? s.run("ROLLBACK") }
            throw error
        }
    }

    /// Every row, checked like the file's lines; refused when another role may touch the table.
    static func accounts(_ s: PostgresSession, name: String) throws -> [String: Account] {
        guard try hasVenue(s) else { throw PostgresStoreError.noVenue(server: s.server) }
        guard try s.value("SELECT to_regclass('podium_credentials') IS NOT NULL", as: Bool.self) == true else {
            throw PostgresStoreError.damaged(server: s.server, reason: "there is no podium_credentials table")
        }
        // Grantees other than the owner (0 is PUBLIC).
        let others = try s.value("""
            SELECT coalesce(string_agg(DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END, ', '), '')
            FROM pg_class c, aclexplode(c.relacl) a
            WHERE c.oid = 'podium_credentials'::regclass AND a.grantee <> c.relowner
            """, as: String.self) ?? ""
        if !others.isEmpty { throw PostgresCredentialError.exposed(server: s.server, roles: others) }
        var out: [String: Account] = [:]
        for row in try s.query("SELECT id, record FROM podium_credentials ORDER BY id") {
            let (id, record): (String, String)
            do { (id, record) = try row.decode((String, String).self) } catch {
                throw PostgresStoreError.server(server: s.server, reason: PostgresSession.reason(error))
            }
            let at = "\(name) row \(id)"
            let account = try CredentialStore.parseLine(record, at: at)
            guard account.id == id else { throw PostgresCredentialError.mismatched(at: at, account: account.id) }
            out[id] = account
        }
        return out
    }
}
