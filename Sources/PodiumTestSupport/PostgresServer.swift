import Foundation
import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away PostgreSQL cluster for tests: `initdb` into a fresh temporary directory,
/// listening on 127.0.0.1 on a free port (never a fixed one, never the system service), with
/// start, stop (`-m fast` or `-m immediate`, which is a crash as far as the server knows) and
/// restart. It is stopped and its directory removed when the value is dropped, and a small
/// watchdog process stops it if the test process dies first (kill -9, a crash), so no test run
/// leaves a server behind.
///
/// initdb refuses to run as root, so as root every server program runs as the `postgres` user
/// (`runuser -u postgres --`) with the directory owned by it; as any other user it runs as-is.
/// The binaries come from `PODIUM_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`.
///
/// The cluster trusts connections from 127.0.0.1 (it is private to the test and gone after),
/// including replication connections, so a standby can be made from it with `pg_basebackup`.
public final class PostgresServer: @unchecked Sendable {
    public enum StopMode: String, Sendable { case smart, fast, immediate }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }

    public let binDir: String
    /// The temporary directory holding the data directory, the socket and the server's log.
    public let baseDir: String
    public let dataDir: String
    public let logFile: String
    public let port: Int
    public let host = "127.0.0.1"
    /// The superuser the cluster was made with.
    public let superuser = "postgres"
    public private(set) var running = false
    private var watchdog: pid_t?
    private let asRoot = getuid() == 0
    /// Put before every server program and psql: `ip netns exec NAME` for a server inside a
    /// network namespace (`SubVenueLink.wrap`); empty to run them as they are.
    public let wrapper: [String]
    /// The server this one is a streaming hot standby of (made with `pg_basebackup`), if any.
    public let primary: PostgresServer?

    /// Makes and starts a new cluster. `settings` are extra postgresql.conf lines
    /// (e.g. "wal_level = replica", "synchronous_standby_names = '*'").
    ///
    /// With `standbyOf`, the cluster is not made with initdb but copied from that running server
    /// with `pg_basebackup -R -X stream` (through `primaryHost`, by default the primary's own
    /// address): a streaming hot standby, read-only until `promote()`. `wrapper` runs the server
    /// inside a network namespace (then `primaryHost` is the primary's address as seen from it).
    public init(settings: [String] = [], start: Bool = true, standbyOf primary: PostgresServer? = nil,
                primaryHost: String? = nil, wrapper: [String] = []) throws {
        self.primary = primary
        self.wrapper = wrapper
        binDir = try Self.findBinDir()
        var template = Array("\(NSTemporaryDirectory())/podium-pg-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure("cannot make a temporary directory for the test server")
        }
        baseDir = String(cString: made)
        dataDir = baseDir + "/data"
        logFile = baseDir + "/server.log"
        port = try Self.freePort()
        do {
            if asRoot { try Self.run("/bin/chown", ["postgres:postgres", baseDir]) }
            chmod(baseDir, 0o700)
            if let primary {
                try runServerTool("pg_basebackup", ["-h", primaryHost ?? primary.host, "-p", String(primary.port),
                                                    "-U", primary.superuser, "-D", dataDir, "-R", "-X", "stream",
                                                    "-c", "fast", "--no-sync"])
            } else {
                try runServerTool("initdb", ["-D", dataDir, "-U", superuser, "--auth=trust", "-E", "UTF8",
                                             "--locale=C.UTF-8", "--no-sync"])
            }
            let conf = [
                "listen_addresses = '127.0.0.1'",
                "port = \(port)",
                "unix_socket_directories = '\(baseDir)'",
                "fsync = on",
                "synchronous_commit = on",
                "max_connections = 250",
                "shared_buffers = 32MB",
                "max_wal_senders = 10",
                "wal_level = replica",
                "hot_standby = on",
                "log_min_messages = warning",
            ] + settings
            try appendConfig(conf)
            if start { try self.start() }
        } catch {
            try? FileManager.default.removeItem(atPath: baseDir)
            throw error
        }
    }

    deinit {
        if running { try? stop(.immediate) }
        if let w = watchdog { kill(w, SIGTERM); var st: Int32 = 0; waitpid(w, &st, 0) }
        try? FileManager.default.removeItem(atPath: baseDir)
    }

    /// `postgresql://USER@127.0.0.1:PORT/DATABASE`.
    public func url(database: String = "postgres", user: String? = nil, password: String? = nil) -> String {
        let who = password.map { "\(user ?? superuser):\($0)" } ?? (user ?? superuser)
        return "postgresql://\(who)@\(host):\(port)/\(database)"
    }

    /// Appends lines to postgresql.conf (they take effect at the next start or reload).
    public func appendConfig(_ lines: [String]) throws {
        let path = dataDir + "/postgresql.conf"
        guard let h = FileHandle(forWritingAtPath: path) else { throw Failure("\(path): cannot open") }
        defer { try? h.close() }
        h.seekToEndOfFile()
        h.write(Data(("\n" + lines.joined(separator: "\n") + "\n").utf8))
    }

    /// Starts the server and waits until it accepts connections.
    public func start() throws {
        try runServerTool("pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-t", "120", "start"])
        running = true
        startWatchdog()
    }

    /// Stops the server. `.immediate` aborts it without a checkpoint, like a crash; the next
    /// start replays its WAL.
    public func stop(_ mode: StopMode = .fast) throws {
        try runServerTool("pg_ctl", ["-D", dataDir, "-m", mode.rawValue, "-w", "-t", "120", "stop"])
        running = false
    }

    /// Lets `address` (an IPv4 address) connect and replicate without a password, as 127.0.0.1
    /// may: for a standby or client in another network namespace. Takes effect at the next start
    /// or reload.
    public func trust(address: String) throws {
        let path = dataDir + "/pg_hba.conf"
        guard let h = FileHandle(forWritingAtPath: path) else { throw Failure("\(path): cannot open") }
        defer { try? h.close() }
        h.seekToEndOfFile()
        h.write(Data("\nhost all all \(address)/32 trust\nhost replication all \(address)/32 trust\n".utf8))
    }

    /// Turns a standby into a primary (`pg_ctl promote`, waiting until it accepts writes).
    public func promote() throws {
        try runServerTool("pg_ctl", ["-D", dataDir, "-w", "-t", "120", "promote"])
    }

    /// Whether the server is a standby still in recovery.
    public func isInRecovery() throws -> Bool {
        try psql("SELECT pg_is_in_recovery()").trimmingCharacters(in: .whitespacesAndNewlines) == "t"
    }

    /// Waits until the standby has replayed everything the primary had committed when this was
    /// called (its replay LSN reaches the primary's current LSN), or throws after `seconds`.
    public func waitForReplay(seconds: Double = 60) throws {
        guard let primary else { return }
        let target = try primary.psql("SELECT pg_current_wal_lsn()").trimmingCharacters(in: .whitespacesAndNewlines)
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let caughtUp = try psql("SELECT pg_last_wal_replay_lsn() >= '\(target)'::pg_lsn")
            if caughtUp.trimmingCharacters(in: .whitespacesAndNewlines) == "t" { return }
            usleep(50_000)
        }
        throw Failure("standby on port \(port) did not replay up to \(target) in \(Int(seconds)) s")
    }

    public func restart(_ mode: StopMode = .fast) throws {
        if running { try stop(mode) }
        try start()
    }

    /// Runs SQL with psql as the superuser (or `user`) on `database`; returns what it printed
    /// (unaligned, tuples only). Throws with psql's message when the SQL fails.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres", user: String? = nil) throws -> String {
        let args = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", String(port),
                    "-U", user ?? superuser, "-d", database, "-c", sql]
        if let first = wrapper.first { return try Self.run(first, Array(wrapper.dropFirst()) + [binDir + "/psql"] + args) }
        return try Self.run(binDir + "/psql", args)
    }

    /// A new, empty database with a unique name; returns its name.
    public func createDatabase(prefix: String = "venue", owner: String? = nil) throws -> String {
        let name = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))_\(getpid())"
        try psql("CREATE DATABASE \(name)" + (owner.map { " OWNER \($0)" } ?? ""))
        return name
    }

    /// Runs one of the server programs (initdb, pg_ctl, pg_basebackup...) from `binDir`, as the
    /// `postgres` user when we are root. Throws with its output when it fails.
    @discardableResult
    public func runServerTool(_ tool: String, _ args: [String]) throws -> String {
        var command = [binDir + "/" + tool] + args
        if asRoot { command = ["/usr/sbin/runuser", "-u", "postgres", "--"] + command }
        command = wrapper + command
        return try Self.run(command[0], Array(command.dropFirst()), cwd: baseDir)
    }

    /// A directory inside this server's temporary directory, owned by the user the server
    /// programs run as (for a standby's data directory, say).
    public func makeOwnedDirectory(_ name: String) throws -> String {
        let path = baseDir + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if asRoot { try Self.run("/bin/chown", ["postgres:postgres", path]) }
        chmod(path, 0o700)
        return path
    }

    /// The last lines of the server's log, for a failing test's message.
    public func logTail(_ lines: Int = 20) -> String {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    // MARK: - Helpers

    /// A shell loop that stops the server with `-m immediate` once this process is gone.
    private func startWatchdog() {
        if watchdog != nil { return }
        let me = getpid()
        let stopCommand = (asRoot ? "/usr/sbin/runuser -u postgres -- " : "") +
            "'\(binDir)/pg_ctl' -D '\(dataDir)' -m immediate stop >/dev/null 2>&1; rm -rf '\(baseDir)'"
        let script = "while kill -0 \(me) 2>/dev/null; do sleep 1; done; \(stopCommand)"
        watchdog = try? CleanSpawn.spawn(["/bin/sh", "-c", script], environment: ProcessInfo.processInfo.environment) { actions in
            for fd: Int32 in [0, 1, 2] {
                posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            }
        }
    }

    static func findBinDir() throws -> String {
        if let dir = ProcessInfo.processInfo.environment["PODIUM_PG_BIN"] { return dir }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for v in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(v)/bin/initdb") {
            return "\(root)/\(v)/bin"
        }
        throw Failure("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (install Debian's postgresql, or set PODIUM_PG_BIN)")
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure("bind() to a free port failed") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Runs a program to completion; returns its stdout, throws with its stderr on failure.
    /// Spawned clean (`CleanSpawn`: no inherited descriptor, no blocked signal) and reaped with
    /// waitpid, with output in files: `pg_ctl start` leaves a server running, which must not
    /// hold any descriptor of ours, nor start with the test process's blocked signals.
    @discardableResult
    static func run(_ exe: String, _ args: [String], cwd: String? = nil) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env.removeValue(forKey: "PGPASSWORD")
        let stem = "\(NSTemporaryDirectory())/podium-pg-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let outPath = stem + ".out", errPath = stem + ".err"
        defer { unlink(outPath); unlink(errPath) }
        let arguments = cwd.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, exe] + args } ?? ([exe] + args)
        let pid: pid_t
        do {
            pid = try CleanSpawn.spawn(arguments, environment: env) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        } catch {
            throw Failure("cannot start \(exe): \(error)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let outData = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        let stdout = String(decoding: outData, as: UTF8.self)
        guard exitCode == 0 else {
            let stderr = String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure("\((exe as NSString).lastPathComponent) \(args.joined(separator: " ")) failed (exit \(exitCode)): \(stderr.isEmpty ? stdout : stderr)")
        }
        return stdout
    }
}
