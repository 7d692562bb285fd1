import Foundation

/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (also `postgres://`). Without a password
/// in the URL, `PGPASSWORD` is used. One venue per database.
public struct PostgresURL: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String

    public static func names(_ s: String) -> Bool {
        s.hasPrefix("postgresql://") || s.hasPrefix("postgres://")
    }

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let schemeEnd = text.range(of: "://"), Self.names(text) else { throw PostgresStoreError.badURL(text, "expected postgresql://") }
        var rest = text[schemeEnd.upperBound...]
        if let q = rest.firstIndex(of: "?") {
            throw PostgresStoreError.badURL(Self.redact(text), "options after '?' are not supported (\(rest[q...]))")
        }
        guard let at = rest.lastIndex(of: "@") else { throw PostgresStoreError.badURL(Self.redact(text), "no USER@ before the host") }
        let userInfo = rest[..<at]
        rest = rest[rest.index(after: at)...]
        if let colon = userInfo.firstIndex(of: ":") {
            user = String(userInfo[..<colon]).removingPercentEncoding ?? String(userInfo[..<colon])
            let pw = userInfo[userInfo.index(after: colon)...]
            password = String(pw).removingPercentEncoding ?? String(pw)
        } else {
            user = String(userInfo).removingPercentEncoding ?? String(userInfo)
            password = environment["PGPASSWORD"]
        }
        guard !user.isEmpty else { throw PostgresStoreError.badURL(Self.redact(text), "the user is empty") }
        guard let slash = rest.firstIndex(of: "/") else { throw PostgresStoreError.badURL(Self.redact(text), "no /DATABASE after the host") }
        let hostPort = rest[..<slash]
        database = String(rest[rest.index(after: slash)...]).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else { throw PostgresStoreError.badURL(Self.redact(text), "the database name is missing or has a '/'") }
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") { // [IPv6]:port
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            port = after.hasPrefix(":") ? (Int(after.dropFirst()) ?? -1) : 5432
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            port = Int(hostPort[hostPort.index(after: colon)...]) ?? -1
        } else {
            host = String(hostPort)
            port = 5432
        }
        guard !host.isEmpty else { throw PostgresStoreError.badURL(Self.redact(text), "the host is empty") }
        guard (1...65535).contains(port) else { throw PostgresStoreError.badURL(Self.redact(text), "the port is not a number from 1 to 65535") }
    }

    /// The URL without its password, for every message.
    public var display: String { "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

    static func redact(_ text: String) -> String {
        guard let s = text.range(of: "://"), let at = text.range(of: "@", options: .backwards),
              s.upperBound < at.lowerBound else { return text }
        let info = text[s.upperBound..<at.lowerBound]
        guard let colon = info.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at.lowerBound...])
    }
}
