import Foundation
import Testing
@testable import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

@Suite("Durable mark")
struct DurableMarkTests {
    private func markPath(_ log: String) -> String { log + ".mark" }

    @Test("A reader alone makes no mark file (a log read where it lies, as a fixture, stays alone)")
    func readersMakeNone() throws {
        let dir = TempDir()
        let log = dir.file("events.log")
        try makeLog(log, batches: [[Array("x".utf8)]])
        unlink(markPath(log))
        _ = try LogReader(path: log).records()
        #expect(access(markPath(log), F_OK) != 0)
    }

    @Test("A writer's sync advances the shared mark to the end of the log; a mark of another log (other creation time) or one others may write is not believed")
    func mark() throws {
        let dir = TempDir()
        let log = dir.file("events.log")
        try LogWriter.create(at: log, createdMicros: 1_750_000_000_000_000)
        let shm = markPath(log)
        let w = try LogWriter(path: log)
        try w.append(actor: "t:t") { _ in [RawEntry(type: 999, body: Array("one".utf8))] }
        let size = Int64(readBytes(log).count)
        let file = try PosixFileSystem.shared.open(log, .readOnly)
        #expect(file.durableMark(created: 1_750_000_000_000_000)?.end == size)
        // Another log that had this inode (another creation time) starts from nothing.
        #expect(try PosixFileSystem.shared.open(log, .readOnly).durableMark(created: 1)?.end == 0)
        // A page others may write could claim anything: it is not used at all.
        chmod(shm, 0o666)
        #expect(try PosixFileSystem.shared.open(log, .readOnly).durableMark(created: 1_750_000_000_000_000) == nil)
        chmod(shm, 0o644)
        // A log copied with its mark: the mark names another inode and is not believed.
        let copy = dir.file("copy.log")
        writeBytes(copy, readBytes(log))
        writeBytes(markPath(copy), readBytes(shm))
        #expect(try PosixFileSystem.shared.open(copy, .readOnly).durableMark(created: 1_750_000_000_000_000)?.end == 0, "another inode")
        // Deleting it only costs a sync: the next writer syncs and starts a new one.
        unlink(shm)
        let w2 = try LogWriter(path: log)
        try w2.append(actor: "t:t") { _ in [RawEntry(type: 999, body: Array("two".utf8))] }
        #expect(try PosixFileSystem.shared.open(log, .readOnly).durableMark(created: 1_750_000_000_000_000)?.end == Int64(readBytes(log).count))
    }
}
