#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One entry of an atomic batch to append: an event's type tag and encoded body.
public struct RawEntry: Sendable, Equatable {
    public var type: UInt16
    public var body: [UInt8]
    /// The part of the venue's state this event changes (`Event.scope`), for a store that lets a
    /// batch whose decision read other parts go in after records it did not see (`ReadSet`).
    /// nil: unknown, so it may change anything. Not part of the record: the file ignores it.
    public var scope: String?
    public init(type: UInt16, body: [UInt8], scope: String? = nil) { self.type = type; self.body = body; self.scope = scope }
}

/// What an append acknowledges: the sequence numbers written, all durable.
public struct AppendReceipt: Sendable, Equatable {
    public var first: UInt64
    public var last: UInt64
    public var timeMicros: Int64
    /// Records other writers appended before this batch that `prepare` was not shown: only when
    /// the append's `ReadSet` allowed the batch in after records outside what its decision read.
    /// A caller that folds the log (`Venue.execute`) folds these before its own batch.
    public var skipped: [RawRecord] = []
}

/// The append side of `events.log`. Any number of processes may hold one on the same file:
/// every append takes an exclusive `flock`, catches up on what others wrote, writes whole
/// frames, and returns only once they are durable. In a version 2 log (group commit) the
/// writer releases the `flock` before its sync and waits for the mark's sync lock instead:
/// whoever holds it syncs everything written so far, so one `fdatasync` covers every batch
/// written while the previous one ran. In a version 1 log, or without a shared mark, it syncs
/// under the `flock`, one append at a time.
public final class LogWriter {
    public let path: String
    private let fs: LogFileSystem
    private let file: LogFileHandle
    private var mark: DurableMark?
    /// The file's format version: 1 or 2.
    public let version: UInt32
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
    /// `version` 1 makes a log in the old format (for tests and the benchmark's before-and-after).
    public static func create(at path: String, createdMicros: Int64? = nil, version: UInt32 = LogFormat.version) throws {
        try create(at: path, createdMicros: createdMicros, version: version, on: PosixFileSystem.shared)
    }

    static func create(at path: String, createdMicros: Int64?, version: UInt32 = LogFormat.version, on fs: LogFileSystem) throws {
        guard LogFormat.readableVersions.contains(version) else {
            throw LogError.notALog(path: path, reason: "format version \(version) cannot be written by this build")
        }
        if fs.exists(path) { throw LogError.alreadyExists(path: path) }
        let tmp = path + ".creating"
        fs.unlink(tmp)
        do {
            let f = try fs.open(tmp, .createNew)
            try f.write(FileHeader(version: version, createdMicros: createdMicros ?? Posix.nowMicros()).encode(), at: 0)
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
        version = Self.version(header)
        mark = file.durableMark(created: Self.created(header))
        endOffset = Int64(LogFormat.fileHeaderSize)
        lastSeq = 0
        lastChain = FileHeader.genesisChain(header)
        lastTimeMicros = 0
        // Opening syncs whatever is not known durable, in either mode (once, before replaying it).
        _ = try catchUp(syncUnknown: true, replay)
    }

    static func created(_ header: [UInt8]) -> Int64 {
        if case let .success(h) = FileHeader.decode(header) { return h.createdMicros } else { return 0 }
    }

    static func version(_ header: [UInt8]) -> UInt32 {
        if case let .success(h) = FileHeader.decode(header) { return h.version } else { return LogFormat.version }
    }

    /// Appends share syncs (version 2, with a mark this process may write); otherwise each append
    /// syncs under the lock, as version 1 always did.
    var groupCommit: Bool { version >= 2 && mark?.writable == true }

    static func readHeader(_ file: LogFileHandle) throws -> [UInt8] {
        let path = file.path
        let raw = try file.read(count: LogFormat.fileHeaderSize, at: 0)
        switch FileHeader.decode(raw) {
        case .success: return raw
        case .failure(.short): throw LogError.notALog(path: path, reason: "file header is \(raw.count) bytes, expected \(LogFormat.fileHeaderSize)")
        case .failure(.badMagic): throw LogError.notALog(path: path, reason: "bad magic (expected PODIUMLG)")
        case .failure(.badChecksum): throw LogError.notALog(path: path, reason: "file header checksum mismatch")
        case let .failure(.unsupportedVersion(v)): throw LogError.notALog(path: path, reason: "format version \(v) is not supported (this build reads \(LogFormat.readableVersions.map(String.init).joined(separator: " and ")))")
        }
    }

    /// Reads what other processes appended since our last look; repairs a torn tail. Caller holds the lock.
    /// With `skim` (the caller needs no records; `deliver` is not called) it skims: the new bytes come in one `pread`
    /// to the end of the file instead of `fstat` and `pread`, and every frame gets the same checks
    /// (marker, checksums, sequence, batch, the chain value it carries) without a record being built.
    private func catchUp(syncUnknown: Bool, skim: Bool = false, _ deliver: (RawRecord) throws -> Void) throws -> Int {
        var reader: ChunkReader?
        var size: Int64
        if skim {
            // From the byte before our end: a file that no longer has it shrank.
            let r = try ChunkReader(file: file, readingToEndFrom: endOffset - 1)
            reader = r
            size = r.fileSize
            if size < endOffset { size = try file.size() }
        } else {
            size = try file.size()
        }
        if size == endOffset { return 0 }
        if size < endOffset {
            throw LogError.corrupt(path: path, seq: lastSeq + 1, offset: size,
                                   reason: "the log shrank below acknowledged records (from \(endOffset) to \(size) bytes)")
        }
        // Version 1: whatever another writer left unsynced (killed between its write and its sync)
        // becomes durable before we build on it: so at most one batch, ours, is ever unsynced, and
        // a power cut can tear only the last batch (which recovery can tell from corruption). The
        // durable mark spares the sync when every writer before us synced, as they do unless killed.
        // Version 2 builds on unsynced batches (that is group commit); each frame's `synced` field
        // lets recovery tell the torn tail, which may now span several batches, from corruption.
        if syncUnknown && size > (mark?.end ?? 0) {
            try file.sync()
            mark?.advance(to: size)
        }
        var scanner = FrameScanner(reader: reader ?? ChunkReader(file: file, fileSize: size), verifyChain: false, version: version)
        scanner.materialize = !skim
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
    /// Under the sync lock too, so that no group-commit sync in flight moves the mark past the cut.
    private func repairTail(from offset: Int64, fileSize: Int64, reason: String) throws {
        if groupCommit { try mark?.lockSync() }
        defer { if groupCommit { mark?.unlockSync() } }
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
        guard let written = try write(actor: actor, timeMicros: timeMicros, prepare: prepare) else { return nil }
        try awaitDurable(written)
        return written.receipt
    }

    /// Appends `entries` as one atomic batch when the caller needs nothing of what other writers
    /// appended meanwhile (a record of its own, not decided against the log's state): the
    /// catch-up skims their frames (same checks, no records built). Returns once durable.
    @discardableResult
    public func append(actor: String, timeMicros: Int64? = nil, entries: [RawEntry]) throws -> AppendReceipt? {
        guard let written = try write(actor: actor, timeMicros: timeMicros, records: false, prepare: { _ in entries }) else { return nil }
        try awaitDurable(written)
        return written.receipt
    }

    /// A batch written but perhaps not yet durable (group commit), and what `awaitDurable` needs.
    struct Written {
        var receipt: AppendReceipt
        /// Where the batch ends in the file.
        var end: Int64
        /// The mark's count of failed-sync cuts when the batch was written.
        var cuts: Int64
    }

    /// The first half of an append: under the lock, catch up, let `prepare` decide, write the
    /// frames. In version 1 (or without a mark) it also syncs them, so they are durable on return;
    /// in group commit they are durable only after `awaitDurable`. Internal so that the crash
    /// simulation can interleave the halves of several writers.
    /// `records` false: `prepare` is handed nothing and the catch-up skims (see `catchUp`).
    func write(actor: String, timeMicros: Int64? = nil, records: Bool = true,
               prepare: (_ newRecords: [RawRecord]) throws -> [RawEntry]) throws -> Written? {
        if let cause = stopped { throw LogError.writerStopped(path: path, cause: cause) }
        let actorBytes = Array(actor.utf8)
        guard actorBytes.count <= LogFormat.maxActorBytes else {
            throw LogError.tooLarge(what: "actor name", size: actorBytes.count, limit: LogFormat.maxActorBytes)
        }
        try file.lock(exclusive: true)
        defer { file.unlock() }
        let group = groupCommit
        var fresh: [RawRecord] = []
        _ = try catchUp(syncUnknown: !group, skim: !records) { fresh.append($0) }
        let entries = try prepare(fresh)
        if entries.isEmpty { return nil }
        for e in entries where e.body.count > LogFormat.maxBodyBytes {
            throw LogError.tooLarge(what: "an event of type \(e.type)", size: e.body.count, limit: LogFormat.maxBodyBytes)
        }
        let time = max(timeMicros ?? Posix.nowMicros(), lastTimeMicros)
        // Version 2 frames say how far the file was durable when they were written: in group
        // commit what the mark says; otherwise everything before this batch (catch-up synced it).
        let synced: Int64? = version < 2 ? nil : group ? min(mark?.end ?? 0, endOffset) : endOffset
        var bytes: [UInt8] = []
        var chain = lastChain
        var seq = lastSeq
        for (i, e) in entries.enumerated() {
            seq += 1
            let f = FrameCodec.encode(seq: seq, timeMicros: time, actor: actorBytes, type: e.type,
                                      batchRemaining: UInt32(entries.count - 1 - i), body: e.body, prevChain: chain,
                                      synced: synced)
            bytes += f.bytes
            chain = f.chain
        }
        do {
            try file.write(bytes, at: endOffset)
        } catch {
            // Nothing was acknowledged: take back whatever part of the batch reached the file.
            // In group commit under the sync lock too: a sync that read the size with the partial
            // bytes in it may have moved the mark past the cut; it follows the cut back down
            // (what is below the cut is untouched, so no cut is counted).
            if group, let mark {
                try? mark.lockSync()
                let before = mark.end
                try? file.truncate(to: endOffset)
                if before > endOffset { mark.reset(to: endOffset) }
                mark.unlockSync()
            } else {
                try? file.truncate(to: endOffset)
            }
            throw error
        }
        if !group {
            do {
                try file.sync()
            } catch {
                // After a failed sync the kernel's view of the file cannot be trusted: stop for good.
                try? file.truncate(to: endOffset)
                stopped = "\(error)"
                throw error
            }
        }
        let first = lastSeq + 1
        endOffset += Int64(bytes.count)
        if !group { mark?.advance(to: endOffset) }
        lastSeq = seq
        lastChain = chain
        lastTimeMicros = time
        return Written(receipt: AppendReceipt(first: first, last: seq, timeMicros: time), end: endOffset,
                       cuts: group ? mark?.cutsAfterFailedSync ?? 0 : 0)
    }

    /// The second half of an append in group commit: returns once every byte up to the batch's
    /// end is durable (`DurableMark.awaitSync`). Nothing to do in version 1 (`write` synced).
    func awaitDurable(_ w: Written) throws {
        guard groupCommit, let mark else { return }
        let intact: Bool
        do {
            intact = try mark.awaitSync(of: file, through: w.end, cuts: w.cuts)
        } catch let error as LogError {
            // As in version 1, nothing unsynced may stay for later appends to build on: cut the log
            // back to its durable end (every batch after it, this one and the ones waiting, is
            // unacknowledged; their writers see the cut), and stop this writer for good.
            stopped = "\(error)"
            try? file.lock(exclusive: true)
            defer { file.unlock() }
            try? mark.lockSync()
            defer { mark.unlockSync() }
            // (A mark that cannot be believed reads 0: then nothing is cut rather than everything.)
            let durable = mark.end
            if durable >= Int64(LogFormat.fileHeaderSize) { try? file.truncate(to: durable) }
            mark.noteCutAfterFailedSync(to: durable)
            throw error
        }
        if !intact {
            stopped = "a sync failed in another process, which took back the appends not yet durable, this one among them"
            throw LogError.writerStopped(path: path, cause: stopped!)
        }
    }
}

extension DurableMark {
    /// Group commit: returns once every byte of `file` before `end` is durable, true; or false if
    /// a failed sync cut the log back below `end` since the mark's cut count was `cuts` (the
    /// bytes may be gone). Covered already (a sync that began after those bytes were written has
    /// ended)? The cut count is read before and after the end: a cut changes it before the end
    /// can pass `end` again with other bytes in its place, so an unchanged count means the end
    /// speaks of these bytes (the fences keep the loads in this order). If not, it waits for the
    /// sync in flight in shared mode, so that every waiter wakes at once when it ends (a queue of
    /// exclusive waiters would be woken one after another, each only to find it was covered);
    /// only if still not covered does it take the lock exclusively, sync everything written so
    /// far and advance the mark. Throws what the sync throws (the caller decides what a failed
    /// sync means for it).
    func awaitSync(of file: LogFileHandle, through end: Int64, cuts: Int64) throws -> Bool {
        func covered() -> Bool {
            let before = cutsAfterFailedSync
            atomicMemoryFence(ordering: .acquiring)
            let now = self.end
            atomicMemoryFence(ordering: .acquiring)
            return before == cuts && cutsAfterFailedSync == cuts && now >= end
        }
        if covered() { return true }
        try lockSyncShared()
        let coveredNow = covered()
        unlockSync()
        if coveredNow { return true }
        // Under the exclusive sync lock the end and the cut count move only upwards, by syncs
        // that made the bytes durable.
        try lockSync()
        defer { unlockSync() }
        // A cut that left these bytes whole does not matter.
        let c = cutsAfterFailedSync
        if c != cuts && !(c == cuts + 1 && lastCut >= end) { return false }
        if self.end >= end { return true }
        let target = try file.size()
        try file.sync()
        advance(to: target)
        return true
    }
}
