import Crypto

/// The on-disk layout of `events.log`. `docs/log-format.md` describes it byte by byte;
/// every multi-byte integer is little-endian.
public enum LogFormat {
    /// "PODIUMLG": the first eight bytes of every log.
    public static let magic: [UInt8] = Array("PODIUMLG".utf8)
    /// The version new logs are written in. Version 2 (issue 12) adds one field to every frame,
    /// `synced`, which lets appends of several processes share one `fdatasync` (group commit)
    /// while recovery still tells a torn tail from corruption; version 1 logs are read and
    /// appended to as before (their own frame layout, one sync per append).
    public static let version: UInt32 = 2
    /// Every version this build reads and appends to.
    public static let readableVersions: ClosedRange<UInt32> = 1...2
    public static let fileHeaderSize = 32
    /// "PDR1": the first four bytes of every frame.
    public static let frameMarker: UInt32 = 0x3152_4450
    /// A frame header in the current version (80 bytes); `frameHeaderSize(version:)` for others.
    public static let frameHeaderSize = 80
    public static func frameHeaderSize(version: UInt32) -> Int { version >= 2 ? 80 : 72 }
    public static let maxActorBytes = 255
    /// A frame's body is at most 4 MiB: a hostile length can never make a reader allocate more.
    public static let maxBodyBytes = 4 << 20
    public static let chainSize = 32
}

/// The 32-byte file header.
public struct FileHeader: Equatable, Sendable {
    public var version: UInt32
    public var flags: UInt32
    public var createdMicros: Int64

    public init(version: UInt32 = LogFormat.version, flags: UInt32 = 0, createdMicros: Int64) {
        self.version = version
        self.flags = flags
        self.createdMicros = createdMicros
    }

    public func encode() -> [UInt8] {
        var b = ByteWriter(capacity: LogFormat.fileHeaderSize)
        b.bytes(LogFormat.magic)
        b.u32(version)
        b.u32(flags)
        b.i64(createdMicros)
        b.u32(0)
        b.u32(CRC32C.checksum(b.data))
        return b.data
    }

    public enum DecodeError: Error, Equatable { case short, badMagic, badChecksum, unsupportedVersion(UInt32) }

    public static func decode(_ raw: [UInt8]) -> Result<FileHeader, DecodeError> {
        guard raw.count >= LogFormat.fileHeaderSize else { return .failure(.short) }
        guard Array(raw[0..<8]) == LogFormat.magic else { return .failure(.badMagic) }
        let crc = raw.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 28, as: UInt32.self).littleEndian }
        guard CRC32C.checksum(Array(raw[0..<28])) == crc else { return .failure(.badChecksum) }
        let v = raw.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian }
        guard LogFormat.readableVersions.contains(v) else { return .failure(.unsupportedVersion(v)) }
        let flags = raw.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian }
        let created = raw.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 16, as: Int64.self).littleEndian }
        return .success(FileHeader(version: v, flags: flags, createdMicros: created))
    }

    /// The chain starts from the SHA-256 of the file header, so two logs never share a chain.
    public static func genesisChain(_ encodedHeader: [UInt8]) -> ChainHash {
        ChainHash(digest: SHA256.hash(data: encodedHeader))
    }
}

/// A SHA-256 value held in four words: compared and copied without a heap allocation.
public struct ChainHash: Hashable, Sendable {
    var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    init(_ p: UnsafeRawBufferPointer) {
        w0 = p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }
    init<D: Sequence>(digest: D) where D.Element == UInt8 {
        let a = Array(digest)
        self = a.withUnsafeBytes { ChainHash($0) }
    }
    public var bytes: [UInt8] { withUnsafeBytes(of: (w0, w1, w2, w3)) { Array($0) } }
    public var hex: String { bytes.map { String(format: "%02x", $0) }.joined() }
}

/// One record as stored: an event's type tag and encoded body, with who and when.
public struct RawRecord: Equatable, Sendable {
    public var seq: UInt64
    public var timeMicros: Int64
    public var actor: String
    public var type: UInt16
    /// How many frames follow this one in the same atomic batch (0 on the batch's last frame).
    public var batchRemaining: UInt32
    public var body: [UInt8]
    public var chain: ChainHash
    /// Byte offset of the frame in the file.
    public var offset: Int64

    /// The bytes this record takes as a frame of the current version.
    public var frameSize: Int { LogFormat.frameHeaderSize + actor.utf8.count + body.count }
}

/// Frame layout (offsets in bytes):
///
///     0  u32 marker "PDR1"          36 u32 bodyCRC  CRC32C(actor ++ body)
///     4  u32 headerCRC CRC32C(8..<72) 40 [32] chain  SHA-256(prevChain ++ bytes 8..<40 ++ actor ++ body)
///     8  u64 seq                    72 actor (actorLen bytes, UTF-8)
///    16  i64 time, µs since epoch   .. body  (bodyLen bytes)
///    24  u32 bodyLen
///    28  u16 actorLen
///    30  u16 type
///    32  u32 batchRemaining        version 2 only:
///                                  72 u64 synced   every byte of the file before this offset was
///                                                  durable when the frame was written; the actor
///                                                  and body then start at 80, not 72
enum FrameCodec {
    /// Encodes one frame; returns its bytes and its chain value. `synced` nil writes a version 1
    /// frame (72-byte header), a value a version 2 frame (80 bytes). The chain is computed the
    /// same way in both, so a record's chain value does not depend on the version.
    static func encode(seq: UInt64, timeMicros: Int64, actor: [UInt8], type: UInt16,
                       batchRemaining: UInt32, body: [UInt8], prevChain: ChainHash,
                       synced: Int64? = nil) -> (bytes: [UInt8], chain: ChainHash) {
        var fields = ByteWriter(capacity: 32)
        fields.u64(seq)
        fields.i64(timeMicros)
        placeFreeFields(&fields, actor: actor, type: type, batchRemaining: batchRemaining, body: body)
        var h = SHA256()
        h.update(data: prevChain.bytes)
        h.update(data: fields.data)
        h.update(data: actor)
        h.update(data: body)
        let chain = ChainHash(digest: h.finalize())

        var out = ByteWriter(capacity: LogFormat.frameHeaderSize + actor.count + body.count)
        out.u32(LogFormat.frameMarker)
        var headerTail = fields.data + chain.bytes
        if let synced { withUnsafeBytes(of: UInt64(synced).littleEndian) { headerTail.append(contentsOf: $0) } }
        out.u32(CRC32C.checksum(headerTail))
        out.bytes(headerTail)
        out.bytes(actor)
        out.bytes(body)
        return (out.data, chain)
    }

    /// The chained header fields after seq and time (body length, actor length, type, batch
    /// remaining, CRC32C of actor ++ body): the ones that do not depend on where a record lands.
    static func placeFreeFields(_ w: inout ByteWriter, actor: [UInt8], type: UInt16, batchRemaining: UInt32, body: [UInt8]) {
        w.u32(UInt32(body.count))
        w.u16(UInt16(actor.count))
        w.u16(type)
        w.u32(batchRemaining)
        var bodyCRC = actor.withUnsafeBytes { CRC32C.update(0, $0) }
        bodyCRC = body.withUnsafeBytes { CRC32C.update(bodyCRC, $0) }
        w.u32(bodyCRC)
    }

    /// The chain value a frame should carry, recomputed from its content.
    static func chain(prev: ChainHash, headerFields: UnsafeRawBufferPointer, actorAndBody: UnsafeRawBufferPointer) -> ChainHash {
        var h = SHA256()
        h.update(data: prev.bytes)
        h.update(bufferPointer: headerFields)
        h.update(bufferPointer: actorAndBody)
        return ChainHash(digest: h.finalize())
    }
}

/// Appends little-endian integers and bytes to a growing array.
public struct ByteWriter {
    public var data: [UInt8]
    public init(capacity: Int = 64) { data = []; data.reserveCapacity(capacity) }
    public mutating func u8(_ v: UInt8) { data.append(v) }
    public mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    public mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    public mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    public mutating func i64(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    public mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
}
