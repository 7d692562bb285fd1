#if canImport(Glibc)
import Glibc
#endif

/// One entry of an atomic batch to append: an event's type tag and encoded body.
public struct RawEntry: Sendable, Equatable {
    public var type: UInt16
    public var body: [UInt8]
    public init(type: UInt16, body: [UInt8]) { self.type = type; self.body = body }
}

/// What an append acknowledges: the sequence numbers written, all durable.
public struct AppendReceipt: Sendable, Equatable {
    public var first: UInt64
    public var last: UInt64
    public var timeMicros: Int64
}

/// The append side of `events.log`. Any number of processes may hold one on the same file:
/// every append takes an exclusive `flock`, catches up on what others wrote, writes whole
/// frames, `fdatasync`s, and only then returns.
public final class LogWriter {
    public let path: String
    private let fs: LogFileSystem
    private let file: LogFileHandle
    private var mark: DurableMark?
    private(set) var endOffset: Int64
    public private(set) var lastSeq: UInt64
    private(set) var lastChain: ChainHash
    private(set) var lastTimeMicros: Int64
    private var stopped: String?
    /// Where the last torn tail was copied, if this writer repaired one.
    public private(set) var lastRepair: TailRepair?

    public struct TailRepair: Sendable, Equatable {
        public var offset: Int64
        public var bytes: Int
        public var savedTo: String
        public var reason: String
    }

    /// Creates a new, empty log: header written to a temporary file, synced, renamed into place,
    /// and the directory synced. Refuses to replace an existing log.
    public static func create(at path: String, createdMicros: Int64? = nil) throws {
        try create(at: path, createdMicros: createdMicros, on: PosixFileSystem.shared)
    }

    static func create(at path: String, createdMicros: Int64?, on fs: LogFileSystem) throws {
        if fs.exists(path) { throw LogError.alreadyExists(path: path) }
        let tmp = path + ".creating"
        fs.unlink(tmp)
        do {
            let f = try fs.open(tmp, .createNew)
            try f.write(FileHeader(createdMicros: createdMicros ?? Posix.nowMicros()).encode(), at: 0)
            try f.sync()
        } catch {
            fs.unlink(tmp); throw error
        }
        // link(2) fails if the target exists, so a racing `init` cannot overwrite a log.
        do { try fs.link(tmp, path) } catch { fs.unlink(tmp); throw error }
        fs.unlink(tmp)
        try fs.syncDirectory(of: path)
    }

    /// Opens an existing log for appending, handing every record to `replay` in order.
    /// A torn tail is copied aside and cut off; corruption with valid records after it is
    /// reported, and nothing is cut.
    public convenience init(path: String, replay: (RawRecord) throws -> Void = { _ in }) throws {
        try self.init(path: path, on: PosixFileSystem.shared, replay: replay)
    }

    init(path: String, on fs: LogFileSystem, replay: (RawRecord) throws -> Void = { _ in }) throws {
        self.path = path
        self.fs = fs
        // A write past RLIMIT_FSIZE must fail with EFBIG, not kill the process.
        signal(SIGXFSZ, SIG_IGN)
        let file = try fs.open(path, .readWrite)
        self.file = file
        try file.lock(exclusive: true)
        defer { file.unlock() }
        let header = try Self.readHeader(file)
        mark = file.durableMark(created: Self.created(header))
        endOffset = Int64(LogFormat.fileHeaderSize)
        lastSeq = 0
        lastChain = FileHeader.genesisChain(header)
        lastTimeMicros = 0
        _ = try catchUp(replay)
    }

    static func created(_ header: [UInt8]) -> Int64 {
        if case let .success(h) = FileHeader.decode(header) { return h.createdMicros } else { return 0 }
    }

    static func readHeader(_ file: LogFileHandle) throws -> [UInt8] {
        let path = file.path
        let raw = try file.read(count: LogFormat.fileHeaderSize, at: 0)
        switch FileHeader.decode(raw) {
        case .success: return raw
        case .failure(.short): throw LogError.notALog(path: path, reason: "file header is \(raw.count) bytes, expected \(LogFormat.fileHeaderSize)")
        case .failure(.badMagic): throw LogError.notALog(path: path, reason: "bad magic (expected PODIUMLG)")
        case .failure(.badChecksum): throw LogError.notALog(path: path, reason: "file header checksum mismatch")
        case let .failure(.unsupportedVersion(v)): throw LogError.notALog(path: path, reason: "format version \(v) is not supported (this build reads \(LogFormat.version))")
        }
    }

    /// Reads what other processes appended since our last look; repairs a torn tail. Caller holds the lock.
    private func catchUp(_ deliver: (RawRecord) throws -> Void) throws -> Int {
        let size = try file.size()
        if size == endOffset { return 0 }
        if size < endOffset {
            throw LogError.corrupt(path: path, seq: lastSeq + 1, offset: size,
                                   reason: "the log shrank below acknowledged records (from \(endOffset) to \(size) bytes)")
        }
        // Whatever another writer left unsynced (killed between its write and its sync) becomes
        // durable before we build on it: so at most one batch, ours, is ever unsynced, and a power
        // cut can tear only the last batch (which recovery can tell from corruption). The durable
        // mark spares the sync when every writer before us synced, as they do unless killed.
        if size > (mark?.end ?? 0) {
            try file.sync()
            mark?.advance(to: size)
        }
        let scanner = FrameScanner(reader: ChunkReader(file: file, fileSize: size), verifyChain: false)
        var count = 0
        let out = try scanner.scan(from: endOffset, nextSeq: lastSeq + 1, prevChain: lastChain,
                                   lastTimeMicros: lastTimeMicros) { rec in count += 1; try deliver(rec) }
        endOffset = out.goodEnd
        lastSeq = out.lastSeq
        lastChain = out.lastChain
        lastTimeMicros = out.lastTimeMicros
        if case let .torn(reason) = out.tail {
            try repairTail(from: out.goodEnd, fileSize: size, reason: reason)
        }
        return count
    }

    /// Copies the damaged bytes to `events.log.torn-<offset>-<time>` (synced) and cuts them off.
    private func repairTail(from offset: Int64, fileSize: Int64, reason: String) throws {
        let damaged = try file.read(count: Int(fileSize - offset), at: offset)
        let aside = "\(path).torn-\(offset)-\(Posix.nowMicros())"
        let copy = try fs.open(aside, .createNew)
        try copy.write(damaged, at: 0)
        try copy.sync()
        try fs.syncDirectory(of: aside)
        try file.truncate(to: offset)
        try file.sync()
        mark?.reset(to: offset)
        lastRepair = TailRepair(offset: offset, bytes: damaged.count, savedTo: aside, reason: reason)
    }

    /// Appends `entries` as one atomic batch. Under the lock, `prepare` first sees every record
    /// other writers appended since this writer's last append (so the caller can bring its state
    /// up to date and decide against it); what it returns is written. Returns only after the
    /// frames are durable; returns nil if `prepare` returned nothing.
    @discardableResult
    public func append(actor: String, timeMicros: Int64? = nil,
                       prepare: (_ newRecords: [RawRecord]) throws -> [RawEntry]) throws -> AppendReceipt? {
        if let cause = stopped { throw LogError.writerStopped(path: path, cause: cause) }
        let actorBytes = Array(actor.utf8)
        guard actorBytes.count <= LogFormat.maxActorBytes else {
            throw LogError.tooLarge(what: "actor name", size: actorBytes.count, limit: LogFormat.maxActorBytes)
        }
        try file.lock(exclusive: true)
        defer { file.unlock() }
        var fresh: [RawRecord] = []
        _ = try catchUp { fresh.append($0) }
        let entries = try prepare(fresh)
        if entries.isEmpty { return nil }
        for e in entries where e.body.count > LogFormat.maxBodyBytes {
            throw LogError.tooLarge(what: "an event of type \(e.type)", size: e.body.count, limit: LogFormat.maxBodyBytes)
        }
        let time = max(timeMicros ?? Posix.nowMicros(), lastTimeMicros)
        var bytes: [UInt8] = []
        var chain = lastChain
        var seq = lastSeq
        for (i, e) in entries.enumerated() {
            seq += 1
            let f = FrameCodec.encode(seq: seq, timeMicros: time, actor: actorBytes, type: e.type,
                                      batchRemaining: UInt32(entries.count - 1 - i), body: e.body, prevChain: chain)
            bytes += f.bytes
            chain = f.chain
        }
        do {
            try file.write(bytes, at: endOffset)
        } catch {
            // Nothing was acknowledged: take back whatever part of the batch reached the file.
            try? file.truncate(to: endOffset)
            throw error
        }
        do {
            try file.sync()
        } catch {
            // After a failed sync the kernel's view of the file cannot be trusted: stop for good.
            try? file.truncate(to: endOffset)
            stopped = "\(error)"
            throw error
        }
        let first = lastSeq + 1
        endOffset += Int64(bytes.count)
        mark?.advance(to: endOffset)
        lastSeq = seq
        lastChain = chain
        lastTimeMicros = time
        return AppendReceipt(first: first, last: seq, timeMicros: time)
    }
}
