import Foundation

/// `podium log copy SRC DST`: a whole venue from one store to another (file → PostgreSQL to move
/// a venue onto the server; PostgreSQL → file for an off-site backup or a laptop's copy).
///
/// The destination is made with the source's genesis header, and every source batch is
/// appended as one batch with its own actor and time, so sequence numbers, batch boundaries
/// and therefore every SHA-256 chain value come out the same. The destination recomputes each
/// chain value from the content; after each batch it must equal the value the source stored,
/// which checks the source's chain as the copy goes (a record changed in the source stops the
/// copy at its seq). A destination that already holds a venue is refused, untouched.
public enum LogCopy {
    public struct Report: Sendable, Equatable {
        public var records: UInt64
        public var batches: UInt64
        public var head: ChainHash
    }

    /// Copies; on any failure the destination made by this copy is removed again.
    public static func copy(from source: String, to destination: String,
                            progress: ((UInt64) -> Void)? = nil) throws -> Report {
        let srcKind = try StoreKinds.kind(of: source)
        let dstKind = try StoreKinds.kind(of: destination)
        let genesis = try srcKind.genesis(source)
        let reader = try srcKind.openReader(source)
        if try dstKind.exists(destination) {
            let n = (try? dstKind.verify(destination).records) ?? 0
            throw StoreError.notEmpty(location: dstKind.displayName(destination), records: n)
        }
        try dstKind.create(destination, genesis: genesis)
        let dst: EventStore
        do {
            dst = try dstKind.openStore(destination) { _ in }
        } catch {
            dstKind.discard(destination)
            throw error
        }
        do {
            return try copyRecords(reader: reader, into: dst, source: srcKind.displayName(source),
                                   destination: dstKind.displayName(destination), progress: progress)
        } catch {
            dstKind.discard(destination) // made by this copy: nothing half-written is left behind
            throw error
        }
    }

    static func copyRecords(reader: EventReader, into dst: EventStore, source: String, destination: String,
                            progress: ((UInt64) -> Void)?) throws -> Report {
        var records: UInt64 = 0, batches: UInt64 = 0
        var batch: [RawRecord] = []
        func flush() throws {
            guard let last = batch.last, let first = batch.first else { return }
            let receipt = try dst.append(actor: first.actor, timeMicros: first.timeMicros) { fresh in
                guard fresh.isEmpty else {
                    throw StoreError.notEmpty(location: destination, records: fresh.last!.seq)
                }
                return batch.map { RawEntry(type: $0.type, body: $0.body) }
            }
            guard let receipt, receipt.first == first.seq, receipt.last == last.seq,
                  receipt.timeMicros == first.timeMicros, dst.chainHead == last.chain else {
                // Find the first record of the batch whose chain differs, for the message.
                throw StoreError.chainMismatch(location: source, seq: first.seq)
            }
            records += UInt64(batch.count)
            batches += 1
            batch.removeAll(keepingCapacity: true)
            if batches % 1024 == 0 { progress?(records) }
        }
        try reader.readNew { rec in
            if let prev = batch.last, prev.batchRemaining == 0 { try flush() }
            if let prev = batch.last, prev.actor != rec.actor || prev.timeMicros != rec.timeMicros {
                throw StoreError.chainMismatch(location: source, seq: rec.seq)
            }
            batch.append(rec)
        }
        if let last = batch.last, last.batchRemaining != 0 {
            throw LogError.tornTail(path: source, seq: batch[0].seq, offset: 0,
                                    reason: "the last batch is incomplete")
        }
        try flush()
        if case let .lost(_, reason) = reader.link { throw StoreError.linkLost(location: source, reason: reason) }
        return Report(records: records, batches: batches, head: dst.chainHead)
    }
}
