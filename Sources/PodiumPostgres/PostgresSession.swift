import Foundation
import PostgresNIO
import PodiumCore

/// Everything the PostgreSQL store can report: one line, naming the server (never its password).
public enum PostgresStoreError: Error, CustomStringConvertible, Localized {
    case badURL(String, String)
    /// Could not connect, or the connection broke.
    case unreachable(server: String, reason: String)
    /// The server answered with an error.
    case server(server: String, reason: String)
    /// The server is a read-only hot standby (or in a read-only transaction mode).
    case readOnly(server: String)
    /// The connection broke while COMMIT was on its way: the batch may or may not have landed;
    /// it was not acknowledged (a writer's next append catches up and shows which).
    case commitUnknown(server: String, reason: String)
    /// The batch is durable at `first...last`, placed after records of others that the writer
    /// then could not read (the connection broke): done, but this writer's view is behind.
    case landedUnread(server: String, first: UInt64, last: UInt64, reason: String)
    case noVenue(server: String)
    case alreadyVenue(server: String, records: UInt64)
    case damaged(server: String, reason: String)

    public var description: String { said.text(.en) }

    public var said: Said {
        switch self {
        case let .badURL(url, why):
            return "\(url): not a PostgreSQL venue URL (\(why)); expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        case let .unreachable(s, why):
            return "\(s): cannot reach the server (\(why)); nothing was written"
        case let .server(s, why):
            return "\(s): \(why)"
        case let .readOnly(s):
            return "\(s): the server is read-only (a hot standby?); nothing was written, append on the primary"
        case let .commitUnknown(s, why):
            return "\(s): the connection broke while committing (\(why)); the append was NOT acknowledged and may or may not have landed: check with `podium log tail`"
        case let .landedUnread(s, first, last, why):
            return "\(s): the append landed durably (seq \(first)–\(last)), but the connection broke before the records just before it could be read (\(why)); do NOT repeat it: reopen the venue to see the log"
        case let .noVenue(s):
            return "\(s): no venue in this database (run `podium init URL --from FILE` first)"
        case let .alreadyVenue(s, n):
            return "\(s): this database already holds a venue (\(n) records); refusing to make another (one venue per database)"
        case let .damaged(s, why):
            return "\(s): the venue's tables are damaged: \(why)"
        }
    }
}

/// One connection, used synchronously: every call blocks the calling thread (never an event
/// loop's) until the server answers. The store and its readers are synchronous like the file
/// log, so the rest of Podium does not change with the store.
final class PostgresSession {
    let url: PostgresURL
    let connection: PostgresConnection
    let logger: Logger
    var server: String { url.display }

    /// Connects within `timeout` seconds, and makes every commit of this session durable
    /// (`synchronous_commit` at least `on`; a stronger setting such as remote_apply is kept).
    init(_ url: PostgresURL, timeout: Int64 = 5) throws {
        self.url = url
        var logger = Logger(label: "podium.postgres")
        logger.logLevel = .critical
        self.logger = logger
        var config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                      password: url.password, database: url.database, tls: .disable)
        config.options.connectTimeout = .seconds(timeout)
        do {
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(),
                                                        configuration: config, id: 1, logger: logger).wait()
        } catch {
            throw PostgresStoreError.unreachable(server: url.display, reason: Self.reason(error))
        }
        let level = try value("SHOW synchronous_commit", as: String.self) ?? "on"
        if level == "off" || level == "local" {
            try run("SET synchronous_commit = on")
        }
    }

    deinit { try? connection.close().wait() }

    var isClosed: Bool { connection.isClosed }

    /// How long one query may wait for the server before the connection is given up as lost.
    /// A cut network does not refuse, it never answers, and TCP would wait for minutes: a screen
    /// on the far side of the cut would freeze. The connection is closed, the query fails as
    /// unreachable (during COMMIT: `commitUnknown`), and the next call reconnects.
    var queryTimeout: TimeAmount = .seconds(10)

    /// Runs a query; returns its rows. Errors become one line naming the server.
    @discardableResult
    func query(_ q: PostgresQuery) throws -> [PostgresRow] {
        // A cut network never answers: at `queryTimeout` the connection is closed, which fails
        // the query (classified as unreachable, or during COMMIT as commitUnknown). A server that
        // dies at the wrong moment can still leave the future unanswered, so the wait itself is
        // bounded too, a little later.
        let connection = self.connection
        let deadline = connection.eventLoop.scheduleTask(in: queryTimeout) { connection.close().whenComplete { _ in } }
        defer { deadline.cancel() }
        let answer = Answer()
        connection.query(q, logger: logger).whenComplete { answer.set($0) }
        let backstop = Double(queryTimeout.nanoseconds) / 1e9 + Self.answerGrace
        guard answer.done.wait(timeout: .now() + backstop) == .success, let result = answer.result else {
            connection.close().whenComplete { _ in }
            throw PostgresStoreError.unreachable(server: server, reason: "no answer within \(Int(backstop)) s")
        }
        switch result {
        case let .success(r): return r.rows
        case let .failure(error): throw classify(error)
        }
    }

    /// How long past `queryTimeout` a query's answer is still waited for once its connection
    /// was closed, before the server counts as gone.
    static let answerGrace: Double = 5

    func run(_ sql: String) throws { try query(PostgresQuery(unsafeSQL: sql)) }

    func value<T: PostgresDecodable>(_ sql: String, as: T.Type) throws -> T? {
        guard let row = try query(PostgresQuery(unsafeSQL: sql)).first else { return nil }
        do { return try row.decode(T.self) } catch { throw PostgresStoreError.server(server: server, reason: Self.reason(error)) }
    }

    /// Turns a PostgresNIO error into the store's one-line error.
    func classify(_ error: Error) -> PostgresStoreError { Self.classify(error, server: server) }

    static func classify(_ error: Error, server: String) -> PostgresStoreError {
        if let e = error as? PostgresStoreError { return e }
        if let p = error as? PSQLError {
            if let state = p.serverInfo?[.sqlState] {
                if state == "25006" { return .readOnly(server: server) }
                // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 08* connection
                if state.hasPrefix("08") || state.hasPrefix("57P") {
                    return .unreachable(server: server, reason: Self.reason(error))
                }
                return .server(server: server, reason: Self.reason(error))
            }
            return .unreachable(server: server, reason: Self.reason(error))
        }
        return .unreachable(server: server, reason: Self.reason(error))
    }

    /// The server's message and SQLSTATE, or the connection problem, in a few words.
    static func reason(_ error: Error) -> String {
        if let p = error as? PSQLError {
            if let info = p.serverInfo, let message = info[.message] {
                return message + (info[.sqlState].map { " [SQLSTATE \($0)]" } ?? "")
            }
            if let underlying = p.underlying { return "\(p.code): \(underlying)" }
            return "\(p.code)"
        }
        return "\(error)"
    }
}

/// A query's result, handed from the event loop to the waiting thread.
final class Answer: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private(set) var result: Result<PostgresQueryResult, Error>?
    func set(_ r: Result<PostgresQueryResult, Error>) { result = r; done.signal() }
}
