@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// A simulated disk for the log: every file is two images, what is durable and what the page
/// cache holds, plus the writes and truncations made since the file's last sync. It can
///
/// - "crash" at a chosen operation: `crash()` then builds what a power cut leaves. Every
///   512-byte sector an unsynced write touched is, independently, written, dropped (the old
///   content stays; past the old end of the file it reads as zeros if the file size survived)
///   or filled with garbage; each unsynced truncation happens or not; names made since the
///   directory's last sync survive or not. As SQLite's crash-test VFS does (test6.c), with its
///   "powersafe overwrite" assumption: a garbage sector garbles only the bytes written to it
///   since the last sync, never durable bytes that share the sector.
/// - fail like real disks: a full disk (a write writes what fits, then ENOSPC), a file-size
///   limit (EFBIG), and a failed sync (EIO), which, as on Linux after "fsyncgate", marks the
///   pages clean without making them durable, so a later sync succeeds and a crash still loses
///   them.
final class SimDisk: LogFileSystem {
    static let sector = 512

    final class Inode {
        var durable: [UInt8] = []
        var current: [UInt8] = []
        var pending: [Pending] = []
        /// The processes' shared durable mark (shared memory: lost at a power cut).
        var mark = SimMark()
    }

    final class SimMark: DurableMark {
        var end: Int64 = 0
        func advance(to end: Int64) { self.end = max(self.end, end) }
        func reset(to end: Int64) { self.end = end }
        var writable: Bool { true }
        // One thread drives the simulation: the test's order of calls is the lock's order.
        func lockSync() throws {}
        func lockSyncShared() throws {}
        func unlockSync() {}
        var cutsAfterFailedSync: Int64 = 0
        var lastCut: Int64 = 0
        func noteCutAfterFailedSync(to end: Int64) { reset(to: end); lastCut = end; cutsAfterFailedSync += 1 }
    }

    enum Pending {
        case write(offset: Int, bytes: [UInt8])
        case truncate(Int)
    }

    /// Raised instead of the operation at which the disk "loses power".
    struct Crash: Error, CustomStringConvertible {
        var op: Int
        var what: String
        var description: String { "simulated power cut at operation \(op) (\(what))" }
    }

    /// Raised instead of the operation at which the writing process is killed (kill -9): the
    /// page cache keeps everything written so far; the operation does not happen.
    struct Killed: Error, CustomStringConvertible {
        var op: Int
        var description: String { "simulated kill -9 at operation \(op)" }
    }

    private(set) var names: [String: Inode] = [:]
    private var durableNames: [String: Inode] = [:]
    var rng: SplitMix64

    /// Mutating operations so far (writes, syncs, truncations, name changes).
    private(set) var ops = 0
    /// Power is cut when `ops` reaches this number (the operation does not complete).
    var crashAt: Int?
    /// The process is killed when `ops` reaches this number (the disk keeps power).
    var killAt: Int?
    /// Total bytes the disk holds (all files' current sizes); nil is unlimited.
    var capacity: Int?
    /// RLIMIT_FSIZE: no file may grow past this.
    var maxFileSize: Int?
    /// Every sync fails with EIO while this is set.
    var syncsFail = false
    private(set) var syncFailures = 0

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    private func tick(_ what: String) throws {
        ops += 1
        if let c = crashAt, ops >= c { crashAt = nil; throw Crash(op: ops, what: what) }
        if let k = killAt, ops >= k { killAt = nil; throw Killed(op: ops) }
    }

    /// Each file once, however many names it has.
    private static func files(_ names: [String: Inode]) -> [Inode] {
        Array(Dictionary(names.values.map { (ObjectIdentifier($0), $0) }, uniquingKeysWith: { a, _ in a }).values)
    }

    var used: Int { Self.files(names).reduce(0) { $0 + $1.current.count } }

    // MARK: LogFileSystem

    func open(_ path: String, _ mode: LogOpenMode) throws -> LogFileHandle {
        switch mode {
        case .readOnly, .readWrite:
            guard let inode = names[path] else { throw LogError.missing(path: path) }
            return SimFile(disk: self, inode: inode, path: path)
        case .createNew:
            guard names[path] == nil else { throw LogError.alreadyExists(path: path) }
            try tick("create \(path)")
            let inode = Inode()
            names[path] = inode
            return SimFile(disk: self, inode: inode, path: path)
        }
    }

    func exists(_ path: String) -> Bool { names[path] != nil }

    func link(_ from: String, _ to: String) throws {
        guard let inode = names[from] else { throw LogError.missing(path: from) }
        guard names[to] == nil else { throw LogError.alreadyExists(path: to) }
        try tick("link \(to)")
        names[to] = inode
    }

    func unlink(_ path: String) {
        guard names[path] != nil else { return }
        // unlink cannot fail in the log's use; a crash here is a crash at the next operation.
        ops += 1
        names[path] = nil
    }

    func syncDirectory(of path: String) throws {
        try tick("fsync directory")
        durableNames = names
    }

    // MARK: the file operations

    func write(_ inode: Inode, _ path: String, _ bytes: [UInt8], at offset: Int) throws {
        if let c = crashAt, ops + 1 >= c {
            // The write may have reached the disk in part: it is unsynced, so `crash` decides.
            inode.pending.append(.write(offset: offset, bytes: bytes))
        }
        try tick("write \(bytes.count) bytes at \(offset) of \(path)")
        var allowed = bytes.count
        var failure: Int32?
        if let limit = maxFileSize, offset + bytes.count > limit {
            allowed = max(0, limit - offset); failure = EFBIG
        }
        if let cap = capacity {
            let growth = max(0, offset + allowed - inode.current.count)
            let free = max(0, cap - used)
            if growth > free { allowed = max(0, inode.current.count - offset) + free; failure = ENOSPC }
        }
        allowed = min(allowed, bytes.count)
        if allowed > 0 {
            let part = Array(bytes[0..<allowed])
            apply(write: part, at: offset, to: &inode.current)
            inode.pending.append(.write(offset: offset, bytes: part))
        }
        if let e = failure { throw LogError.io(path: path, operation: "write", errno: e) }
    }

    func sync(_ inode: Inode, _ path: String) throws {
        try tick("fdatasync \(path)")
        if syncsFail {
            syncFailures += 1
            // fsyncgate: the kernel reports the error once and forgets the dirty pages.
            inode.pending.removeAll()
            throw LogError.io(path: path, operation: "fdatasync", errno: EIO)
        }
        inode.durable = inode.current
        inode.pending.removeAll()
    }

    func truncate(_ inode: Inode, _ path: String, to size: Int) throws {
        try tick("ftruncate \(path) to \(size)")
        if inode.current.count > size { inode.current.removeLast(inode.current.count - size) }
        else { inode.current += [UInt8](repeating: 0, count: size - inode.current.count) }
        inode.pending.append(.truncate(size))
    }

    private func apply(write bytes: [UInt8], at offset: Int, to image: inout [UInt8]) {
        if image.count < offset + bytes.count { image += [UInt8](repeating: 0, count: offset + bytes.count - image.count) }
        image.replaceSubrange(offset..<offset + bytes.count, with: bytes)
    }

    /// The power cut: what each file holds afterwards. Open handles must not be used again.
    func crash() {
        var survivors: [String: Inode] = [:]
        for path in Set(names.keys).union(durableNames.keys).sorted() {
            let now = names[path], then = durableNames[path]
            // A name changed since the directory's last sync survives the cut or not.
            let pick = now === then ? now : (rng.below(2) == 0 ? now : then)
            if let inode = pick { survivors[path] = inode }
        }
        // Sorted by name, so a seed replays the same cut whatever order a dictionary keeps.
        let ordered = survivors.sorted { $0.key < $1.key }.map(\.value)
        var seen = Set<ObjectIdentifier>()
        for inode in ordered where seen.insert(ObjectIdentifier(inode)).inserted {
            var image = inode.durable
            // Did the file's size (metadata) reach the disk even where its data did not?
            let sizeKept = rng.below(3) == 0
            var furthest = image.count
            for op in inode.pending {
                switch op {
                case let .truncate(size):
                    if rng.below(2) == 0 {
                        if image.count > size { image.removeLast(image.count - size) }
                        else { image += [UInt8](repeating: 0, count: size - image.count) }
                        furthest = min(furthest, size)
                    }
                case let .write(offset, bytes):
                    furthest = max(furthest, offset + bytes.count)
                    var start = offset
                    while start < offset + bytes.count {
                        let end = min(offset + bytes.count, (start / Self.sector + 1) * Self.sector)
                        let piece = Array(bytes[(start - offset)..<(end - offset)])
                        switch rng.below(3) {
                        case 0: apply(write: piece, at: start, to: &image)
                        case 1: break // dropped
                        default: apply(write: piece.map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: start, to: &image)
                        }
                        start = end
                    }
                }
            }
            if sizeKept && image.count < furthest { image += [UInt8](repeating: 0, count: furthest - image.count) }
            inode.durable = image
            inode.current = image
            inode.pending.removeAll()
            inode.mark = SimMark()
        }
        names = survivors
        durableNames = survivors
        crashAt = nil
        killAt = nil
        syncsFail = false
    }

    /// Bytes of a file as the page cache holds them.
    func contents(_ path: String) -> [UInt8]? { names[path]?.current }
}

final class SimFile: LogFileHandle {
    let disk: SimDisk
    let inode: SimDisk.Inode
    let path: String

    init(disk: SimDisk, inode: SimDisk.Inode, path: String) { self.disk = disk; self.inode = inode; self.path = path }

    func size() throws -> Int64 { Int64(inode.current.count) }

    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws -> Int {
        let o = Int(offset)
        guard o < inode.current.count else { return 0 }
        let n = min(count, inode.current.count - o)
        inode.current.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + o, byteCount: n) }
        return n
    }

    /// Set once the process owning this handle was killed: it does nothing more (no clean-up runs).
    private(set) var dead = false

    private func alive<R>(_ op: () throws -> R) throws -> R {
        if dead { throw SimDisk.Killed(op: disk.ops) }
        do { return try op() } catch let k as SimDisk.Killed { dead = true; throw k }
    }

    func write(_ bytes: [UInt8], at offset: Int64) throws { try alive { try disk.write(inode, path, bytes, at: Int(offset)) } }
    func sync() throws { try alive { try disk.sync(inode, path) } }
    func truncate(to size: Int64) throws { try alive { try disk.truncate(inode, path, to: Int(size)) } }
    func durableMark(created: Int64) -> DurableMark? { inode.mark }
    // One thread drives the simulation: the lock is the caller's ordering.
    func lock(exclusive: Bool) throws {}
    func unlock() {}
}
