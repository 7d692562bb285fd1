import Foundation
import Testing
import PodiumCore
import PodiumPostgres
import PodiumTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The guarantees of the venue's log, proven the same way on both stores: the file and a real,
/// throw-away PostgreSQL server. Writers are separate `podium` processes, as on the day.
@Suite("The log contract, on the file and on PostgreSQL", .serialized)
struct LogContractTests {
    @Test("Concurrent writer processes: gapless, each append exactly once, each writer in its order, verify passes",
          arguments: StoreUnderTest.allCases)
    func concurrentWriters(store: StoreUnderTest) throws {
        let log = try ContractLog(store)
        let workers = try (0..<4).map { try startWorker(log.workerTarget, tag: "w\($0)", count: 250, bigEvery: 7) }
        for (p, out) in workers {
            _ = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let records = try log.records()
        #expect(records.map(\.seq) == Array(1...1000))
        var seen = Set<String>()
        var lastIndex: [String: Int] = [:]
        for r in records {
            let tag = tagOf(r.body)
            #expect(seen.insert(tag).inserted, "duplicate \(tag)")
            let parts = tag.split(separator: ":")
            let w = String(parts[0]), i = Int(parts[1])!
            #expect(i == (lastIndex[w] ?? -1) + 1, "each writer's records in its own order")
            lastIndex[w] = i
            #expect(r.actor == "bench:\(w)")
            if i % 7 == 6 { #expect(r.body.count == 5000) }
        }
        let report = try log.verify()
        #expect(report.ok, "\(String(describing: report.problem))")
        #expect(report.records == 1000)
        #expect(report.head == records.last?.chain)
    }

    @Test("Atomic batches: a batch lands whole or not at all; a refused batch leaves nothing", arguments: StoreUnderTest.allCases)
    func atomicBatches(store: StoreUnderTest) throws {
        let log = try ContractLog(store)
        let w = try log.writer()
        let reader = try log.reader()
        for b in 0..<20 {
            try w.append(actor: "test:b", timeMicros: nil) { _ in
                (0..<(1 + b % 5)).map { RawEntry(type: 999, body: Array("batch\(b)-\($0)".utf8)) }
            }
        }
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try w.append(actor: "test:b", timeMicros: nil) { _ in throw Refused() }
        }
        let records = try reader.records()
        #expect(records.count == (0..<20).reduce(0) { $0 + 1 + $1 % 5 })
        // Batches are contiguous and counted down to 0.
        var expectRemaining: UInt32? = nil
        for r in records {
            if let e = expectRemaining { #expect(r.batchRemaining == e) }
            expectRemaining = r.batchRemaining == 0 ? nil : r.batchRemaining - 1
        }
        #expect(expectRemaining == nil)
        #expect(try log.verify().ok)
        #expect(w.chainHead == records.last!.chain)
    }

    @Test("kill -9 of writer processes at random moments: every acknowledged append survives, verify passes",
          arguments: StoreUnderTest.allCases)
    func killNine(store: StoreUnderTest) throws {
        let log = try ContractLog(store)
        var acked = Set<String>()
        for round in 0..<3 {
            let before = try log.records().count
            let workers = try (0..<3).map { try startWorker(log.workerTarget, tag: "r\(round)w\($0)", count: 100_000, bigEvery: 5, acks: true) }
            // Kill once the writers are under way (a loaded machine may take long to start them).
            let started = Date()
            while try log.records().count < before + 30, Date().timeIntervalSince(started) < 60 { usleep(20_000) }
            usleep(UInt32.random(in: 20_000...200_000))
            for (p, _) in workers { kill(p.processIdentifier, SIGKILL) }
            for (p, out) in workers {
                p.waitUntilExit()
                acked.formUnion(ackedTags(out))
            }
            // A writer opening after the kills repairs any torn tail (file); then all acks are there.
            _ = try log.writer()
            let records = try log.records()
            let present = Set(records.map { tagOf($0.body) })
            #expect(acked.isSubset(of: present), "round \(round): lost \(acked.subtracting(present).sorted().prefix(5))")
            #expect(present.count == records.count, "no duplicate")
            #expect(try log.verify().ok)
        }
        #expect(acked.count > 0)
    }

    @Test("A follower sees another process's appends in order, exactly once", arguments: StoreUnderTest.allCases)
    func follower(store: StoreUnderTest) throws {
        let log = try ContractLog(store)
        let reader = try log.reader()
        let (p, out) = try startWorker(log.workerTarget, tag: "f", count: 300, bigEvery: 11)
        var got: [RawRecord] = []
        let deadline = Date().addingTimeInterval(120)
        try reader.followLive { r in
            got.append(r)
            return got.count < 300 && Date() < deadline
        }
        _ = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(got.map(\.seq) == Array(1...300))
        #expect(got.map { tagOf($0.body) } == (0..<300).map { "f:\($0)" })
        #expect(try reader.readNew { _ in } == 0, "nothing delivered twice")
        #expect(reader.link == .up)
    }

    @Test("Reading from a sequence number gives exactly the records after it", arguments: StoreUnderTest.allCases)
    func readFromSeq(store: StoreUnderTest) throws {
        let log = try ContractLog(store)
        let w = try log.writer()
        for i in 0..<30 { try w.append(actor: "test:s", timeMicros: nil) { _ in [RawEntry(type: 999, body: Array("r\(i)".utf8))] } }
        let tail = try log.reader().records(from: 21)
        #expect(tail.map(\.seq) == Array(21...30))
        #expect(tail.first.map { String(decoding: $0.body, as: UTF8.self) } == "r20")
    }
}
