import Foundation

/// The write end of the self-pipe, read by the signal handler. Set before the handlers are
/// installed and reset after they are removed.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// The only code that runs in signal context: it writes the signal number to the
/// self-pipe (write(2) is async-signal-safe; the end is non-blocking, so a full pipe drops
/// the byte instead of hanging) and keeps errno. Everything else — endwin, redraws,
/// suspending — happens in the run loop when it reads the byte.
private let signalPipeHandler: @convention(c) (Int32) -> Void = { signal in
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteEnd, &byte, 1)
    errno = savedErrno
}

/// Turns signals into bytes on a pipe that the run loop polls with the terminal.
///
/// Installed before ncurses starts, so ncurses (which only catches signals still at their
/// default action) leaves SIGINT, SIGTERM, SIGTSTP and SIGWINCH to us.
final class SignalPipe {
    /// Signals that end the run; ones the parent set to be ignored (nohup) stay ignored.
    static let stopping: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// Signals the loop handles itself.
    static let handled: [Int32] = [SIGWINCH, SIGTSTP, SIGCONT]

    let readEnd: Int32
    private let writeEnd: Int32
    private var saved: [(Int32, sigaction)] = []

    init() throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw TerminalError.system("pipe", errno: errno) }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
        signalPipeWriteEnd = writeEnd
        for signal in Self.stopping + Self.handled {
            var old = sigaction()
            sigaction(signal, nil, &old)
            if Self.stopping.contains(signal), Self.isIgnored(old) { continue }
            install(signal)
            saved.append((signal, old))
        }
    }

    /// True when the action is SIG_IGN ((sighandler_t) 1; function pointers do not compare in Swift).
    private static func isIgnored(_ action: sigaction) -> Bool {
        unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == 1
    }

    /// Catches `signal` with the pipe handler.
    func install(_ signal: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = signalPipeHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(signal, &action, nil)
    }

    /// Stops the process as SIGTSTP would by default (the shell's job control takes over)
    /// and returns once it is continued. The caller has already restored the terminal.
    func stopForJobControl() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(SIGTSTP, &action, nil)
        // SIGTSTP is not blocked here (we are not in a handler), so this stops us now.
        raise(SIGTSTP)
        install(SIGTSTP)
    }

    /// Signal numbers that arrived since the last call, in order.
    func drain() -> [Int32] {
        var signals: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readEnd, &buffer, buffer.count)
            if n <= 0 { break }
            signals += buffer[0..<n].map { Int32($0) }
        }
        return signals
    }

    /// Puts back the actions the process had before and closes the pipe.
    func uninstall() {
        for (signal, old) in saved.reversed() {
            var action = old
            sigaction(signal, &action, nil)
        }
        saved = []
        signalPipeWriteEnd = -1
        close(readEnd)
        close(writeEnd)
    }
}
