#if canImport(Glibc)
import Glibc
#endif

/// Reads a file in large chunks through `pread`, so that scanning a log of any size needs
/// a bounded buffer (4 MiB plus the largest frame), never the whole file.
final class ChunkReader {
    let file: LogFileHandle
    var path: String { file.path }
    let fileSize: Int64
    private var buf: UnsafeMutableRawPointer
    private var capacity: Int
    private var bufStart: Int64 = 0
    private var bufCount: Int = 0
    static let chunk = 4 << 20

    init(file: LogFileHandle, fileSize: Int64) {
        self.file = file
        self.fileSize = fileSize
        // Allocated at the first read, as large as it needs (a writer's catch-up of a few
        // frames must not allocate, fault in and free 4 MiB each time).
        capacity = 0
        buf = UnsafeMutableRawPointer.allocate(byteCount: 0, alignment: 16)
    }

    /// Reads everything from `offset` to the end of the file, without asking the file's size
    /// (`fstat`): `pread` until it comes back short (a regular file's `pread` is short only at
    /// its end). One `pread` when a few frames were added,
    /// as in a writer's catch-up. If the file ends before `offset` (it shrank), `fileSize` is
    /// `offset`: less than any end the caller knew of. Only for a file no one else writes
    /// meanwhile (a writer holding the log's lock).
    convenience init(file: LogFileHandle, readingToEndFrom offset: Int64) throws {
        var capacity = 64 << 10
        var buf = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var got = 0
        do {
            while true {
                if got == capacity {
                    let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                    bigger.copyMemory(from: buf, byteCount: got)
                    buf.deallocate()
                    buf = bigger
                    capacity *= 2
                }
                let want = capacity - got
                let n = try file.read(into: buf + got, count: want, at: offset + Int64(got))
                got += n
                // A regular file's pread comes back short only at its end.
                if n < want { break }
            }
        } catch {
            buf.deallocate()
            throw error
        }
        self.init(file: file, buffer: buf, capacity: capacity, holding: got, from: offset)
    }

    /// Takes ownership of `buffer`, which holds the file's last `count` bytes from `offset`.
    private init(file: LogFileHandle, buffer: UnsafeMutableRawPointer, capacity: Int, holding count: Int, from offset: Int64) {
        self.file = file
        buf = buffer
        self.capacity = capacity
        fileSize = offset + Int64(count)
        bufStart = offset
        bufCount = count
    }

    deinit { buf.deallocate() }

    /// Runs `body` on `count` bytes at absolute `offset`, or returns nil when the file ends first.
    func withBytes<R>(at offset: Int64, count: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R? {
        if offset < 0 || count < 0 || offset + Int64(count) > fileSize { return nil }
        if offset < bufStart || offset + Int64(count) > bufStart + Int64(bufCount) {
            try refill(at: offset, atLeast: count)
        }
        let start = Int(offset - bufStart)
        return try body(UnsafeRawBufferPointer(start: buf + start, count: count))
    }

    private func refill(at offset: Int64, atLeast count: Int) throws {
        let want = Int(min(Int64(max(Self.chunk, count)), fileSize - offset))
        if want > capacity {
            buf.deallocate()
            capacity = want
            buf = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        }
        var got = 0
        while got < want {
            let n = try file.read(into: buf + got, count: want - got, at: offset + Int64(got))
            if n == 0 { break }
            got += n
        }
        bufStart = offset
        bufCount = got
    }
}

/// Where a scan stopped.
enum ScanTail: Equatable {
    /// Every byte up to the end of the file belongs to complete, valid batches.
    case clean
    /// The bytes from `goodEnd` on are damaged or incomplete and nothing valid follows them.
    case torn(reason: String)
}

struct ScanOutcome {
    var goodEnd: Int64
    var lastSeq: UInt64
    var lastChain: ChainHash
    var lastTimeMicros: Int64
    var tail: ScanTail
}

/// Walks frames from a known-good position. Records are delivered only in complete batches,
/// so no reader ever sees half of an atomic submission.
struct FrameScanner {
    let reader: ChunkReader
    /// Recompute each frame's SHA-256 chain value (verification); otherwise trust CRC-checked values.
    var verifyChain: Bool
    /// Build each record (actor string, body copy) to deliver it. A writer whose caller needs no
    /// records skims: every frame gets the same checks, nothing is built or delivered.
    var materialize = true
    /// The log's format version (from its file header): it fixes the frame header's size and
    /// how a bad frame is classified.
    var version: UInt32

    init(reader: ChunkReader, verifyChain: Bool, version: UInt32) {
        self.reader = reader
        self.verifyChain = verifyChain
        self.version = version
    }

    private var headerSize: Int { LogFormat.frameHeaderSize(version: version) }

    func scan(from start: Int64, nextSeq: UInt64, prevChain: ChainHash, lastTimeMicros: Int64,
              deliver: (RawRecord) throws -> Void) throws -> ScanOutcome {
        var pos = start
        var expected = nextSeq
        var chain = prevChain
        var lastTime = lastTimeMicros
        var good = ScanOutcome(goodEnd: start, lastSeq: nextSeq &- 1, lastChain: prevChain,
                               lastTimeMicros: lastTimeMicros, tail: .clean)
        var pending: [RawRecord] = []
        var pendingFirst: UInt64? = nil
        var pendingRemaining: UInt32? = nil

        while pos < reader.fileSize {
            switch try readFrame(at: pos, expectedSeq: expected, prevChain: chain) {
            case let .bad(reason, known):
                return try classify(badAt: pos, good: good, reason: reason, seq: expected,
                                    batchLast: pendingRemaining.map { expected + UInt64($0) - 1 } ?? known)
            case let .frame(f, rec):
                if let r = pendingRemaining, f.batchRemaining != r - 1 {
                    return try classify(badAt: pos, good: good,
                                        reason: "batch broken: expected \(r - 1) more frames, frame says \(f.batchRemaining)",
                                        seq: expected, batchLast: expected + UInt64(r) - 1)
                }
                expected = f.seq + 1
                chain = f.chain
                pos += Int64(f.length)
                lastTime = max(lastTime, f.timeMicros)
                if f.batchRemaining == 0 {
                    for p in pending { try deliver(p) }
                    pending.removeAll(keepingCapacity: true)
                    pendingFirst = nil
                    pendingRemaining = nil
                    if let rec { try deliver(rec) }
                    good = ScanOutcome(goodEnd: pos, lastSeq: f.seq, lastChain: f.chain,
                                       lastTimeMicros: lastTime, tail: .clean)
                } else {
                    if let rec { pending.append(rec) }
                    if pendingFirst == nil { pendingFirst = f.seq }
                    pendingRemaining = f.batchRemaining
                }
            }
        }
        if let first = pendingFirst {
            good.tail = .torn(reason: "batch from seq \(first) is incomplete (\(pendingRemaining ?? 0) frames missing)")
        }
        return good
    }

    /// `batchLast`: the seq the bad frame's batch ends at, when its header checksum held (and its
    /// seq was the expected one), so its batch count can be trusted; nil when the header is damaged.
    private enum FrameResult { case frame(FrameFacts, RawRecord?), bad(String, batchLast: UInt64? = nil) }

    /// What the scan itself needs of a checked frame (the record is built only to be delivered).
    private struct FrameFacts {
        var seq: UInt64
        var timeMicros: Int64
        var batchRemaining: UInt32
        var chain: ChainHash
        var length: Int
    }

    private func readFrame(at pos: Int64, expectedSeq: UInt64, prevChain: ChainHash) throws -> FrameResult {
        let hs = headerSize
        guard let header = try reader.withBytes(at: pos, count: hs, { FrameHeaderView(copying: $0) }) else {
            return .bad("frame header cut short by the end of the file")
        }
        guard header.marker == LogFormat.frameMarker else { return .bad("no frame marker") }
        guard header.headerCRCOK else { return .bad("header checksum mismatch") }
        guard Int(header.bodyLen) <= LogFormat.maxBodyBytes else {
            return .bad("body length \(header.bodyLen) exceeds the limit \(LogFormat.maxBodyBytes)",
                        batchLast: header.seq == expectedSeq ? header.seq &+ UInt64(header.batchRemaining) : nil)
        }
        guard Int(header.actorLen) <= LogFormat.maxActorBytes else {
            return .bad("actor length \(header.actorLen) exceeds the limit \(LogFormat.maxActorBytes)",
                        batchLast: header.seq == expectedSeq ? header.seq &+ UInt64(header.batchRemaining) : nil)
        }
        guard header.seq == expectedSeq else { return .bad("sequence number \(header.seq), expected \(expectedSeq)") }
        let known = header.seq &+ UInt64(header.batchRemaining)
        let actorLen = Int(header.actorLen)
        let frameLen = hs + actorLen + Int(header.bodyLen)
        // One borrow of the whole frame: header fields, actor and body from the same buffer.
        let result: FrameResult? = try reader.withBytes(at: pos, count: frameLen) { frame -> FrameResult in
            let tail = UnsafeRawBufferPointer(rebasing: frame[hs...])
            guard CRC32C.update(0, tail) == header.bodyCRC else { return .bad("body checksum mismatch", batchLast: known) }
            if verifyChain {
                let computed = FrameCodec.chain(prev: prevChain, headerFields: UnsafeRawBufferPointer(rebasing: frame[8..<40]), actorAndBody: tail)
                guard computed == header.chain else { return .bad("hash chain mismatch", batchLast: known) }
            }
            let actorBytes = UnsafeRawBufferPointer(rebasing: tail[0..<actorLen])
            guard let actor = UTF8Text.string(actorBytes) else {
                return .bad("actor is not UTF-8", batchLast: known)
            }
            let facts = FrameFacts(seq: header.seq, timeMicros: header.time, batchRemaining: header.batchRemaining,
                                   chain: header.chain, length: frameLen)
            guard materialize else { return .frame(facts, nil) }
            let body = [UInt8](UnsafeRawBufferPointer(rebasing: tail[actorLen...]))
            return .frame(facts, RawRecord(seq: header.seq, timeMicros: header.time, actor: actor, type: header.type,
                                           batchRemaining: header.batchRemaining, body: body, chain: header.chain,
                                           offset: pos))
        }
        return result ?? .bad("frame body cut short by the end of the file", batchLast: known)
    }

    /// Version 1: a bad frame is a torn tail if every valid frame after it can belong to the bad
    /// frame's own batch, the last one (a power cut during that batch's one write can garble or
    /// drop any of its sectors and keep later ones); a valid frame of any later batch means
    /// corruption, reported, never cut. `batchLast` is the seq that batch ends at, when known (the
    /// damage falls inside a batch already begun, or the bad frame's header held); when the bad
    /// frame's header is unreadable, the first valid frame after it says where its batch ends.
    ///
    /// Version 2 (group commit: several batches may be unsynced at once): a valid frame after the
    /// bad one means corruption only if it says the bad frame's bytes were already durable when it
    /// was written (its `synced` lies beyond the bad frame's offset): durable bytes are never torn
    /// by a power cut. A later frame whose `synced` does not reach the damage was written while
    /// the damaged bytes could still be in the page cache, so a cut may have kept it and lost
    /// them; nothing from the damage on was acknowledged (an append is acknowledged only once a
    /// sync covers every byte before its end), and all of it is cut as a torn tail.
    private func classify(badAt: Int64, good: ScanOutcome, reason: String, seq: UInt64, batchLast: UInt64?) throws -> ScanOutcome {
        var last = batchLast
        var from = badAt
        while let later = try firstPlausibleFrame(after: from) {
            let end = later.seq &+ UInt64(later.batchRemaining)
            let contradicts = version >= 2 ? later.synced > badAt : (last != nil && end != last!)
            if later.seq < seq || contradicts {
                throw LogError.corrupt(path: reader.path, seq: seq, offset: badAt,
                                       reason: "\(reason) (a valid frame, seq \(later.seq), starts at byte \(later.offset))")
            }
            last = end
            from = later.offset
        }
        var out = good
        out.tail = .torn(reason: reason)
        return out
    }

    /// Looks for any frame after `offset` whose header and body checksums hold.
    func firstPlausibleFrame(after offset: Int64) throws -> (seq: UInt64, batchRemaining: UInt32, synced: Int64, offset: Int64)? {
        var pos = offset + 1
        let hs = headerSize
        let markerBytes: [UInt8] = [0x50, 0x44, 0x52, 0x31]
        while pos + Int64(hs) <= reader.fileSize {
            // Search this chunk for the marker's first byte, then check the frame there.
            let span = Int(min(Int64(1 << 20), reader.fileSize - pos))
            let hit: Int? = try reader.withBytes(at: pos, count: span) { b -> Int? in
                var i = 0
                while i + 4 <= b.count {
                    if b[i] == markerBytes[0] && b[i + 1] == markerBytes[1] && b[i + 2] == markerBytes[2] && b[i + 3] == markerBytes[3] {
                        return i
                    }
                    i += 1
                }
                return nil
            } ?? nil
            guard let h = hit else { pos += Int64(max(1, span - 3)); continue }
            let at = pos + Int64(h)
            if let header = try reader.withBytes(at: at, count: hs, { FrameHeaderView(copying: $0) }),
               header.headerCRCOK, Int(header.bodyLen) <= LogFormat.maxBodyBytes,
               Int(header.actorLen) <= LogFormat.maxActorBytes {
                let ok = try reader.withBytes(at: at + Int64(hs), count: Int(header.actorLen) + Int(header.bodyLen)) {
                    CRC32C.update(0, $0) == header.bodyCRC
                } ?? false
                if ok { return (header.seq, header.batchRemaining, header.synced, at) }
            }
            pos = at + 1
        }
        return nil
    }
}

/// A frame header (72 bytes in version 1, 80 in version 2: the buffer's size says which),
/// copied out of a buffer.
struct FrameHeaderView {
    var marker: UInt32
    var headerCRC: UInt32
    var seq: UInt64
    var time: Int64
    var bodyLen: UInt32
    var actorLen: UInt16
    var type: UInt16
    var batchRemaining: UInt32
    var bodyCRC: UInt32
    var chain: ChainHash
    /// Version 2: the offset before which the file was durable when this frame was written (0 in version 1).
    var synced: Int64
    var headerCRCOK: Bool

    init(copying b: UnsafeRawBufferPointer) {
        marker = b.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian
        headerCRC = b.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
        seq = b.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
        time = b.loadUnaligned(fromByteOffset: 16, as: Int64.self).littleEndian
        bodyLen = b.loadUnaligned(fromByteOffset: 24, as: UInt32.self).littleEndian
        actorLen = b.loadUnaligned(fromByteOffset: 28, as: UInt16.self).littleEndian
        type = b.loadUnaligned(fromByteOffset: 30, as: UInt16.self).littleEndian
        batchRemaining = b.loadUnaligned(fromByteOffset: 32, as: UInt32.self).littleEndian
        bodyCRC = b.loadUnaligned(fromByteOffset: 36, as: UInt32.self).littleEndian
        chain = ChainHash(UnsafeRawBufferPointer(rebasing: b[40..<72]))
        synced = b.count >= 80 ? Int64(bitPattern: b.loadUnaligned(fromByteOffset: 72, as: UInt64.self).littleEndian) : 0
        headerCRCOK = CRC32C.update(0, UnsafeRawBufferPointer(rebasing: b[8..<b.count])) == headerCRC
    }
}
