import Foundation
import Testing
@testable import PodiumCore

/// A small log: single records, an atomic batch of three in the middle, and a single last record.
private func sampleBatches() -> [[[UInt8]]] {
    [
        [Array("first".utf8)],
        [Array("second, a little longer".utf8)],
        [Array("batch-a".utf8), Array("batch-b".utf8), Array("batch-c".utf8)],
        [[UInt8](repeating: 0x41, count: 40)],
        [Array("last".utf8)],
    ]
}

@Suite("Log damage and recovery")
struct LogDamageTests {
    @Test("Truncating at every byte offset recovers exactly the whole batches before the cut")
    func truncateEverywhere() throws {
        let dir = TempDir(memory: true)
        let original = dir.file("orig.log")
        let records = try makeLog(original, batches: sampleBatches())
        let bytes = readBytes(original)
        // End offset of each complete batch and how many records precede it.
        var batchEnds: [(end: Int, count: Int)] = [(LogFormat.fileHeaderSize, 0)]
        for (i, r) in records.enumerated() where r.batchRemaining == 0 {
            batchEnds.append((Int(r.offset) + r.frameSize, i + 1))
        }
        #expect(batchEnds.last!.end == bytes.count)

        for cut in 0...bytes.count {
            let path = dir.file("cut-\(cut).log")
            writeBytes(path, Array(bytes[0..<cut]))
            if cut < LogFormat.fileHeaderSize {
                #expect(throws: LogError.self) { try LogWriter(path: path) }
                continue
            }
            let expected = batchEnds.last { $0.end <= cut }!
            let w = try LogWriter(path: path)
            #expect(w.lastSeq == UInt64(expected.count), "cut at \(cut)")
            if cut != expected.end {
                #expect(w.lastRepair?.offset == Int64(expected.end))
                #expect(readBytes(w.lastRepair!.savedTo) == Array(bytes[expected.end..<cut]), "damaged bytes are kept aside")
            } else {
                #expect(w.lastRepair == nil)
            }
            let recovered = try LogReader(path: path).records()
            #expect(recovered == Array(records.prefix(expected.count)))
            let receipt = try w.append(actor: "test:after") { _ in [RawEntry(type: 999, body: Array("after".utf8))] }
            #expect(receipt?.first == UInt64(expected.count + 1))
            #expect(try LogVerifier.verify(path: path).ok)
            try? FileManager.default.removeItem(atPath: path)
            if let aside = w.lastRepair?.savedTo { try? FileManager.default.removeItem(atPath: aside) }
        }
    }

    @Test("Flipping any bit: never a wrong record; tail damage repaired; middle damage reported by seq",
          arguments: LogFormat.readableVersions)
    func flipEveryBit(version: UInt32) throws {
        let dir = TempDir(memory: true)
        let original = dir.file("orig.log")
        let records = try makeLog(original, batches: sampleBatches(), version: version)
        let bytes = readBytes(original)
        let last = records.last!
        for byte in 0..<bytes.count {
            for bit in 0..<8 {
                var damaged = bytes
                damaged[byte] ^= UInt8(1 << bit)
                let path = dir.file("flip.log")
                writeBytes(path, damaged)
                defer { for f in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where f.hasPrefix("flip.log") {
                    try? FileManager.default.removeItem(atPath: dir.file(f)) } }
                if byte < LogFormat.fileHeaderSize {
                    #expect { try LogWriter(path: path) } throws: { e in
                        if case .notALog = e as? LogError { return true } else { return false }
                    }
                    continue
                }
                // Which record holds the flipped byte?
                let hit = records.last { Int($0.offset) <= byte }!
                // A damaged header hides its batch count: then the frames after it may be the rest of
                // its batch, torn by a power cut (the crash simulation makes such tails), so when
                // they are one batch, the last, it is a torn tail too (copied aside, then cut).
                // (Version 2 needs no such guess: each frame after it says whether the damaged bytes
                // were durable when it was written, and here every earlier batch was synced.)
                let headerHit = byte < Int(hit.offset) + LogFormat.frameHeaderSize(version: version)
                let startsBatch = hit.seq == 1 || records[Int(hit.seq) - 2].batchRemaining == 0
                let after = records.filter { $0.seq > hit.seq }
                let oneBatchAfter = !after.isEmpty && Set(after.map { $0.seq + UInt64($0.batchRemaining) }).count == 1
                if version == 1 && headerHit && startsBatch && oneBatchAfter {
                    let w = try LogWriter(path: path)
                    #expect(w.lastSeq == hit.seq - 1, "byte \(byte) bit \(bit)")
                    #expect(w.lastRepair?.offset == hit.offset)
                } else if hit.seq == last.seq {
                    let w = try LogWriter(path: path)
                    #expect(w.lastSeq == last.seq - 1, "byte \(byte) bit \(bit)")
                    #expect(w.lastRepair != nil)
                    #expect(try LogReader(path: path).records() == Array(records.dropLast()))
                } else {
                    #expect { try LogWriter(path: path) } throws: { e in
                        guard case let .corrupt(_, seq, offset, _) = e as? LogError else { return false }
                        return seq == hit.seq && offset == hit.offset
                    }
                    // A reader reports it the same way, and the file is untouched.
                    #expect(throws: LogError.self) { try LogReader(path: path).records() }
                    #expect(readBytes(path) == damaged)
                    #expect(try LogVerifier.verify(path: path).ok == false)
                }
            }
        }
    }

    @Test("Hostile length fields are bounded: zero, huge, and past the end of the file")
    func hostileLengths() throws {
        let dir = TempDir(memory: true)
        let path = dir.file("h.log")
        let records = try makeLog(path, batches: [[Array("one".utf8)], [Array("two".utf8)]])
        let good = readBytes(path)
        let lastOffset = Int(records.last!.offset)
        for length in [UInt32(0), 1, UInt32(LogFormat.maxBodyBytes) + 1, 0x7FFF_FFFF, UInt32.max, 1 << 20] {
            var bytes = good
            // Rewrite the last frame's body length and re-seal its header checksum, as an attacker could.
            withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(lastOffset + 24..<lastOffset + 28, with: $0) }
            let crc = CRC32C.checksum(Array(bytes[lastOffset + 8..<lastOffset + LogFormat.frameHeaderSize]))
            withUnsafeBytes(of: crc.littleEndian) { bytes.replaceSubrange(lastOffset + 4..<lastOffset + 8, with: $0) }
            writeBytes(path, bytes)
            let started = Date()
            let reader = try LogReader(path: path)
            #expect(try reader.records().count == 1, "length \(length)")
            #expect(reader.tornTail != nil)
            let w = try LogWriter(path: path)
            #expect(w.lastSeq == 1)
            #expect(Date().timeIntervalSince(started) < 5, "no hang on length \(length)")
            for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) where f.contains("torn") {
                try FileManager.default.removeItem(atPath: dir.file(f))
            }
        }
        // A hostile length in the middle: reported, not truncated.
        var bytes = good
        let first = Int(records[0].offset)
        withUnsafeBytes(of: UInt32.max.littleEndian) { bytes.replaceSubrange(first + 24..<first + 28, with: $0) }
        let crc = CRC32C.checksum(Array(bytes[first + 8..<first + LogFormat.frameHeaderSize]))
        withUnsafeBytes(of: crc.littleEndian) { bytes.replaceSubrange(first + 4..<first + 8, with: $0) }
        writeBytes(path, bytes)
        #expect { try LogWriter(path: path) } throws: { e in
            if case let .corrupt(_, seq, _, _) = e as? LogError { return seq == 1 } else { return false }
        }
    }

    @Test("The file header: wrong magic, version and checksum are refused with a reason")
    func badHeader() throws {
        let dir = TempDir(memory: true)
        let path = dir.file("x.log")
        writeBytes(path, Array("not a log at all, just some text\n".utf8))
        #expect { try LogWriter(path: path) } throws: { e in
            (e as? LogError)?.description.contains("bad magic") == true
        }
        writeBytes(path, [])
        #expect(throws: LogError.self) { try LogReader(path: path) }
        var h = FileHeader(version: 3, createdMicros: 0).encode()
        writeBytes(path, h)
        #expect { try LogWriter(path: path) } throws: { e in
            (e as? LogError)?.description.contains("version 3 is not supported (this build reads 1 and 2)") == true
        }
        h = FileHeader(createdMicros: 0).encode()
        h[20] ^= 1
        writeBytes(path, h)
        #expect { try LogWriter(path: path) } throws: { e in
            (e as? LogError)?.description.contains("checksum") == true
        }
    }

    @Test("create refuses to replace an existing log")
    func createRefuses() throws {
        let dir = TempDir(memory: true)
        let path = dir.file("e.log")
        try makeLog(path, batches: [[Array("x".utf8)]])
        let before = readBytes(path)
        #expect(throws: LogError.alreadyExists(path: path)) { try LogWriter.create(at: path) }
        #expect(readBytes(path) == before)
    }

    @Test("An atomic batch is delivered whole or not at all")
    func batchAtomicity() throws {
        let dir = TempDir(memory: true)
        let path = dir.file("b.log")
        let records = try makeLog(path, batches: [[Array("a".utf8)], [Array("b1".utf8), Array("b2".utf8), Array("b3".utf8)]])
        let bytes = readBytes(path)
        // Cut inside the batch's last frame: the whole batch goes, not just that frame.
        writeBytes(path, Array(bytes.dropLast(1)))
        #expect(try LogReader(path: path).records().map(\.seq) == [1])
        let w = try LogWriter(path: path)
        #expect(w.lastSeq == 1)
        #expect(w.lastRepair?.offset == records[1].offset)
    }
}
