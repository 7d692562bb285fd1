import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

@Suite("Back-up by copying the live log", .serialized)
struct BackupTests {
    @Test("Copies taken while a writer appends (plain reads and cp, no lock) open as a prefix of the log: at worst a torn last batch, which the copy's first writer repairs")
    func liveCopies() throws {
        let dir = TempDir()
        let log = dir.file("events.log")
        try LogWriter.create(at: log)
        let (p, out) = try startWorker(log: log, tag: "b", count: 1500, bigEvery: 9)
        var copies: [String] = []
        var n = 0
        while p.isRunning && n < 30 {
            let copy = dir.file("copy-\(n).log")
            if n % 2 == 0 {
                FileManager.default.createFile(atPath: copy, contents: FileManager.default.contents(atPath: log))
            } else {
                #expect(shell("cp \(log) \(copy)") == 0)
            }
            copies.append(copy)
            n += 1
            usleep(15_000)
        }
        _ = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let final = try LogReader(path: log).records()
        #expect(final.count == 1500)
        var torn = 0
        for copy in copies {
            let report = try LogVerifier.verify(path: copy)
            if let problem = report.problem {
                guard case .tornTail = problem else { Issue.record("\(copy): \(problem)"); continue }
                torn += 1
            }
            // Opening the copy as a venue would: the torn tail is set aside and cut; the rest is the log's prefix.
            let w = try LogWriter(path: copy)
            let got = try LogReader(path: copy).records()
            #expect(got == Array(final.prefix(got.count)), "\(copy) is a prefix of the log")
            #expect(w.lastSeq == UInt64(got.count))
            #expect(try LogVerifier.verify(path: copy).ok)
        }
        #expect(copies.count >= 3, "copies taken while the writer ran")
        print("backup: \(copies.count) live copies, \(torn) with a torn tail (repaired on open)")
    }
}
