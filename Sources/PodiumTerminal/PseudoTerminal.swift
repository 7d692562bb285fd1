import Foundation
import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

// Not exported by Swift's Glibc module (they sit behind _XOPEN_SOURCE / _GNU_SOURCE); plain C
// functions of scalars and pointers, so declared here as Posix.swift declares flock.
@_silgen_name("posix_openpt") private func c_posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func c_grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func c_unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname_r") private func c_ptsname_r(_ fd: Int32, _ buffer: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32

/// Counts the bytes of a stream that arrives in chunks and finds a byte string in it, also
/// when the string is split between two chunks. Pure: `PseudoTerminal` feeds it what it
/// reads from the master side, and the tests feed it by hand.
public struct ByteStreamScanner: Sendable {
    /// Bytes fed so far.
    public private(set) var count = 0
    /// What to look for (empty: nothing; `feed` then only counts).
    public let needle: [UInt8]
    /// True once the needle has been seen.
    public private(set) var found = false
    /// The end of the previous chunks, as long as the needle less one byte.
    private var tail: [UInt8] = []

    public init(needle: [UInt8] = []) { self.needle = needle }
    public init(needle: String) { self.init(needle: Array(needle.utf8)) }

    /// Feeds a chunk; returns `found`.
    @discardableResult
    public mutating func feed<C: Collection>(_ chunk: C) -> Bool where C.Element == UInt8 {
        count += chunk.count
        guard !found, !needle.isEmpty else { return found }
        let window = tail + chunk
        if window.count >= needle.count {
            let first = needle[0]
            var i = 0
            let last = window.count - needle.count
            while i <= last {
                if window[i] == first, window[i..<(i + needle.count)].elementsEqual(needle) {
                    found = true
                    tail = []
                    return true
                }
                i += 1
            }
        }
        tail = Array(window.suffix(needle.count - 1))
        return false
    }
}

/// CPU time of a process from `/proc/PID/stat`.
public enum ProcessCPU {
    /// Clock ticks a second (the unit of `utime` and `stime`).
    public static var ticksPerSecond: Int { Int(sysconf(Int32(_SC_CLK_TCK))) }

    /// `utime + stime` (fields 14 and 15, every thread of the process) from the text of a
    /// `/proc/PID/stat` line. The command name (field 2) is in parentheses and may itself hold
    /// spaces and parentheses, so fields are counted from the last `)`.
    public static func ticks(statLine: String) -> Int? {
        guard let close = statLine.lastIndex(of: ")") else { return nil }
        let fields = statLine[statLine.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and [12].
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// `utime + stime` of a running process, or nil when it cannot be read.
    public static func ticks(pid: pid_t) -> Int? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        return ticks(statLine: String(decoding: data, as: UTF8.self))
    }
}

/// A child process on the slave side of a new pseudo-terminal, and the master side to read
/// what it writes to its terminal (exactly the bytes ncurses sends) and to type into it.
///
/// The child is started with `posix_spawn` in a new session whose controlling terminal is
/// the slave (so it gets SIGWINCH and SIGHUP like a program in a terminal window), with every
/// signal unblocked and the usual ones at their default action, and no descriptor of ours but
/// its standard input, output and error (the slave). The master must be read while the
/// child runs, or its writes block once the kernel's buffer is full.
public final class PseudoTerminal {
    public let master: Int32
    public let pid: pid_t
    /// Bytes read from the master so far.
    public private(set) var bytesRead = 0
    private var status: Int32?
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    public enum Failure: Error, CustomStringConvertible {
        case system(String, Int32)
        public var description: String {
            switch self {
            case let .system(call, code): return "pseudo-terminal: \(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    /// Starts `arguments[0]` (a path) with `arguments` in a `width`×`height` terminal.
    public init(_ arguments: [String], environment: [String: String], width: Int, height: Int) throws {
        let m = c_posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard m >= 0 else { throw Failure.system("posix_openpt", errno) }
        var name = [CChar](repeating: 0, count: 128)
        guard c_grantpt(m) == 0, c_unlockpt(m) == 0, c_ptsname_r(m, &name, name.count) == 0 else {
            let code = errno
            close(m)
            throw Failure.system("grantpt/unlockpt/ptsname", code)
        }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(m, UInt(TIOCSWINSZ), &size) == 0 else {
            let code = errno
            close(m)
            throw Failure.system("ioctl(TIOCSWINSZ)", code)
        }
        let slave = String(cString: name)

        // After setsid (which posix_spawn does before the file actions), opening the slave
        // without O_NOCTTY makes it the new session's controlling terminal.
        let child: pid_t
        do {
            child = try CleanSpawn.spawn(arguments, environment: environment, newSession: true, keep: [m]) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
                posix_spawn_file_actions_adddup2(&actions, 0, 1)
                posix_spawn_file_actions_adddup2(&actions, 0, 2)
            }
        } catch {
            close(m)
            throw Failure.system("posix_spawn \(arguments[0])", error.code.rawValue)
        }
        master = m
        pid = child
    }

    deinit {
        stop()
        close(master)
    }

    /// Reads what is available within `timeoutMillis` (one read); nil at the end (the child
    /// closed the terminal).
    public func read(timeoutMillis: Int) -> ArraySlice<UInt8>? {
        var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 1, Int32(clamping: max(0, timeoutMillis)))
        if ready < 0 { return errno == EINTR ? [] : nil }
        if ready == 0 { return [] }
        let n = Glibc.read(master, &buffer, buffer.count)
        if n < 0 { return errno == EINTR || errno == EAGAIN ? [] : nil }
        if n == 0 { return nil }
        bytesRead += n
        return buffer[0..<n]
    }

    /// Reads until nothing has come for `quietMillis` (or `limitSeconds` have passed, or the
    /// child closed the terminal); returns the bytes read.
    @discardableResult
    public func drain(quietMillis: Int, limitSeconds: Double = 30) -> Int {
        let end = Self.nanos() + UInt64(limitSeconds * 1e9)
        var total = 0
        while Self.nanos() < end {
            guard let chunk = read(timeoutMillis: quietMillis) else { break }
            if chunk.isEmpty { break }
            total += chunk.count
        }
        return total
    }

    /// Reads for `seconds`, whatever comes; returns the bytes read.
    @discardableResult
    public func read(forSeconds seconds: Double) -> Int {
        let end = Self.nanos() + UInt64(seconds * 1e9)
        var total = 0
        while true {
            let now = Self.nanos()
            if now >= end { break }
            guard let chunk = read(timeoutMillis: Int((end - now) / 1_000_000) + 1) else { break }
            total += chunk.count
        }
        return total
    }

    /// Reads until `needle` has gone by; returns the monotonic time (`nanos()`) of the read
    /// that completed it and the bytes read, or nil after `timeoutSeconds`.
    public func waitFor(_ needle: [UInt8], timeoutSeconds: Double) -> (at: UInt64, bytes: Int)? {
        var scanner = ByteStreamScanner(needle: needle)
        let end = Self.nanos() + UInt64(timeoutSeconds * 1e9)
        while true {
            let now = Self.nanos()
            if now >= end { return nil }
            guard let chunk = read(timeoutMillis: Int((end - now) / 1_000_000) + 1) else { return nil }
            if scanner.feed(chunk) { return (Self.nanos(), scanner.count) }
        }
    }

    /// Types bytes into the terminal.
    public func write(_ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return }
            done += n
        }
    }

    public func write(_ text: String) { write(Array(text.utf8)) }

    public func signal(_ number: Int32) { if status == nil { kill(pid, number) } }

    /// The child's exit status once it has ended (reaps it), else nil.
    public func exited() -> Int32? {
        if status != nil { return status }
        var s: Int32 = 0
        if waitpid(pid, &s, WNOHANG) == pid { status = s }
        return status
    }

    /// Waits up to `seconds` for the child to end, reading the terminal meanwhile.
    public func waitForExit(seconds: Double) -> Int32? {
        let end = Self.nanos() + UInt64(seconds * 1e9)
        while Self.nanos() < end {
            if let s = exited() { return s }
            if read(timeoutMillis: 20) == nil {
                // The terminal closed: the child is ending.
                usleep(5_000)
            }
        }
        return exited()
    }

    /// SIGTERM, then SIGKILL after two seconds; reaps the child.
    public func stop() {
        guard exited() == nil else { return }
        kill(pid, SIGTERM)
        if waitForExit(seconds: 2) != nil { return }
        kill(pid, SIGKILL)
        var s: Int32 = 0
        while waitpid(pid, &s, 0) < 0, errno == EINTR {}
        status = s
    }

    /// CPU time (utime + stime, clock ticks) of the child so far.
    public func cpuTicks() -> Int? { ProcessCPU.ticks(pid: pid) }

    /// Monotonic nanoseconds (CLOCK_MONOTONIC).
    public static func nanos() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
