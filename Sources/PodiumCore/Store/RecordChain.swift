/// The log's SHA-256 chain for stores that keep records as rows rather than frames: the very
/// same values the file computes (it is the file's own frame encoding), so a venue copied from
/// a file to a server and back verifies to the same chain head.
public enum RecordChain {
    /// The chain value before the first record: SHA-256 of the encoded genesis header.
    public static func genesis(_ header: FileHeader) -> ChainHash {
        FileHeader.genesisChain(header.encode())
    }

    /// The chain value of a record, from the one before it and the record's content.
    public static func next(prev: ChainHash, seq: UInt64, timeMicros: Int64, actor: [UInt8], type: UInt16,
                            batchRemaining: UInt32, body: [UInt8]) -> ChainHash {
        FrameCodec.encode(seq: seq, timeMicros: timeMicros, actor: actor, type: type,
                          batchRemaining: batchRemaining, body: body, prevChain: prev).chain
    }

    /// The 16 bytes of a record's chained header fields that do not depend on where it lands
    /// (body length, actor length, type, batch remaining, body CRC32C), little-endian, in the
    /// frame's order: a server that assigns seq and time computes the chain value as
    /// SHA-256(prev ++ seq ++ time ++ these ++ actor ++ body), the same value `next` gives.
    public static func placeFreeFields(actor: [UInt8], type: UInt16, batchRemaining: UInt32, body: [UInt8]) -> [UInt8] {
        var w = ByteWriter(capacity: 16)
        FrameCodec.placeFreeFields(&w, actor: actor, type: type, batchRemaining: batchRemaining, body: body)
        return w.data
    }

    /// A chain value read back from storage; nil unless it is 32 bytes.
    public static func value(_ bytes: [UInt8]) -> ChainHash? {
        bytes.withUnsafeBytes { value($0) }
    }

    /// The same, read in place (a database row's bytes): no array is made.
    public static func value(_ bytes: UnsafeRawBufferPointer) -> ChainHash? {
        bytes.count == LogFormat.chainSize ? ChainHash(bytes) : nil
    }
}

extension VerifyReport {
    /// A report from a store other than the file (`bytes` is what the records' bodies hold).
    public static func of(records: UInt64, bytes: Int64, head: ChainHash?, problem: LogError?) -> VerifyReport {
        VerifyReport(records: records, bytes: bytes, head: head, problem: problem)
    }
}

extension RawRecord {
    /// A record read from a store that keeps rows (`offset` is -1 there: rows have no offset).
    public static func row(seq: UInt64, timeMicros: Int64, actor: String, type: UInt16, batchRemaining: UInt32,
                           body: [UInt8], chain: ChainHash) -> RawRecord {
        RawRecord(seq: seq, timeMicros: timeMicros, actor: actor, type: type, batchRemaining: batchRemaining,
                  body: body, chain: chain, offset: -1)
    }
}

extension AppendReceipt {
    /// A receipt from a store other than the file.
    public static func of(first: UInt64, last: UInt64, timeMicros: Int64) -> AppendReceipt {
        AppendReceipt(first: first, last: last, timeMicros: timeMicros)
    }
}
