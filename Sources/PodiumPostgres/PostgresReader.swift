import Foundation
import PodiumCore
import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

/// The read side of a PostgreSQL venue, on a primary or a read-only hot standby.
///
/// Change signal: a pipe whose read end is `changeDescriptor()`. On a primary a second
/// connection LISTENs on `podium_events` (every append does `pg_notify` in its transaction,
/// delivered at commit) and each notification writes a byte to the pipe. Where LISTEN is not
/// available (a hot standby refuses it during recovery) or the listening connection is gone, a
/// timer writes a byte every `pollMillis`: the polling fallback. Either way the caller polls one
/// descriptor, as it does inotify's for the file.
///
/// Only committed rows are ever read, and only once they are durable: on a primary a row is
/// visible as soon as its (asynchronous) commit is, before its writer's flush, so each page
/// waits for the WAL flush to pass it (`PostgresDurability.waitFlushed`); a standby only has
/// WAL its primary flushed. So nothing shown can vanish from the server read. When the server cannot be
/// reached, `readNew` returns 0 and reports `.lost(since:reason:)`; it retries (at most once a
/// second) on later calls and reports `.up` once back.
public final class PostgresEventReader: EventReader {
    let url: PostgresURL
    private var session: PostgresSession?
    private var listener: PostgresSession?
    private var listenContext: PostgresListenContext?
    public private(set) var lastSeq: UInt64 = 0
    private var lastChain: ChainHash?
    public private(set) var link: StoreLink = .up
    public var onLinkChange: ((StoreLink) -> Void)?
    public var storeName: String { url.display }
    /// How often the polling fallback pokes the pipe.
    public let pollMillis: Int64
    private var lastAttempt: Date = .distantPast
    private let pipeFDs: (read: Int32, write: Int32)
    /// Whether notifications arrive (shared with the event loop's timer and handler).
    private let listening = Flag()
    private var timer: RepeatedTask?
    /// Records of a batch whose last record is not read yet (a page ended inside the batch).
    private var pending: [RawRecord] = []

    /// A screen's read waits at most this long for a server that stopped answering (a cut
    /// network) before the link counts as lost, so the screen is never frozen for long.
    static let readTimeout: TimeAmount = .seconds(3)

    /// Whether the change signal comes from LISTEN/NOTIFY (false: polling).
    public var isListening: Bool { listening.value }

    public init(url: PostgresURL, pollMillis: Int64 = 100, listen: Bool = true) throws {
        self.url = url
        self.pollMillis = pollMillis
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw PostgresStoreError.unreachable(server: url.display, reason: "pipe2 failed: \(String(cString: strerror(errno)))")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        pipeFDs = (fds[0], fds[1])
        do {
            let s = try PostgresSession(url)
            s.queryTimeout = Self.readTimeout
            _ = try PostgresStoreKind.genesis(s) // refuses a database without a venue
            session = s
        } catch {
            close(fds[0]); close(fds[1])
            throw error
        }
        if listen { startListening() }
        let writeFD = pipeFDs.write
        let flag = listening
        // While LISTEN works the timer still pokes about once a second: a connection across a
        // cut network never hears that it is cut, so without a read now and then a screen
        // would not notice a lost link until someone typed.
        let window = Double(pollMillis) / 1000
        timer = MultiThreadedEventLoopGroup.singleton.any().scheduleRepeatedTask(
            initialDelay: .milliseconds(pollMillis), delay: .milliseconds(pollMillis)
        ) { _ in
            // (the tick that falls in the first `pollMillis` of each second)
            if !flag.value || Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 1) < window { Self.poke(writeFD) }
        }
    }

    deinit {
        timer?.cancel()
        listenContext?.stop()
        listener = nil
        session = nil
        close(pipeFDs.read)
        close(pipeFDs.write)
    }

    private static func poke(_ fd: Int32) {
        var b: UInt8 = 1
        _ = write(fd, &b, 1)
    }

    /// LISTEN on a connection of its own; on a standby (or any failure) stay with polling.
    private func startListening() {
        guard let s = try? PostgresSession(url) else { return }
        let writeFD = pipeFDs.write
        let flag = listening
        let context = s.connection.addListener(channel: PostgresSchema.channel) { _, _ in Self.poke(writeFD) }
        do {
            try s.run("LISTEN \(PostgresSchema.channel)")
        } catch {
            context.stop()
            return // a hot standby: "cannot execute LISTEN during recovery"
        }
        s.connection.closeFuture.whenComplete { _ in
            flag.value = false
            Self.poke(writeFD)
        }
        listener = s
        listenContext = context
        flag.value = true
        Self.poke(writeFD) // anything committed before LISTEN took effect is read at once
    }

    private func setLink(_ new: StoreLink) {
        guard new != link else { return }
        if case .lost = link, case .lost = new { return } // keep the first "since"
        link = new
        onLinkChange?(new)
    }

    @discardableResult
    public func readNew(skipThrough: UInt64, _ deliver: (RawRecord) throws -> Void) throws -> Int {
        let s: PostgresSession
        if let current = session, !current.isClosed {
            s = current
        } else {
            session = nil
            // Reconnect at most once a second, so a screen on a dead link stays responsive.
            guard Date().timeIntervalSince(lastAttempt) >= 1 else { return 0 }
            lastAttempt = Date()
            do {
                s = try PostgresSession(url, timeout: 2)
                s.queryTimeout = Self.readTimeout
            } catch {
                setLink(.lost(since: lostSince(), reason: "\(error)"))
                return 0
            }
            session = s
            if !isListening { listenContext?.stop(); listener = nil; startListening() }
        }
        var delivered = 0
        do {
            while true {
                let page = try PostgresRows.fetch(s, after: pending.last?.seq ?? lastSeq)
                // Nothing is delivered before it is durable: on a primary a row is visible
                // before its writer's flush (PostgresDurability).
                if !page.isEmpty { try PostgresDurability.waitFlushed(s) }
                for r in page {
                    let expected = (pending.last?.seq ?? lastSeq) + 1
                    guard r.seq == expected else {
                        throw LogError.badRecord(store: s.server, seq: expected, reason: "missing (the next row is seq \(r.seq))")
                    }
                    pending.append(r)
                    if r.batchRemaining == 0 {
                        for p in pending where p.seq > skipThrough {
                            delivered += 1
                            try deliver(p)
                        }
                        lastSeq = r.seq
                        lastChain = r.chain
                        pending.removeAll(keepingCapacity: true)
                    }
                }
                if page.count < PostgresRows.page { break }
            }
        } catch let e as PostgresStoreError {
            if case .unreachable = e {
                session = nil
                pending.removeAll()
                setLink(.lost(since: lostSince(), reason: "\(e)"))
                return delivered
            }
            throw e
        }
        do {
            if let why = try upstreamLost(s) {
                setLink(.lost(since: lostSince(), reason: why))
                return delivered
            }
        } catch let e as PostgresStoreError {
            if case .unreachable = e {
                session = nil
                setLink(.lost(since: lostSince(), reason: "\(e)"))
                return delivered
            }
            throw e
        }
        setLink(.up)
        return delivered
    }

    /// Set once the server is seen out of recovery (a primary, or a promoted standby): it is
    /// not asked again, since a primary never turns back into a standby.
    private var knownPrimary = false

    /// A standby that has lost its primary (the sub-venue's link to the main venue is cut) still
    /// answers, but what it serves is no longer current, so a screen on it must say the link is
    /// lost. While the server is in recovery each read asks for its WAL receiver: none running,
    /// or one not `streaming`, is a lost upstream. (Its status is visible to roles with
    /// `pg_read_all_stats`; without that nothing can be told and the link counts as up.) How
    /// soon a cut is seen is the standby's `wal_receiver_timeout` (docs/operations.md).
    private func upstreamLost(_ s: PostgresSession) throws -> String? {
        if knownPrimary { return nil }
        let q: PostgresQuery = "SELECT pg_is_in_recovery(), (SELECT count(*) FROM pg_stat_wal_receiver), (SELECT status FROM pg_stat_wal_receiver LIMIT 1)"
        guard let row = try s.query(q).first else { return nil }
        let recovering: Bool, receivers: Int64, status: String?
        do {
            (recovering, receivers, status) = try row.decode((Bool, Int64, String?).self)
        } catch {
            throw PostgresStoreError.server(server: s.server, reason: PostgresSession.reason(error))
        }
        guard recovering else { knownPrimary = true; return nil }
        if receivers == 0 { return "\(s.server): the standby is not receiving from its primary (no WAL receiver)" }
        if let status, status != "streaming" {
            return "\(s.server): the standby has lost its primary (WAL receiver \(status))"
        }
        return nil
    }

    private func lostSince() -> Date {
        if case let .lost(since, _) = link { return since }
        return Date()
    }

    public func changeDescriptor() -> Int32? { pipeFDs.read }

    public func drainChanges() {
        var buf = [UInt8](repeating: 0, count: 256)
        while read(pipeFDs.read, &buf, buf.count) > 0 {}
    }

    public func waitUntilChanged(timeoutMillis: Int) throws {
        var p = pollfd(fd: pipeFDs.read, events: Int16(POLLIN), revents: 0)
        _ = poll(&p, 1, Int32(timeoutMillis))
        drainChanges()
    }
}

/// A boolean shared with the event loop's timer and notification handler.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = false
    var value: Bool {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
