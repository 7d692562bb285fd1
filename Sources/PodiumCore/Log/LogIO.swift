#if canImport(Glibc)
import Glibc
#endif

/// The file operations the log is written, recovered and read through. The real one is plain
/// POSIX (`PosixFileSystem`); tests run the very same writer, recovery and readers on a
/// simulated disk that can crash at any operation or fail with ENOSPC, EIO or EFBIG
/// (`Tests/PodiumCoreTests/CrashSim/SimDisk.swift`). Errors are `LogError`s naming the file.
protocol LogFileSystem: AnyObject {
    func open(_ path: String, _ mode: LogOpenMode) throws -> LogFileHandle
    func exists(_ path: String) -> Bool
    /// link(2): fails with `alreadyExists` if `to` exists.
    func link(_ from: String, _ to: String) throws
    func unlink(_ path: String)
    /// fsync of the directory holding `path`, so names made there survive a power cut.
    func syncDirectory(of path: String) throws
}

enum LogOpenMode { case readOnly, readWrite, createNew }

/// One open file. `read` may return fewer bytes than asked (at the end of the file);
/// `write` writes all of them or throws.
protocol LogFileHandle: AnyObject {
    var path: String { get }
    func size() throws -> Int64
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws -> Int
    func write(_ bytes: [UInt8], at offset: Int64) throws
    /// fdatasync(2): returns only when every byte written so far is durable.
    func sync() throws
    func truncate(to size: Int64) throws
    /// flock(2), shared or exclusive; `unlock` never fails.
    func lock(exclusive: Bool) throws
    func unlock()
    /// Where this machine's processes record how far the file is known to be durable (nil: not
    /// available, so sync whenever in doubt). `created` is the log header's creation time, so a
    /// mark left by another log that had the same inode is never believed.
    func durableMark(created: Int64) -> DurableMark?
}

/// "Every byte of the log before `end` is durable", shared by the processes of one machine. Read and written only under the log's
/// flock. A writer sets it after each successful fdatasync; a writer or reader that finds bytes
/// beyond it syncs them first (they were left by a writer killed before its sync) and advances
/// it. So no process pays for a sync another has already made: a clean fdatasync still flushes
/// the device cache (about as slow as a real one on many disks).
protocol DurableMark: AnyObject {
    var end: Int64 { get }
    /// Ignored by a process that may not write the mark.
    func advance(to end: Int64)
    /// After a repair cut the file: the mark follows it down.
    func reset(to end: Int64)

    // Group commit (format version 2): writers write under the log's lock and sync outside it,
    // one at a time under the mark's sync lock; the one holding it syncs every byte written so
    // far, so one fdatasync covers every batch written while the previous one ran.

    /// This process may write the mark (and so lead a group commit).
    var writable: Bool { get }
    /// The sync lock (taken after the log's lock when both are held, never before): exclusive to
    /// sync or cut, shared to wait for a sync in flight.
    func lockSync() throws
    func lockSyncShared() throws
    func unlockSync()
    /// How many times a failed sync cut the log back to `end` (unacknowledged batches taken back).
    var cutsAfterFailedSync: Int64 { get }
    /// Where the last such cut went.
    var lastCut: Int64 { get }
    /// After a failed sync: the log was cut back to `end`, which the mark keeps, and the cut is counted.
    func noteCutAfterFailedSync(to end: Int64)
}

extension LogFileHandle {
    /// Reads up to `count` bytes at `offset` (fewer at the end of the file).
    func read(count: Int, at offset: Int64) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let got = try out.withUnsafeMutableBytes { b -> Int in
            var got = 0
            while got < count {
                let n = try read(into: b.baseAddress! + got, count: count - got, at: offset + Int64(got))
                if n == 0 { break }
                got += n
            }
            return got
        }
        if got < count { out.removeLast(count - got) }
        return out
    }
}

/// The real file system.
final class PosixFileSystem: LogFileSystem, Sendable {
    static let shared = PosixFileSystem()

    func open(_ path: String, _ mode: LogOpenMode) throws -> LogFileHandle {
        switch mode {
        case .readOnly: return PosixFile(path: path, fd: try Posix.open(path, O_RDONLY), readOnly: true)
        case .readWrite: return PosixFile(path: path, fd: try Posix.open(path, O_RDWR), readOnly: false)
        case .createNew: return PosixFile(path: path, fd: try Posix.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644), readOnly: false)
        }
    }

    func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    func link(_ from: String, _ to: String) throws {
        if Glibc.link(from, to) != 0 {
            let e = errno
            if e == EEXIST { throw LogError.alreadyExists(path: to) }
            throw LogError.io(path: to, operation: "link", errno: e)
        }
    }

    func unlink(_ path: String) { _ = Glibc.unlink(path) }

    func syncDirectory(of path: String) throws { try Posix.fsyncDirectory(of: path) }
}

final class PosixFile: LogFileHandle {
    let path: String
    private let file: OwnedFD
    private let readOnly: Bool
    /// Some file systems refuse `fdatasync` on a read-only descriptor (EBADF): then a write
    /// descriptor is opened for syncing, if this user may have one.
    private var syncFD: OwnedFD?

    init(path: String, fd: Int32, readOnly: Bool) {
        self.path = path
        file = OwnedFD(fd)
        self.readOnly = readOnly
    }

    func size() throws -> Int64 { try Posix.size(file.raw, path) }

    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws -> Int {
        while true {
            let n = pread(file.raw, buffer, count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw LogError.io(path: path, operation: "read", errno: errno)
        }
    }

    func write(_ bytes: [UInt8], at offset: Int64) throws { try Posix.writeAll(file.raw, bytes, at: offset, path) }

    func sync() throws {
        guard readOnly else { return try Posix.fdatasync(file.raw, path) }
        // A reader relying on a write descriptor it cannot have falls back on writers, which
        // sync the whole file when they open it.
        if Glibc.fdatasync(file.raw) == 0 { return }
        let e = errno
        guard e == EBADF || e == EINVAL else { throw LogError.io(path: path, operation: "fdatasync", errno: e) }
        if syncFD == nil {
            let w = Glibc.open(path, O_WRONLY | O_CLOEXEC)
            if w >= 0 { syncFD = OwnedFD(w) }
        }
        if let s = syncFD { try Posix.fdatasync(s.raw, path) }
    }

    func truncate(to size: Int64) throws {
        guard ftruncate(file.raw, off_t(size)) == 0 else { throw LogError.io(path: path, operation: "ftruncate", errno: errno) }
    }

    func lock(exclusive: Bool) throws { try Posix.flock(file.raw, exclusive ? LOCK_EX : LOCK_SH, path) }
    func unlock() { Posix.unlock(file.raw) }

    private var mark: SharedDurableMark??
    func durableMark(created: Int64) -> DurableMark? {
        if case let .some(m) = mark { return m }
        // Only writers make the mark; a reader uses one that is there (and may not own the directory).
        let m = SharedDurableMark(log: file.raw, path: path, created: created, create: !readOnly)
        mark = .some(m)
        return m
    }
}

/// The durable mark in `events.log.mark`, beside the log, mapped shared by every process: seven
/// words, a magic number, the log's creation time, device and inode (so a mark copied with its
/// log, or left by another log, is never believed), the durable end, and how many failed syncs
/// cut the log back and to where (group commit). The file's flock is the sync lock. It is never synced:
/// after a power cut the log holds only what reached the disk, so a stale mark claims nothing
/// that is not durable, and a mark beyond the end of the log (cut since) is reset. Trusted only
/// when it belongs to the log's owner and no one else may write it.
final class SharedDurableMark: DurableMark {
    private static let magic: Int64 = 0x4B52_414D_4D44_5050 // "PPDMMARK"
    private let words: UnsafeMutablePointer<Int64>
    let writable: Bool
    /// Kept open for the sync lock.
    private let lockFD: OwnedFD
    private let lockPath: String
    private let identity: (Int64, Int64, Int64)
    private let log: Int32

    init?(log fd: Int32, path: String, created: Int64, create: Bool) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        let name = path + ".mark"
        var writable = true
        var m = Glibc.open(name, O_RDWR | (create ? O_CREAT : 0) | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if m < 0 { writable = false; m = Glibc.open(name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
        guard m >= 0 else { return nil }
        let owned = OwnedFD(m)
        var ms = stat()
        guard fstat(m, &ms) == 0, ms.st_uid == st.st_uid, ms.st_mode & 0o022 == 0, (ms.st_mode & S_IFMT) == S_IFREG else { return nil }
        if writable && ms.st_size < 4096 && ftruncate(m, 4096) != 0 { return nil }
        if !writable && ms.st_size < 4096 { return nil }
        guard let p = mmap(nil, 4096, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, m, 0), p != MAP_FAILED else { return nil }
        words = p.bindMemory(to: Int64.self, capacity: 7)
        lockFD = owned
        lockPath = name
        self.writable = writable
        self.log = fd
        identity = (created, Int64(bitPattern: UInt64(st.st_dev)), Int64(bitPattern: UInt64(st.st_ino)))
        if writable && !matches { reset(to: 0) }
    }

    private var matches: Bool {
        words[0] == Self.magic && words[1] == identity.0 && words[2] == identity.1 && words[3] == identity.2
    }

    var end: Int64 {
        guard matches else { return 0 }
        let e = words[4]
        var st = stat()
        // Beyond the end of the file: the log was cut (a repair, a power cut) since; not believed.
        if fstat(log, &st) == 0, e > Int64(st.st_size) { return 0 }
        return e
    }
    func advance(to end: Int64) { if writable && matches && end > words[4] { words[4] = end } }
    func reset(to end: Int64) {
        guard writable else { return }
        if !matches { words[5] = 0; words[6] = 0 }
        words[4] = end; words[1] = identity.0; words[2] = identity.1; words[3] = identity.2; words[0] = Self.magic
    }
    func lockSync() throws { try Posix.flock(lockFD.raw, LOCK_EX, lockPath) }
    func lockSyncShared() throws { try Posix.flock(lockFD.raw, LOCK_SH, lockPath) }
    func unlockSync() { Posix.unlock(lockFD.raw) }
    var cutsAfterFailedSync: Int64 { matches ? words[5] : 0 }
    var lastCut: Int64 { matches ? words[6] : 0 }
    func noteCutAfterFailedSync(to end: Int64) {
        guard writable else { return }
        reset(to: end)
        words[6] = end
        words[5] += 1
    }
    deinit { munmap(UnsafeMutableRawPointer(words), 4096) }

}
