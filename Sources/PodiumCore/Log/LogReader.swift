#if canImport(Glibc)
import Glibc
#endif

/// The read side of `events.log`: reads from a sequence number and follows the log live.
/// It never modifies the file, and never returns a record that could later vanish: it reads
/// under a shared lock (so no append is half-way), makes what it read durable, and hands out
/// only complete batches. A damaged tail is left for a writer to repair and simply not read.
public final class LogReader {
    public let path: String
    private let file: LogFileHandle
    private var mark: DurableMark?
    private let version: UInt32
    private var offset: Int64
    public private(set) var lastSeq: UInt64
    private var chain: ChainHash
    private var lastTime: Int64 = 0
    private var watch: Int32 = -1
    /// Never use inotify (as on a file system without it): waits poll the file size.
    public var forcePolling = false
    /// The last damaged tail seen (nil when the end of the log is clean).
    public private(set) var tornTail: String?

    public convenience init(path: String) throws {
        try self.init(path: path, on: PosixFileSystem.shared)
    }

    init(path: String, on fs: LogFileSystem) throws {
        self.path = path
        let file = try fs.open(path, .readOnly)
        self.file = file
        try file.lock(exclusive: false)
        defer { file.unlock() }
        let header = try LogWriter.readHeader(file)
        version = LogWriter.version(header)
        mark = file.durableMark(created: LogWriter.created(header))
        chain = FileHeader.genesisChain(header)
        offset = Int64(LogFormat.fileHeaderSize)
        lastSeq = 0
    }

    /// A reader that starts where `venue`'s replay ended, so a console that has just opened the
    /// venue reads on from there instead of scanning the whole log again (the judge console's
    /// start). With another kind of store it starts at the beginning, skipping through the
    /// venue's last seq (the records are scanned, not delivered).
    public convenience init(continuing venue: Venue) throws {
        try self.init(path: venue.logPath)
        if let w = venue.store as? LogWriter, w.lastSeq == venue.state.lastSeq, w.version == version {
            offset = w.endOffset
            lastSeq = w.lastSeq
            chain = w.lastChain
            lastTime = w.lastTimeMicros
        } else {
            try readNew(skipThrough: venue.state.lastSeq) { _ in }
        }
    }

    deinit {
        // `file` closes the log itself; the watch is opened later, only once init has succeeded.
        if watch >= 0 { close(watch) }
    }

    /// Delivers every complete record after the ones already read, in order; returns how many.
    /// Records with seq ≤ `skipThrough` are read but not delivered (start from a sequence number).
    @discardableResult
    public func readNew(skipThrough: UInt64 = 0, _ deliver: (RawRecord) throws -> Void) throws -> Int {
        try file.lock(exclusive: false)
        var locked = true
        defer { if locked { file.unlock() } }
        let size = try file.size()
        if size == offset { tornTail = nil; return 0 }
        if size < offset {
            throw LogError.corrupt(path: path, seq: lastSeq + 1, offset: size,
                                   reason: "the log shrank below records already read (from \(offset) to \(size) bytes)")
        }
        // Nothing is shown that a power cut could take back: bytes not known durable are synced
        // first (a writer killed between write and sync leaves bytes only in the page cache; in
        // group commit, batches wait for a shared sync).
        if let mark, size > mark.end {
            if version >= 2 && mark.writable {
                // Group commit: wait for (or lead) the shared sync outside the log's lock, so
                // writers are not held up behind this reader's sync. What is read stays what it
                // was meanwhile (only a cut after a failed sync could take it back: then read again later).
                let cuts = mark.cutsAfterFailedSync
                file.unlock()
                locked = false
                guard try mark.awaitSync(of: file, through: size, cuts: cuts) else { return 0 }
                try file.lock(exclusive: false)
                locked = true
                guard try file.size() >= size else { return 0 }
            } else {
                try file.sync()
                mark.advance(to: size)
            }
        } else if mark == nil {
            try file.sync()
        }
        let scanner = FrameScanner(reader: ChunkReader(file: file, fileSize: size), verifyChain: false, version: version)
        var n = 0
        let out = try scanner.scan(from: offset, nextSeq: lastSeq + 1, prevChain: chain, lastTimeMicros: lastTime) { rec in
            if rec.seq > skipThrough { n += 1; try deliver(rec) }
        }
        offset = out.goodEnd
        lastSeq = out.lastSeq
        chain = out.lastChain
        lastTime = out.lastTimeMicros
        if case let .torn(reason) = out.tail { tornTail = reason } else { tornTail = nil }
        return n
    }

    /// All records from `seq` on (1 = everything).
    public func records(from seq: UInt64 = 1) throws -> [RawRecord] {
        var out: [RawRecord] = []
        try readNew(skipThrough: seq &- 1) { out.append($0) }
        return out
    }

    /// A file descriptor that becomes readable when the log may have changed (inotify), for
    /// poll(2) alongside keys and timers; nil where inotify is unavailable (then poll on a timer).
    public func changeDescriptor() -> Int32? {
        if forcePolling { return nil }
        if watch >= 0 { return watch }
        let w = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard w >= 0 else { return nil }
        if inotify_add_watch(w, path, UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE)) < 0 {
            close(w)
            return nil
        }
        watch = w
        return w
    }

    /// Empties the inotify queue after poll(2) said it is readable.
    public func drainChanges() {
        guard watch >= 0 else { return }
        var buf = [UInt8](repeating: 0, count: 4096)
        while read(watch, &buf, buf.count) > 0 {}
    }

    /// Blocks until the log may have changed or `timeoutMillis` passes. With inotify the wait is
    /// event-driven; without it, the file size is polled every `pollMillis`.
    public func waitForChange(timeoutMillis: Int, pollMillis: Int = 50) throws {
        if let w = changeDescriptor() {
            var p = pollfd(fd: w, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, Int32(timeoutMillis))
            drainChanges()
            return
        }
        let start = Posix.nowMicros()
        let initial = try file.size()
        while Posix.nowMicros() - start < Int64(timeoutMillis) * 1000 {
            if try file.size() != initial { return }
            usleep(useconds_t(pollMillis * 1000))
        }
    }

    /// Reads new records, waiting for them as needed, until `deliver` returns false.
    public func follow(skipThrough: UInt64 = 0, _ deliver: (RawRecord) throws -> Bool) throws {
        var go = true
        while go {
            try readNew(skipThrough: skipThrough) { rec in if go { go = try deliver(rec) } }
            if go { try waitForChange(timeoutMillis: 1000) }
        }
    }
}

/// Result of checking a whole log.
public struct VerifyReport: Sendable {
    public var records: UInt64
    public var bytes: Int64
    /// SHA-256 chain value of the last record: publish it to anchor the log's history.
    public var head: ChainHash?
    /// The first problem found, or nil if every frame, checksum, sequence number and link holds.
    public var problem: LogError?
    public var ok: Bool { problem == nil }
}

public enum LogVerifier {
    /// Checks every frame, both checksums, the gapless sequence and the SHA-256 chain.
    /// Reads under a shared lock; changes nothing.
    public static func verify(path: String) throws -> VerifyReport {
        try verify(path: path, on: PosixFileSystem.shared)
    }

    /// The same check, handing every good record to `each` in order (the checkpoint audit reads
    /// the log in this same pass).
    public static func verify(path: String, each: (RawRecord) throws -> Void) throws -> VerifyReport {
        try verify(path: path, on: PosixFileSystem.shared, each: each)
    }

    static func verify(path: String, on fs: LogFileSystem, each: (RawRecord) throws -> Void = { _ in }) throws -> VerifyReport {
        let file = try fs.open(path, .readOnly)
        try file.lock(exclusive: false)
        defer { file.unlock() }
        let header = try LogWriter.readHeader(file)
        let size = try file.size()
        let scanner = FrameScanner(reader: ChunkReader(file: file, fileSize: size), verifyChain: true, version: LogWriter.version(header))
        var n: UInt64 = 0
        do {
            let out = try scanner.scan(from: Int64(LogFormat.fileHeaderSize), nextSeq: 1,
                                       prevChain: FileHeader.genesisChain(header), lastTimeMicros: 0) { rec in n += 1; try each(rec) }
            var problem: LogError? = nil
            if case let .torn(reason) = out.tail {
                problem = .tornTail(path: path, seq: out.lastSeq + 1, offset: out.goodEnd, reason: reason)
            }
            return VerifyReport(records: n, bytes: size, head: out.lastChain, problem: problem)
        } catch let e as LogError {
            return VerifyReport(records: n, bytes: size, head: nil, problem: e)
        }
    }
}
