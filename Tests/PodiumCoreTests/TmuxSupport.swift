import Foundation
import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

// tmux support for the end-to-end tests (the board's, the judge console's and the staff console's).

/// tmux, if installed (CI installs it).
let tmuxPath: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    let dirs = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
    return dirs.map { $0 + "/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// A private tmux server (its own socket), killed when dropped.
final class Tmux {
    let tmux: String
    let socket: String

    /// `name` tells the servers of different tests apart (each has its own socket).
    init(_ tmux: String, name: String) {
        self.tmux = tmux
        socket = "podium-\(name)-e2e-\(getpid())"
    }
    deinit {
        _ = try? run(["kill-server"])
        let dir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(dir)/tmux-\(getuid())/\(socket)")
    }

    /// Runs `tmux -L socket args`; returns its standard output.
    ///
    /// Started with posix_spawn, every descriptor but stdin, stdout and stderr closed and every
    /// signal unblocked: the first command forks the tmux server, which must not keep the
    /// descriptors Foundation's `Process` watches to learn that a child exited (this test's or
    /// another's), or those waits never end.
    @discardableResult
    func run(_ args: [String]) throws -> String {
        let output = NSTemporaryDirectory() + "/podium-tmux-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(output) }
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        let pid = try CleanSpawn.spawn([tmux, "-L", socket] + args, environment: env) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return String(decoding: FileManager.default.contents(atPath: output) ?? Data(), as: UTF8.self)
    }

    func capture(_ session: String) -> String { (try? run(["capture-pane", "-p", "-t", session])) ?? "" }

    /// Polls the pane until `done` holds (every 10 ms); the last capture, and whether it held.
    func wait(_ session: String, seconds: Double, until done: (String) -> Bool) -> (screen: String, ok: Bool) {
        let end = Date().addingTimeInterval(seconds)
        var screen = capture(session)
        while !done(screen) {
            if Date() > end { return (screen, false) }
            usleep(10_000)
            screen = capture(session)
        }
        return (screen, true)
    }

    /// A detached session of the given size running `command` under sh.
    func start(_ session: String, width: Int, height: Int, _ command: String) throws {
        try run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command])
    }
}

