import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts a child process that begins clean, whatever the parent's state: no descriptor
/// inherited but the three standard ones (which `standardStreams` sets up), no signal blocked,
/// and the default action for every signal a terminal program or a server relies on. Test
/// threads and the run loop block signals, and a spawned child keeps the mask and any ignored
/// dispositions: a tmux server that never sees SIGCHLD or SIGHUP cannot stop its panes, and a
/// board that never sees SIGWINCH cannot resize. Used by the pseudo-terminal of the benches and
/// by the tmux end-to-end tests.
public enum CleanSpawn {
    /// Signals whose action is reset to the default in the child.
    static let resetSignals: [Int32] = [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGCHLD, SIGPIPE, SIGWINCH,
                                        SIGTSTP, SIGCONT, SIGTTOU, SIGTTIN]

    /// `posix_spawn` of `arguments[0]` (a path). `keep` are descriptors not to close (beyond 0-2);
    /// `newSession` puts the child in a session of its own (setsid), before the file actions run.
    /// Returns the child's pid, or throws the spawn's error code.
    public static func spawn(_ arguments: [String], environment: [String: String], newSession: Bool = false,
                             keep: Set<Int32> = [],
                             standardStreams: (inout posix_spawn_file_actions_t) -> Void) throws(POSIXError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap(Int32.init)
        for fd in open where fd > 2 && !keep.contains(fd) { posix_spawn_file_actions_addclose(&actions, fd) }
        standardStreams(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in resetSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let setsid: Int32 = 0x80 // POSIX_SPAWN_SETSID (glibc 2.26+; hidden behind _GNU_SOURCE)
        posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | (newSession ? setsid : 0)))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, arguments[0], &actions, &attributes, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return child
    }
}
