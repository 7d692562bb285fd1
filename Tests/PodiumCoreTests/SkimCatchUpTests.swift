import Foundation
import Testing
@testable import PodiumCore

/// A writer whose caller needs no records (`append(actor:entries:)`) skims what other writers
/// appended: one read to the end of the file, every frame checked, no record built. It must end
/// up exactly where a writer that reads every record does, and repair or refuse exactly as it.
@Suite("Skimming catch-up")
struct SkimCatchUpTests {
    /// Another writer's batches: single records, a batch of three, and one body of 100 KiB
    /// (more than the skim's first 64 KiB read, so its buffer must grow).
    static let batches: [[[UInt8]]] = [
        [Array("one".utf8)],
        [Array("batch-a".utf8), Array("batch-b".utf8), Array("batch-c".utf8)],
        [[UInt8](repeating: 0x42, count: 100 << 10)],
        [Array("last".utf8)],
    ]

    @Test("A skimming writer follows other writers' batches to the same seq, chain and time", arguments: [UInt32(1), 2])
    func skimEqualsReading(version: UInt32) throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        try LogWriter.create(at: path, version: version)
        let skimmer = try LogWriter(path: path)
        let reader = try LogWriter(path: path)
        let other = try LogWriter(path: path)
        for (i, round) in Self.batches.enumerated() {
            try other.append(actor: "test:other") { _ in round.map { RawEntry(type: 999, body: $0) } }
            let mine = try skimmer.append(actor: "test:skim", entries: [RawEntry(type: 999, body: Array("skim \(i)".utf8))])
            var seen: [RawRecord] = []
            let theirs = try reader.append(actor: "test:read") { fresh in seen = fresh; return [RawEntry(type: 999, body: Array("read \(i)".utf8))] }
            // The skimmer's record follows the other's batch; the reader sees both, then its own.
            #expect(mine?.first == other.lastSeq + 1)
            #expect(seen.last?.seq == mine?.last)
            #expect(theirs?.first == mine!.last + 1)
        }
        // Everyone agrees on the head, and the chain the skimmer built on verifies.
        _ = try other.append(actor: "test:other", entries: [])
        try skimmer.append(actor: "test:skim", entries: [RawEntry(type: 999, body: Array("end".utf8))])
        _ = try reader.append(actor: "test:read") { _ in [] }
        #expect(reader.lastSeq == skimmer.lastSeq && reader.lastChain == skimmer.lastChain)
        #expect(reader.lastTimeMicros == skimmer.lastTimeMicros)
        #expect(try LogVerifier.verify(path: path).ok)
        #expect(try LogReader(path: path).records().count == Int(skimmer.lastSeq))
    }

    @Test("A torn tail left by another writer is cut by a skimming writer exactly as by a reading one", arguments: [UInt32(1), 2])
    func tornTailEverywhere(version: UInt32) throws {
        let dir = TempDir()
        let base = dir.file("base.log")
        try makeLog(base, batches: [[Array("before".utf8)]], version: version)
        let good = readBytes(base).count
        // The last batch another writer wrote: three frames; cut it at every byte.
        let full = dir.file("full.log")
        writeBytes(full, readBytes(base))
        try LogWriter(path: full).append(actor: "test:other") { _ in
            ["x", "yy", "zzz"].map { RawEntry(type: 999, body: Array($0.utf8)) }
        }
        let bytes = readBytes(full)
        for cut in good...bytes.count {
            var outcomes: [(seq: UInt64?, repair: Int64?, chain: ChainHash)] = []
            for skim in [true, false] {
                let path = dir.file("cut-\(cut)-\(skim).log")
                writeBytes(path, Array(bytes[0..<good]))
                try? FileManager.default.removeItem(atPath: path + ".mark")
                let w = try LogWriter(path: path)
                // The other writer's batch lands after this writer opened, torn at `cut`.
                try overwrite(path, Array(bytes[0..<cut]))
                let entries = [RawEntry(type: 999, body: Array("mine".utf8))]
                // The same time for both, so that equal chains mean equal catch-ups.
                let t: Int64 = 1_800_000_000_000_000
                let receipt = skim ? try w.append(actor: "test:w", timeMicros: t, entries: entries)
                                   : try w.append(actor: "test:w", timeMicros: t) { _ in entries }
                outcomes.append((receipt?.first, w.lastRepair?.offset, w.lastChain))
                #expect(try LogVerifier.verify(path: path).ok, "cut at \(cut), skim \(skim)")
            }
            #expect(outcomes[0].seq == outcomes[1].seq && outcomes[0].repair == outcomes[1].repair
                    && outcomes[0].chain == outcomes[1].chain, "cut at \(cut)")
            // Whole: built on the batch (seq 5); torn: cut back to after "before" (seq 2).
            #expect(outcomes[0].seq == (cut == bytes.count ? 5 : 2), "cut at \(cut)")
            #expect((outcomes[0].repair == nil) == (cut == good || cut == bytes.count), "cut at \(cut)")
        }
    }

    @Test("A log that shrank below a skimming writer's records is refused with its real size")
    func shrunkIsRefused() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        try makeLog(path, batches: [[Array("a".utf8)], [Array("b".utf8)]])
        let w = try LogWriter(path: path)
        let size = readBytes(path).count
        try overwrite(path, Array(readBytes(path).prefix(size - 10)))
        #expect {
            try w.append(actor: "test:w", entries: [RawEntry(type: 999, body: [1])])
        } throws: { error in
            guard case let LogError.corrupt(_, _, offset, reason) = error else { return false }
            return offset == Int64(size - 10) && reason.contains("shrank")
        }
    }
}

/// Replaces a file's content in place (same inode: open writers keep seeing it).
private func overwrite(_ path: String, _ bytes: [UInt8]) throws {
    let h = try #require(FileHandle(forUpdatingAtPath: path))
    defer { try? h.close() }
    try h.truncate(atOffset: 0)
    try h.write(contentsOf: Data(bytes))
}
