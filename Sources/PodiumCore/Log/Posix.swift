#if canImport(Glibc)
import Glibc
#endif

/// Thin, errno-checked wrappers over the system calls the log uses.
@_silgen_name("flock") private func c_flock(_ fd: Int32, _ operation: Int32) -> Int32

/// A file descriptor closed exactly once, when its last owner lets go. (A class whose init
/// throws after all its properties are set still runs `deinit`: closing by hand there as well
/// would close a number another thread may already have been given.)
final class OwnedFD {
    let raw: Int32
    init(_ raw: Int32) { self.raw = raw }
    deinit { close(raw) }
}

enum Posix {
    /// flock(2) without the name clash with `struct flock`.
    static func unlock(_ fd: Int32) { _ = c_flock(fd, LOCK_UN) }

    static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0o644) throws -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            if errno == EEXIST { throw LogError.alreadyExists(path: path) }
            if errno == ENOENT { throw LogError.missing(path: path) }
            throw LogError.io(path: path, operation: "open", errno: errno)
        }
    }

    static func size(_ fd: Int32, _ path: String) throws -> Int64 {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw LogError.io(path: path, operation: "fstat", errno: errno) }
        return Int64(st.st_size)
    }

    static func flock(_ fd: Int32, _ op: Int32, _ path: String) throws {
        while c_flock(fd, op) != 0 {
            if errno == EINTR { continue }
            throw LogError.io(path: path, operation: "flock", errno: errno)
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int64, _ path: String) throws {
        var done = 0
        try bytes.withUnsafeBytes { b in
            while done < b.count {
                let n = pwrite(fd, b.baseAddress! + done, b.count - done, off_t(offset + Int64(done)))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw LogError.io(path: path, operation: "write", errno: errno)
                }
                if n == 0 { throw LogError.io(path: path, operation: "write", errno: EIO) }
                done += n
            }
        }
    }

    static func readAll(_ fd: Int32, count: Int, at offset: Int64, _ path: String) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        try out.withUnsafeMutableBytes { b in
            while got < count {
                let n = pread(fd, b.baseAddress! + got, count - got, off_t(offset + Int64(got)))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw LogError.io(path: path, operation: "read", errno: errno)
                }
                if n == 0 { break }
                got += n
            }
        }
        return Array(out[0..<got])
    }

    static func fdatasync(_ fd: Int32, _ path: String) throws {
        while Glibc.fdatasync(fd) != 0 {
            if errno == EINTR { continue }
            throw LogError.io(path: path, operation: "fdatasync", errno: errno)
        }
    }

    static func fsyncDirectory(of path: String) throws {
        let dir = directory(of: path)
        let fd = try open(dir, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw LogError.io(path: dir, operation: "fsync (directory)", errno: errno)
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    static func nowMicros() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }
}
